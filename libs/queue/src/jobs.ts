/** Every queue and job Nhịp runs. A job's name fixes its payload type; a job id is always deterministic. */
export enum QueueName {
  Maintenance = 'maintenance',
}

export enum JobName {
  PurgeExpiredTokens = 'maintenance.purge-expired-tokens',
}

export interface JobPayloads {
  [JobName.PurgeExpiredTokens]: { olderThanHours: number };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredTokens]: QueueName.Maintenance,
};
