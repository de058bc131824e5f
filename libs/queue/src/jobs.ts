/** Every queue and job Nhịp runs. A job's name fixes its payload type; a job id is always deterministic. */
export enum QueueName {
  Maintenance = 'maintenance',
  Notifications = 'notifications',
  Publishing = 'publishing',
}

export enum JobName {
  PurgeExpiredTokens = 'maintenance.purge-expired-tokens',
  DeliverWebhook = 'notifications.deliver-webhook',
  Publish = 'publishing.publish',
  ResolvePublication = 'publishing.resolve',
  Reconcile = 'maintenance.reconcile-publications',
  RemindReportDeadlines = 'maintenance.remind-report-deadlines',
  RemindRelays = 'maintenance.remind-relays',
}

export interface JobPayloads {
  [JobName.PurgeExpiredTokens]: { olderThanHours: number };
  /** One row of the webhook outbox (Postgres holds the event; the job only carries the work). */
  [JobName.DeliverWebhook]: { outboxId: string };
  [JobName.Publish]: { publicationId: string; version: number };
  [JobName.ResolvePublication]: { publicationId: string; version: number };
  [JobName.Reconcile]: Record<string, never>;
  /** `today` (YYYY-MM-DD, local) only to replay a given day; the scheduled run uses the clock. */
  [JobName.RemindReportDeadlines]: { today?: string };
  [JobName.RemindRelays]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredTokens]: QueueName.Maintenance,
  [JobName.DeliverWebhook]: QueueName.Notifications,
  [JobName.Publish]: QueueName.Publishing,
  [JobName.ResolvePublication]: QueueName.Publishing,
  [JobName.Reconcile]: QueueName.Maintenance,
  [JobName.RemindReportDeadlines]: QueueName.Maintenance,
  [JobName.RemindRelays]: QueueName.Maintenance,
};

export interface QueueLocks {
  /** How long a worker's hold on an active job lasts; the living worker renews it every half of this. */
  lockDuration: number;
  /** How often workers look for active jobs whose lock is gone (their worker died) and put them back. */
  stalledInterval: number;
  /** Times a job may be put back so before it fails (the reconciler then re-queues a due publication). */
  maxStalledCount: number;
}

/**
 * Lock and stall settings per queue, where BullMQ's defaults (30 s lock, 30 s check) are too slow: a
 * publish job its worker died holding would wait up to a minute, holding up its publication and, behind
 * it, its account. Publish jobs are safe to take again (the claim is a conditional update on the row).
 */
export const QUEUE_LOCKS: Partial<Record<QueueName, QueueLocks>> = {
  [QueueName.Publishing]: { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 3 },
};

/** Past this, an active job no worker holds has been missed by every stall check. */
export const stallWindowMs = (queue: QueueName) => {
  const locks = QUEUE_LOCKS[queue];
  return locks ? locks.lockDuration + locks.stalledInterval : 60_000;
};
