import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';

/** A revocable secret URL for an agency's iCalendar subscription; only its hash is stored. */
@Entity('feed_tokens')
export class FeedTokenEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @ManyToOne(() => AgencyEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'agency_id' }) agency?: AgencyEntity;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'token_hash', type: 'text', unique: true }) tokenHash: string;
  /** Calendar filters the feed applies (channel types, campaign, plan task, include subordinate agencies). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) filters: Record<string, unknown>;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
