export * from './jobs';
export * from './recurring-jobs';
export * from './redis-connection';
export * from './redis.service';
export * from './queue.service';
export * from './job-runner';
export * from './queue.module';
