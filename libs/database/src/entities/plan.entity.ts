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

/** A plan (Kế hoạch) issued by an agency; `code` makes a re-import update instead of duplicate. */
@Entity('plans')
export class PlanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) title: string;
  /** Document number, e.g. "662/KH-UBND". */
  @Column({ type: 'text', nullable: true }) number: string | null;
  /** plan | decision | guide (Kế hoạch, Quyết định, Hướng dẫn). */
  @Column({ name: 'document_type', type: 'text', default: 'plan' }) documentType: string;
  /** Issue date as precise as the document: YYYY, YYYY-MM or YYYY-MM-DD. */
  @Column({ type: 'text', nullable: true }) issued: string | null;
  @Column({ type: 'text', nullable: true }) source: string | null;
  @Column({ name: 'issued_on', type: 'date', nullable: true }) issuedOn: string | null;
  @Column({ name: 'issuing_agency_id', type: 'uuid' }) issuingAgencyId: string;
  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuing_agency_id' })
  issuingAgency?: AgencyEntity;
  @Column({ name: 'period_start', type: 'date', nullable: true }) periodStart: string | null;
  @Column({ name: 'period_end', type: 'date', nullable: true }) periodEnd: string | null;
  /** Targets and report deadlines as imported; their own behaviour lives in the calendar and reports. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" }) targets: unknown[];
  @Column({ name: 'report_deadlines', type: 'jsonb', default: () => "'[]'::jsonb" }) reportDeadlines: unknown[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
