import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';
import type { PeakKind } from './enums';
import { PlanEntity } from './plan.entity';

/**
 * A campaign peak (Đợt cao điểm): a day or a window, one-off or yearly (RRULE). National days have no
 * agency; a plan's or agency's own peaks name it.
 */
@Entity('peaks')
export class PeakEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) key: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: PeakKind;
  @Column({ name: 'agency_id', type: 'uuid', nullable: true }) agencyId: string | null;
  @ManyToOne(() => AgencyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity | null;
  @Column({ name: 'plan_id', type: 'uuid', nullable: true }) planId: string | null;
  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'plan_id' }) plan?: PlanEntity | null;
  @Column({ name: 'starts_on', type: 'date' }) startsOn: string;
  @Column({ name: 'ends_on', type: 'date' }) endsOn: string;
  /** Yearly repetition for national days, e.g. FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=10. */
  @Column({ type: 'text', nullable: true }) rrule: string | null;
  @Column({ name: 'lead_up_days', type: 'integer', default: 0 }) leadUpDays: number;
  /** Items per day per agency by channel type during the peak, e.g. {"portal":1,"loudspeaker":2}. */
  @Column({ name: 'cadence_targets', type: 'jsonb', default: () => "'{}'::jsonb" }) cadenceTargets: Record<
    string,
    number
  >;
}
