import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { ChannelAccountEntity } from './channel-account.entity';
import type { ChannelType, VariantState } from './enums';
import { StoryEntity } from './story.entity';
import { UserEntity } from './user.entity';

/** A story's form for one channel account, moving through the editorial workflow. */
@Entity('variants')
export class VariantEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'story_id', type: 'uuid' }) storyId: string;
  @ManyToOne(() => StoryEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'story_id' }) story?: StoryEntity;
  @Column({ name: 'channel_account_id', type: 'uuid' }) channelAccountId: string;
  @ManyToOne(() => ChannelAccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_account_id' })
  channelAccount?: ChannelAccountEntity;
  @Column({ name: 'channel_type', type: 'text' }) channelType: ChannelType;
  /** Channel-shaped content, validated by that channel's rules (portal article, Facebook post, …). */
  @Column({ type: 'jsonb' }) content: Record<string, unknown>;
  @Column({ type: 'text', default: 'draft' }) state: VariantState;
  /** First occurrence, and an optional RRULE (RFC 5545, Asia/Ho_Chi_Minh) for recurring posts. */
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true }) scheduledAt: Date | null;
  @Column({ type: 'text', nullable: true }) rrule: string | null;
  /** Content revision: bumped by every edit so approvals and publications know what they saw. */
  @Column({ name: 'revision', type: 'integer', default: 1 }) revision: number;
  @VersionColumn({ name: 'row_version' }) rowVersion: number;
  /** Schedule into the channel account's next free posting slot when approved. */
  @Column({ name: 'use_next_slot', type: 'boolean', default: false }) useNextSlot: boolean;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy: string | null;
  /** What the last completed approval saw, so the queue can show what changed since. */
  @Column({ name: 'last_approved_revision', type: 'integer', nullable: true }) lastApprovedRevision: number | null;
  @Column({ name: 'last_approved_content', type: 'jsonb', nullable: true }) lastApprovedContent: Record<
    string,
    unknown
  > | null;
  @Column({ name: 'last_approved_schedule', type: 'jsonb', nullable: true }) lastApprovedSchedule: Record<
    string,
    unknown
  > | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'created_by' }) author?: UserEntity | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
