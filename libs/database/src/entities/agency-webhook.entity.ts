import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An agency's outgoing webhook; deliveries are signed with HMAC-SHA256 using the (encrypted) secret. */
@Entity('agency_webhooks')
export class AgencyWebhookEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @Column({ type: 'text' }) url: string;
  @Column({ name: 'secret_encrypted', type: 'text', select: false }) secretEncrypted: string;
  /** Notification kinds to deliver; empty means all. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) events: string[];
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
