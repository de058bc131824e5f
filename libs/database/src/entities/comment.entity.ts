import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StoryEntity } from './story.entity';
import { UserEntity } from './user.entity';

/** A comment on a story or one of its variants; `parentId` threads replies. */
@Entity('comments')
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'story_id', type: 'uuid' }) storyId: string;
  @ManyToOne(() => StoryEntity, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'story_id' }) story?: StoryEntity;
  @Column({ name: 'variant_id', type: 'uuid', nullable: true }) variantId: string | null;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'author_id' }) author?: UserEntity;
  @Column({ type: 'text' }) body: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
