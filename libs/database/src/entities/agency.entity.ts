import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { AgencyKind } from './enums';

/** An organisation in the hierarchy province → department / commune-ward. */
@Entity('agencies')
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Nhịp's stable code (ascii slug), used by plan files and imports. */
  @Column({ type: 'text', unique: true }) code: string;
  /** Official administrative-unit code where known. */
  @Column({ name: 'official_code', type: 'text', nullable: true }) officialCode: string | null;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'short_name', type: 'text', nullable: true }) shortName: string | null;
  @Column({ type: 'text' }) kind: AgencyKind;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: AgencyEntity | null;
  /** Whether a member's variant needs a second approval (e.g. culture office, then the chairman). */
  @Column({ name: 'required_approvals', type: 'smallint', default: 1 }) requiredApprovals: number;
  @Column({ name: 'allow_self_approval', type: 'boolean', default: false }) allowSelfApproval: boolean;
  /** "Nơi nhận" of every report of the agency, besides those its plans name. */
  @Column({ name: 'report_recipients', type: 'text', array: true, default: () => "'{}'" }) reportRecipients: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
