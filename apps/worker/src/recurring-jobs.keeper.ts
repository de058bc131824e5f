import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@nhip/core';
import { QueueService, recurringJobs } from '@nhip/queue';

/**
 * Recurring jobs are job schedulers in Redis. When Redis loses its data (FLUSHALL, a restart without
 * persistence) they go with the queues, and nothing would run them again — not even the reconciler that
 * rebuilds the queues — until an api restarts. So once per reconciler tick every worker checks the
 * schedulers it has seen and puts back any that is gone (an idempotent upsert: one run per tick however
 * many workers do it). One never seen is left alone: scheduling is the api's call at boot.
 */
@Injectable()
export class RecurringJobsKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecurringJobsKeeper.name);
  private readonly seen = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    const check = () =>
      void this.check().catch((e: Error) => this.logger.warn({ error: e.message }, 'recurring jobs not checked'));
    this.timer = setInterval(check, this.config.reconcileEverySeconds * 1000);
    this.timer.unref();
    check();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async check(): Promise<string[]> {
    const restored: string[] = [];
    for (const job of recurringJobs(this.config)) {
      if (await this.queues.hasScheduler(job)) {
        this.seen.add(job.id);
      } else if (this.seen.has(job.id)) {
        await this.queues.scheduleRecurring(job);
        restored.push(job.id);
      }
    }
    if (restored.length)
      this.logger.warn({ restored }, 'job schedulers were missing from Redis (data lost?); restored');
    return restored;
  }
}
