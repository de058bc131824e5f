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
}

export interface JobPayloads {
  [JobName.PurgeExpiredTokens]: { olderThanHours: number };
  [JobName.DeliverWebhook]: { webhookId: string; event: string; eventId: string; payload: Record<string, unknown> };
  [JobName.Publish]: { publicationId: string; version: number };
  [JobName.ResolvePublication]: { publicationId: string; version: number };
  [JobName.Reconcile]: Record<string, never>;
  /** `today` (YYYY-MM-DD, local) only to replay a given day; the scheduled run uses the clock. */
  [JobName.RemindReportDeadlines]: { today?: string };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredTokens]: QueueName.Maintenance,
  [JobName.DeliverWebhook]: QueueName.Notifications,
  [JobName.Publish]: QueueName.Publishing,
  [JobName.ResolvePublication]: QueueName.Publishing,
  [JobName.Reconcile]: QueueName.Maintenance,
  [JobName.RemindReportDeadlines]: QueueName.Maintenance,
};
