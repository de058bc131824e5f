import { Injectable, OnModuleInit } from '@nestjs/common';
import { WebhookService } from '@nhip/notifications';
import { JobName, JobRunner } from '@nhip/queue';

/** Signed webhook deliveries; a failed delivery throws so BullMQ retries it with backoff. */
@Injectable()
export class NotificationsProcessor implements OnModuleInit {
  constructor(
    private readonly runner: JobRunner,
    private readonly webhooks: WebhookService,
  ) {}

  onModuleInit() {
    this.runner.register(JobName.DeliverWebhook, ({ outboxId }) => this.webhooks.deliver(outboxId));
  }
}
