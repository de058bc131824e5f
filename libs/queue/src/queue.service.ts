import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue, RepeatOptions } from 'bullmq';
import { AppConfig } from '@nhip/core';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './jobs';
import type { RecurringJob } from './recurring-jobs';
import { bullConnection } from './redis-connection';

/** The producer side of every queue: typed `add`, job schedulers, and counts for health. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: bullConnection(this.config.redisUrl, 'producer'),
        prefix: this.config.queuePrefix,
        defaultJobOptions: { removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } },
      });
      queue.on('error', () => undefined); // surfaced to callers of add() and to /health
      this.queues.set(name, queue);
    }
    return queue;
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], options: JobsOptions & { jobId: string }) {
    return this.queue(JOB_QUEUE[name]).add(name, data, options);
  }

  /** Idempotent: every instance may call it at boot; Redis keeps one scheduler per id. */
  async schedule<N extends JobName>(
    schedulerId: string,
    repeat: Omit<RepeatOptions, 'key'>,
    name: N,
    data: JobPayloads[N],
  ) {
    return this.queue(JOB_QUEUE[name]).upsertJobScheduler(schedulerId, repeat, { name, data });
  }

  scheduleRecurring(job: RecurringJob) {
    return this.schedule(job.id, job.repeat, job.name, job.data);
  }

  async hasScheduler(job: RecurringJob): Promise<boolean> {
    return Boolean(await this.queue(JOB_QUEUE[job.name]).getJobScheduler(job.id));
  }

  /** Whether the job's queue holds a job with this id, in any state. */
  async hasJob(name: JobName, jobId: string): Promise<boolean> {
    return Boolean(await this.queue(JOB_QUEUE[name]).getJob(jobId));
  }

  async workerCount(name: QueueName): Promise<number> {
    return this.queue(name).getWorkersCount();
  }

  async onApplicationShutdown() {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
