import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { CredentialCipher } from '@nhip/core';
import { QueueModule } from '@nhip/queue';
import { NotificationService } from './notification.service';
import { WebhookService } from './webhook.service';

@Module({
  imports: [AuditModule, QueueModule],
  providers: [CredentialCipher, NotificationService, WebhookService],
  exports: [NotificationService, WebhookService],
})
export class NotificationsModule {}
