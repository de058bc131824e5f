/** Every queue and job Nhịp runs. A job's name fixes its payload type; a job id is always deterministic. */
export enum QueueName {
  Maintenance = 'maintenance',
  Notifications = 'notifications',
}

export enum JobName {
  PurgeExpiredTokens = 'maintenance.purge-expired-tokens',
  DeliverWebhook = 'notifications.deliver-webhook',
}

export interface JobPayloads {
  [JobName.PurgeExpiredTokens]: { olderThanHours: number };
  [JobName.DeliverWebhook]: { webhookId: string; event: string; eventId: string; payload: Record<string, unknown> };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpiredTokens]: QueueName.Maintenance,
  [JobName.DeliverWebhook]: QueueName.Notifications,
};
