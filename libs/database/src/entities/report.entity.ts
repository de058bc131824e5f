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
}
