import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';
import { VariantEntity } from './variant.entity';

/** An editor's decision on one revision of a variant; step 2 exists where an agency asks for two approvals. */
@Entity('approvals')
export class ApprovalEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'variant_id', type: 'uuid' }) variantId: string;
  @ManyToOne(() => VariantEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'variant_id' }) variant?: VariantEntity;
  @Column({ type: 'integer' }) revision: number;
  @Column({ type: 'smallint' }) step: number;
  @Column({ type: 'text' }) decision: 'approved' | 'changes_requested';
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'user_id' }) user?: UserEntity;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
