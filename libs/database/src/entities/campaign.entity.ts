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
import { PlanEntity } from './plan.entity';

/** A communication campaign of an agency, optionally carrying out a plan. */
@Entity('campaigns')
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'agency_id' }) agency?: AgencyEntity;
  @Column({ name: 'plan_id', type: 'uuid', nullable: true }) planId: string | null;
  @ManyToOne(() => PlanEntity, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'plan_id' }) plan?: PlanEntity | null;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'starts_on', type: 'date', nullable: true }) startsOn: string | null;
  @Column({ name: 'ends_on', type: 'date', nullable: true }) endsOn: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
