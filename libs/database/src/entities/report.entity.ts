import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AgencyEntity } from './agency.entity';

/** A generated report: the JSON computed at generation time, so reading it later returns what was generated. */
@Entity('reports')
@Unique(['agencyId', 'year', 'seq'])
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'agency_id' }) agency?: AgencyEntity;
  /** Year of issue; `seq` counts the agency's reports within it. */
  @Column({ type: 'integer' }) year: number;
  @Column({ type: 'integer' }) seq: number;
  /** As printed on the document, e.g. "3/BC-UBND". */
  @Column({ type: 'text' }) number: string;
  /** "2026-H1", "2026-H2", "2026" or "custom". */
  @Column({ name: 'period_key', type: 'text' }) periodKey: string;
  @Column({ name: 'period_from', type: 'date' }) periodFrom: string;
  @Column({ name: 'period_to', type: 'date' }) periodTo: string;
  @Column({ name: 'plan_ids', type: 'uuid', array: true, default: () => "'{}'" }) planIds: string[];
  @Column({ type: 'jsonb' }) snapshot: Record<string, unknown>;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'text', default: 'draft' }) state: ReportState;
  /** Bumped by every change; a write naming an older revision is refused. */
  @Column({ type: 'integer', default: 1 }) revision: number;
  /** What the report was asked for (plan, signer, drafting unit, recipients), to rebuild its figures. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) options: Record<string, unknown>;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'approved_by', type: 'uuid', nullable: true }) approvedBy: string | null;
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  /** The approved DOCX as signed; never rendered again. */
  @Column({ name: 'final_docx', type: 'bytea', nullable: true, select: false }) finalDocx: Buffer | null;
  @Column({ name: 'final_sha256', type: 'text', nullable: true }) finalSha256: string | null;
}

/** draft (figures live, text editable) → submitted (to the signer) → approved (frozen). */
export type ReportState = 'draft' | 'submitted' | 'approved';
