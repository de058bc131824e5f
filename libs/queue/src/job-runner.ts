import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '@nhip/core';
import { JOB_QUEUE, JobName, JobPayloads, QUEUE_LOCKS, QueueName } from './jobs';
import { bullConnection } from './redis-connection';

/** `token` is the worker's lock token, needed to move the job (e.g. back to delayed). */
export type JobHandler<N extends JobName> = (data: JobPayloads[N], job: Job, token?: string) => Promise<unknown>;

/**
 * The consumer side: one BullMQ Worker per queue, dispatching by job name to registered handlers.
 * Only the worker app starts it. An unknown job name fails the job loudly.
 */
@Injectable()
export class JobRunner implements OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  private readonly workers: Worker[] = [];

  constructor(private readonly config: AppConfig) {}

  register<N extends JobName>(name: N, handler: JobHandler<N>) {
    this.handlers.set(name, handler as JobHandler<JobName>);
  }

  start(concurrency: Partial<Record<QueueName, number>> = {}) {
    const queues = new Set([...this.handlers.keys()].map((name) => JOB_QUEUE[name]));
    for (const queueName of queues) {
      const worker = new Worker(queueName, (job, token) => this.dispatch(job, token), {
        connection: bullConnection(this.config.redisUrl, 'worker'),
        prefix: this.config.queuePrefix,
        concurrency: concurrency[queueName] ?? 1,
        ...QUEUE_LOCKS[queueName],
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({ jobId: job?.id, name: job?.name, error: error.message }, 'job failed'),
      );
      worker.on('error', (error) => this.logger.error({ error: error.message }, 'worker error'));
      this.workers.push(worker);
    }
    return Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  private async dispatch(job: Job, token?: string) {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    return handler(job.data, job, token);
  }

  /** Stops taking jobs and waits for those in flight, up to the configured grace period. */
  async onApplicationShutdown() {
    const grace = new Promise((resolve) => setTimeout(resolve, this.config.shutdownGraceSeconds * 1000).unref());
    await Promise.race([Promise.all(this.workers.map((w) => w.close())), grace]);
    await Promise.all(this.workers.map((w) => w.close(true).catch(() => undefined)));
  }
}
