import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AgencyEntity } from './agency.entity';
import type { StoryFormat } from './enums';
import { CampaignEntity } from './campaign.entity';
import { PeakEntity } from './peak.entity';
import { PlanTaskEntity } from './plan-task.entity';
import { UserEntity } from './user.entity';

/** One story written once; the variants carry it to each channel. Text is stored NFC. */
@Entity('stories')
export class StoryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'agency_id' }) agency?: AgencyEntity;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', default: '' }) summary: string;
  @Column({ type: 'text', default: '' }) body: string;
  /** Title, summary and body without diacritics, lower-case: search with or without diacritics. */
  @Column({ name: 'search_folded', type: 'text', default: '', select: false }) searchFolded: string;
  @Column({ type: 'text', default: 'news' }) format: StoryFormat;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) audiences: string[];
  /** BCP 47 tag: "vi", or an ethnic-minority language such as "hnj" (Hmong) or "tay". */
  @Column({ type: 'text', default: 'vi' }) language: string;
  /** The Vietnamese story this one translates, when it is a language variant. */
  @Column({ name: 'source_story_id', type: 'uuid', nullable: true }) sourceStoryId: string | null;
  @ManyToOne(() => StoryEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'source_story_id' })
  sourceStory?: StoryEntity | null;
  @Column({ name: 'campaign_id', type: 'uuid', nullable: true }) campaignId: string | null;
  @ManyToOne(() => CampaignEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: CampaignEntity | null;
  @Column({ name: 'plan_task_id', type: 'uuid', nullable: true }) planTaskId: string | null;
  @ManyToOne(() => PlanTaskEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'plan_task_id' })
  planTask?: PlanTaskEntity | null;
  @Column({ name: 'peak_id', type: 'uuid', nullable: true }) peakId: string | null;
  @ManyToOne(() => PeakEntity, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'peak_id' }) peak?: PeakEntity | null;
  /** Images and audio: [{kind, url, caption?}]. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" }) media: Array<Record<string, unknown>>;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'created_by' }) author?: UserEntity | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
