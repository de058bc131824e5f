import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AgencyEntity } from './agency.entity';
import { PlanEntity } from './plan.entity';

/** A numbered task (Nhiệm vụ) of a plan's appendix. */
@Entity('plan_tasks')
@Unique(['planId', 'number'])
export class PlanTaskEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId: string;
  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'plan_id' }) plan?: PlanEntity;
  /** As printed: "1.1", "3", "II.2". */
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'lead_agency_id', type: 'uuid', nullable: true }) leadAgencyId: string | null;
  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_agency_id' })
  leadAgency?: AgencyEntity | null;
  @Column({ type: 'text', nullable: true }) details: string | null;
  /** The document's own wording of the lead and coordinating agencies. */
  @Column({ name: 'lead_text', type: 'text', nullable: true }) leadText: string | null;
  @Column({ name: 'coordinators_text', type: 'text', nullable: true }) coordinatorsText: string | null;
  @Column({ type: 'text', nullable: true }) deliverable: string | null;
  /** The due phrase verbatim ("Thường xuyên", "Quý II năm 2026"). */
  @Column({ name: 'due_phrase', type: 'text', nullable: true }) duePhrase: string | null;
  /** The parsed phrase: a date, a window, a recurrence, ongoing — or unknown and flagged. */
  @Column({ name: 'due_spec', type: 'jsonb', nullable: true }) dueSpec: Record<string, unknown> | null;
  @Column({ name: 'due_flagged', type: 'boolean', default: false }) dueFlagged: boolean;
  @Column({ type: 'integer', default: 0 }) position: number;
}
