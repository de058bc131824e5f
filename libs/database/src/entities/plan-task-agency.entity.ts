import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';
import { PlanTaskEntity } from './plan-task.entity';

/** A further lead (co_lead) or a coordinating agency (coordinator) of a plan task. */
@Entity('plan_task_coordinators')
export class PlanTaskAgencyEntity {
  @PrimaryColumn({ name: 'plan_task_id', type: 'uuid' }) planTaskId: string;
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @Column({ type: 'text', default: 'coordinator' }) role: 'co_lead' | 'coordinator';
  @ManyToOne(() => PlanTaskEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'plan_task_id' }) task?: PlanTaskEntity;
  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'agency_id' }) agency?: AgencyEntity;
}
