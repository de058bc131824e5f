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
import type { ChannelAccountStatus, ChannelType } from './enums';

/** A connected channel (a WordPress portal, a Facebook Page, a Zalo OA, a loudspeaker endpoint). */
@Entity('channel_accounts')
export class ChannelAccountEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'agency_id' }) agency?: AgencyEntity;
  @Column({ type: 'text' }) type: ChannelType;
  @Column({ type: 'text' }) name: string;
  /** Non-secret settings: site URL, page id, OA id, endpoint, publishing mode. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) settings: Record<string, unknown>;
  /** AES-256-GCM ciphertext of the secret fields; never leaves the server. */
  @Column({ name: 'credentials_encrypted', type: 'text', nullable: true, select: false }) credentialsEncrypted:
    string | null;
  /** Bumped on every credential write, so a token refresh can update only what it read. */
  @Column({ name: 'credentials_version', type: 'integer', default: 0 }) credentialsVersion: number;
  @Column({ type: 'text', default: 'active' }) status: ChannelAccountStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason: string | null;
  /** Publishes to the sandbox Nhịp serves itself (`sandbox_posts`); set only by the demo seed. */
  @Column({ type: 'boolean', default: false }) sandbox: boolean;
  /** Rehearsal: the whole engine runs, but the channel only validates; publications end `rehearsed`. */
  @Column({ type: 'boolean', default: false }) rehearsal: boolean;
  @Column({ name: 'rate_limit_per_minute', type: 'integer', nullable: true }) rateLimitPerMinute: number | null;
  @Column({ type: 'integer', default: 1 }) concurrency: number;
  /** Until when the channel asked the whole account to wait (throttled, temporarily blocked): nothing is sent before. */
  @Column({ name: 'cooldown_until', type: 'timestamptz', nullable: true }) cooldownUntil: Date | null;
  /** What the channel said when it asked for that wait: kind, code, message, when a block began, waits so far. */
  @Column({ type: 'jsonb', nullable: true }) cooldown: Record<string, unknown> | null;
  /** Local times (HH:mm, Asia/Ho_Chi_Minh) at which this account posts, for "next free slot". */
  @Column({ name: 'posting_slots', type: 'text', array: true, default: () => "'{}'" }) postingSlots: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
