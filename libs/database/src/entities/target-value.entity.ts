import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * A plan target's value that Nhịp cannot count (residents reached, staff trained), entered by hand for
 * one agency and period; the source of the figure is mandatory. Every change is in the audit trail.
 */
@Entity('target_values')
@Unique(['agencyId', 'planId', 'targetKey', 'periodFrom', 'periodTo'])
export class TargetValueEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId: string;
  @Column({ name: 'target_key', type: 'text' }) targetKey: string;
  @Column({ name: 'period_from', type: 'date' }) periodFrom: string;
  @Column({ name: 'period_to', type: 'date' }) periodTo: string;
  /** numeric(14,2); the driver returns it as a string. */
  @Column({ type: 'numeric', precision: 14, scale: 2 }) value: string;
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'entered_by', type: 'uuid', nullable: true }) enteredBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
