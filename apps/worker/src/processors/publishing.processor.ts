import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { AppConfig } from '@nhip/core';
import { PublishRunner, RECONCILE_SCHEDULER_ID, Reconciler, scheduleReconciler, UnknownResolver } from '@nhip/publishing';
import { JobName, JobRunner, QueueName, QueueService } from '@nhip/queue';

/** Publish and lookup jobs, and the reconciler tick. Retries are decided in Postgres, not by BullMQ. */
@Injectable()
export class PublishingProcessor implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PublishingProcessor.name);
  private watchdog?: NodeJS.Timeout;
  private schedulerSeen = false;

  constructor(
    private readonly runner: JobRunner,
    private readonly publisher: PublishRunner,
    private readonly resolver: UnknownResolver,
    private readonly reconciler: Reconciler,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.runner.register(JobName.Publish, async ({ publicationId, version }, job, token) => {
      const outcome = await this.publisher.run(publicationId, version);
      // Not yet due, or the account's slot is busy: the same job waits, keeping its deterministic id.
      if (!outcome.ran && outcome.retryInMs !== undefined) await delay(job, outcome.retryInMs, token);
      return outcome;
    });
    this.runner.register(JobName.ResolvePublication, ({ publicationId, version }) => this.resolver.resolve(publicationId, version));
    this.runner.register(JobName.Reconcile, () => this.reconciler.tick());
  }

  /**
   * The reconciler is itself a job in Redis. When Redis loses its data (FLUSHALL, a restart without
   * persistence) the scheduler goes with the queues it was to rebuild, and nothing would run it again
   * until an api restarts. So once per tick every worker checks that the scheduler it has seen is still
   * there, and puts it back (an idempotent upsert: one run per tick however many workers do it).
   */
  onApplicationBootstrap() {
    const check = () => void this.keepReconcilerScheduled().catch((e: Error) => this.logger.warn({ error: e.message }, 'reconciler schedule not checked'));
    this.watchdog = setInterval(check, this.config.reconcileEverySeconds * 1000);
    this.watchdog.unref();
    check();
  }

  onApplicationShutdown() {
    clearInterval(this.watchdog);
  }

  private async keepReconcilerScheduled() {
    if (await this.queues.queue(QueueName.Maintenance).getJobScheduler(RECONCILE_SCHEDULER_ID)) {
      this.schedulerSeen = true;
      return;
    }
    // Never seen: no api has scheduled it yet, which is not this worker's call to make.
    if (!this.schedulerSeen) return;
    await scheduleReconciler(this.queues, this.config);
    this.logger.warn('the reconciler job scheduler was missing from Redis (data lost?); restored');
  }
}

async function delay(job: Job, ms: number, token?: string): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(50, Math.round(ms * (0.9 + Math.random() * 0.2))), token);
  throw new DelayedError();
}
