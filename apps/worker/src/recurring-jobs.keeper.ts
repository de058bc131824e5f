import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@nhip/core';
import { ReconcilerLiveness } from '@nhip/publishing';
import { QueueService, recurringJobs } from '@nhip/queue';

/** The keeper's tick: short, so a lost scheduler comes back well within one reconciler tick. */
const keeperEveryMs = (config: Pick<AppConfig, 'reconcileEverySeconds'>) =>
  Math.min(config.reconcileEverySeconds, 10) * 1000;

/**
 * Recurring jobs are job schedulers in Redis. When Redis loses its data (FLUSHALL, a restart without
 * persistence) they go with the queues, and nothing would run them again — not even the reconciler that
 * rebuilds the queues. So every worker, at start and on a short tick, makes sure every scheduler in
 * `recurringJobs` exists, whatever it has or has not seen before (an idempotent upsert by scheduler id:
 * one run per tick however many workers do it). On the same tick it checks the reconciler's liveness
 * and tells the administrators once if it has stalled.
 */
@Injectable()
export class RecurringJobsKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecurringJobsKeeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly queues: QueueService,
    private readonly liveness: ReconcilerLiveness,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    const tick = () => {
      void this.check().catch((e: Error) => this.logger.warn({ error: e.message }, 'recurring jobs not checked'));
      void this.liveness
        .notifyIfStalled()
        .catch((e: Error) => this.logger.warn({ error: e.message }, 'reconciler liveness not checked'));
    };
    this.timer = setInterval(tick, keeperEveryMs(this.config));
    this.timer.unref();
    tick();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  /** Puts back every missing scheduler; returns the ids put back. */
  async check(): Promise<string[]> {
    const restored: string[] = [];
    for (const job of recurringJobs(this.config)) {
      if (await this.queues.hasScheduler(job)) continue;
      await this.queues.scheduleRecurring(job);
      restored.push(job.id);
    }
    if (restored.length) this.logger.warn({ restored }, 'job schedulers were missing from Redis; restored');
    return restored;
  }
}
