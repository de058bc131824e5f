import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { AttemptOutcome } from './enums';
import { PublicationEntity } from './publication.entity';

/** One call out to a channel for a publication, with what was sent and what came back. */
@Entity('publication_attempts')
@Unique(['publicationId', 'number'])
export class PublicationAttemptEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'publication_id', type: 'uuid' }) publicationId: string;
  @ManyToOne(() => PublicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'publication_id' })
  publication?: PublicationEntity;
  @Column({ type: 'integer' }) number: number;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ type: 'text', nullable: true }) outcome: AttemptOutcome | null;
  @Column({ name: 'request_summary', type: 'jsonb', nullable: true }) requestSummary: Record<string, unknown> | null;
  @Column({ name: 'response_summary', type: 'jsonb', nullable: true }) responseSummary: Record<string, unknown> | null;
  @Column({ name: 'error_code', type: 'text', nullable: true }) errorCode: string | null;
  /** The channel's reason, in Vietnamese. */
  @Column({ name: 'error_message', type: 'text', nullable: true }) errorMessage: string | null;
}
