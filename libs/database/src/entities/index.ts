import { AgencyWebhookEntity } from './agency-webhook.entity';
import { AgencyEntity } from './agency.entity';
import { ApprovalEntity } from './approval.entity';
import { CommentEntity } from './comment.entity';
import { NotificationEntity } from './notification.entity';
import { ApiTokenEntity } from './api-token.entity';
import { AuditEventEntity } from './audit-event.entity';
import { CampaignEntity } from './campaign.entity';
import { ChannelAccountEntity } from './channel-account.entity';
import { FeedTokenEntity } from './feed-token.entity';
import { InvitationEntity } from './invitation.entity';
import { MembershipEntity } from './membership.entity';
import { PeakEntity } from './peak.entity';
import { PlanTaskAgencyEntity } from './plan-task-agency.entity';
import { PlanTaskEntity } from './plan-task.entity';
import { PlanEntity } from './plan.entity';
import { PublicationAttemptEntity } from './publication-attempt.entity';
import { PublicationEntity } from './publication.entity';
import { StoryEntity } from './story.entity';
import { UserEntity } from './user.entity';
import { VariantEntity } from './variant.entity';
import { ReportEntity } from './report.entity';
import { ReportReminderEntity } from './report-reminder.entity';
import { TargetValueEntity } from './target-value.entity';

export * from './enums';
export type { InvitationState } from './invitation.entity';
export type { ReportState } from './report.entity';
export {
  AgencyWebhookEntity,
  ApprovalEntity,
  CommentEntity,
  NotificationEntity,
  AgencyEntity,
  ApiTokenEntity,
  AuditEventEntity,
  CampaignEntity,
  ChannelAccountEntity,
  FeedTokenEntity,
  InvitationEntity,
  MembershipEntity,
  PeakEntity,
  PlanEntity,
  PlanTaskAgencyEntity,
  PlanTaskEntity,
  PublicationAttemptEntity,
  PublicationEntity,
  StoryEntity,
  UserEntity,
  VariantEntity,
  ReportEntity,
  ReportReminderEntity,
  TargetValueEntity,
};

export const ENTITIES = [
  AgencyEntity,
  UserEntity,
  MembershipEntity,
  InvitationEntity,
  ChannelAccountEntity,
  PlanEntity,
  PlanTaskEntity,
  PlanTaskAgencyEntity,
  CampaignEntity,
  PeakEntity,
  StoryEntity,
  VariantEntity,
  PublicationEntity,
  PublicationAttemptEntity,
  AuditEventEntity,
  FeedTokenEntity,
  ApiTokenEntity,
  ApprovalEntity,
  CommentEntity,
  NotificationEntity,
  AgencyWebhookEntity,
  ReportEntity,
  TargetValueEntity,
  ReportReminderEntity,
];
