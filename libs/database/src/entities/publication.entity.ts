import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ChannelAccountEntity } from './channel-account.entity';
import type { PublicationState } from './enums';
import { VariantEntity } from './variant.entity';

/**
 * The truth about one variant going to one channel account at one occurrence. The queue is derived
 * from these rows; `version` is part of the job id so stale jobs become no-ops.
 */
@Entity('publications')
@Unique(['variantId', 'channelAccountId', 'occurrenceAt'])
export class PublicationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'variant_id', type: 'uuid' }) variantId: string;
  @ManyToOne(() => VariantEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'variant_id' }) variant?: VariantEntity;
  @Column({ name: 'channel_account_id', type: 'uuid' }) channelAccountId: string;
  @ManyToOne(() => ChannelAccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_account_id' })
  channelAccount?: ChannelAccountEntity;
  @Column({ name: 'occurrence_at', type: 'timestamptz' }) occurrenceAt: Date;
  /** The variant revision this publication carries. */
  @Column({ name: 'variant_revision', type: 'integer' }) variantRevision: number;
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'text', default: 'scheduled' }) state: PublicationState;
  /** Sent to the channel (slug, marker) so an unknown outcome can be looked up. */
  @Column({ name: 'idempotency_key', type: 'text', unique: true }) idempotencyKey: string;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId: string | null;
  @Column({ name: 'external_url', type: 'text', nullable: true }) externalUrl: string | null;
  @Column({ name: 'attempt_count', type: 'integer', default: 0 }) attemptCount: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true }) nextAttemptAt: Date | null;
  @Column({ name: 'claimed_by', type: 'text', nullable: true }) claimedBy: string | null;
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true }) claimedAt: Date | null;
  @Column({ name: 'last_error', type: 'jsonb', nullable: true }) lastError: Record<string, unknown> | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
