import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { ChannelsModule } from '@nhip/channels';
import { IdentityModule } from '@nhip/identity';
import { NotificationsModule } from '@nhip/notifications';
import { PublishingModule } from '@nhip/publishing';
import { QueueModule } from '@nhip/queue';
import { CommentService } from './comments/comment.service';
import { MediaService } from './media/media.service';
import { ApprovalQueueService } from './queue/approval-queue.service';
import { RelayService } from './relay/relay.service';
import { StoryService } from './stories/story.service';
import { VariantService } from './variants/variant.service';

@Module({
  imports: [AuditModule, ChannelsModule, IdentityModule, NotificationsModule, PublishingModule, QueueModule],
  providers: [StoryService, VariantService, ApprovalQueueService, CommentService, MediaService, RelayService],
  exports: [StoryService, VariantService, ApprovalQueueService, CommentService, MediaService, RelayService],
})
export class EditorialModule {}
