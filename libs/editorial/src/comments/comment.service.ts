import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { DomainError, nfc } from '@nhip/core';
import { CommentEntity } from '@nhip/database';

export interface CommentNode {
  id: string;
  variantId: string | null;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
  replies: CommentNode[];
}

/** Threaded comments on a story and its variants. */
@Injectable()
export class CommentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Adds a comment (NFC, trimmed) with its audit record, in the caller's transaction when one is given. */
  async add(
    storyId: string,
    input: { body: string; variantId?: string; parentId?: string },
    actorUserId: string,
    within?: EntityManager,
  ): Promise<CommentEntity> {
    const write = async (manager: EntityManager) => {
      if (input.variantId) {
        const [v] = await manager.query(`SELECT story_id FROM variants WHERE id = $1`, [input.variantId]);
        if (!v || v.story_id !== storyId)
          throw DomainError.invalid('VARIANT_NOT_IN_STORY', 'Nội dung theo kênh không thuộc tin bài này.');
      }
      if (input.parentId) {
        const [p] = await manager.query(`SELECT story_id FROM comments WHERE id = $1`, [input.parentId]);
        if (!p || p.story_id !== storyId)
          throw DomainError.invalid(
            'PARENT_COMMENT_NOT_FOUND',
            'Không tìm thấy bình luận được trả lời trong tin bài này.',
          );
      }
      const comment = await manager.save(
        manager.create(CommentEntity, {
          storyId,
          variantId: input.variantId ?? null,
          parentId: input.parentId ?? null,
          authorId: actorUserId,
          body: nfc(input.body).trim(),
        }),
      );
      await this.audit.record(
        {
          action: 'comment.added',
          subjectType: 'story',
          subjectId: storyId,
          actorUserId,
          data: { commentId: comment.id, variantId: comment.variantId },
        },
        manager,
      );
      return comment;
    };
    return within ? write(within) : this.db.transaction(write);
  }

  async thread(storyId: string): Promise<CommentNode[]> {
    const rows: Array<{
      id: string;
      variant_id: string | null;
      parent_id: string | null;
      author_id: string;
      name: string;
      body: string;
      created_at: Date;
    }> = await this.db.query(
      `SELECT c.id, c.variant_id, c.parent_id, c.author_id, u.display_name AS name, c.body, c.created_at
         FROM comments c JOIN users u ON u.id = c.author_id WHERE c.story_id = $1 ORDER BY c.created_at, c.id`,
      [storyId],
    );
    const nodes = new Map<string, CommentNode>(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          variantId: r.variant_id,
          author: { id: r.author_id, name: r.name },
          body: r.body,
          createdAt: r.created_at.toISOString(),
          replies: [],
        },
      ]),
    );
    const roots: CommentNode[] = [];
    for (const r of rows)
      (r.parent_id && nodes.get(r.parent_id) ? nodes.get(r.parent_id)!.replies : roots).push(nodes.get(r.id)!);
    return roots;
  }
}
