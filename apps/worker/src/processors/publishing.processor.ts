import { Injectable, OnModuleInit } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { PublishRunner, Reconciler, UnknownResolver } from '@nhip/publishing';
import { JobName, JobRunner } from '@nhip/queue';

/** Publish and lookup jobs, and the reconciler tick. Retries are decided in Postgres, not by BullMQ. */
@Injectable()
export class PublishingProcessor implements OnModuleInit {
  constructor(
    private readonly runner: JobRunner,
    private readonly publisher: PublishRunner,
    private readonly resolver: UnknownResolver,
    private readonly reconciler: Reconciler,
  ) {}

  onModuleInit() {
    this.runner.register(JobName.Publish, async ({ publicationId, version }, job, token) => {
      const outcome = await this.publisher.run(publicationId, version);
      // Not yet due, or the account's slot is busy: the same job waits, keeping its deterministic id.
      if (!outcome.ran && outcome.retryInMs !== undefined) await delay(job, outcome.retryInMs, token);
      return outcome;
    });
    this.runner.register(JobName.ResolvePublication, ({ publicationId, version }) =>
      this.resolver.resolve(publicationId, version),
    );
    this.runner.register(JobName.Reconcile, () => this.reconciler.tick());
  }
}

async function delay(job: Job, ms: number, token?: string): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(50, Math.round(ms * (0.9 + Math.random() * 0.2))), token);
  throw new DelayedError();
}
