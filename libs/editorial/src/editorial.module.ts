import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { ChannelsModule } from '@nhip/channels';
import { CredentialCipher } from '@nhip/core';
import { IdentityModule } from '@nhip/identity';
import { PublishingModule } from '@nhip/publishing';
import { QueueModule } from '@nhip/queue';
import { CommentService } from './comments/comment.service';
import { NotificationService } from './notifications/notification.service';
import { WebhookService } from './notifications/webhook.service';
import { ApprovalQueueService } from './queue/approval-queue.service';
import { StoryService } from './stories/story.service';
import { VariantService } from './variants/variant.service';

@Module({
  imports: [AuditModule, ChannelsModule, IdentityModule, PublishingModule, QueueModule],
  providers: [CredentialCipher, StoryService, VariantService, ApprovalQueueService, CommentService, NotificationService, WebhookService],
  exports: [StoryService, VariantService, ApprovalQueueService, CommentService, NotificationService, WebhookService],
})
export class EditorialModule {}
