import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DomainError } from '@nhip/core';
import { NotificationEntity } from '@nhip/database';
import { JobName, QueueService } from '@nhip/queue';

export type NotificationKind =
  | 'approval_requested'
  | 'changes_requested'
  | 'approved'
  | 'schedule_missed'
  | 'publication_failed'
  | 'reconciler_stalled'
  | 'report_deadline'
  | 'relay_offered'
  | 'relay_reminder';

export interface NewNotification {
  kind: NotificationKind;
  title: string;
  body?: string;
  link?: string;
  data?: Record<string, unknown>;
}

/**
 * In-app notifications per user, and the agency's outgoing webhooks. Rows are written in the caller's
 * transaction; webhook deliveries go into the outbox there too (`recordWebhooks`), and are queued after
 * it commits (`handOverWebhooks`).
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger(NotificationService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueService,
  ) {}

  /** Writes one notification per user (each once) and returns their ids by user. */
  async notifyUsers(
    manager: EntityManager,
    userIds: string[],
    notification: NewNotification,
  ): Promise<Map<string, string>> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return new Map();
    const saved = await manager.save(
      unique.map((userId) =>
        manager.create(NotificationEntity, {
          userId,
          kind: notification.kind,
          title: notification.title,
          body: notification.body ?? '',
          link: notification.link ?? null,
          data: notification.data ?? {},
        }),
      ),
    );
    return new Map(saved.map((n) => [n.userId, n.id]));
  }

  /** Users holding at least `role` at the agency or at any agency above it. */
  async usersWithRoleOver(manager: EntityManager, agencyId: string, roles: string[]): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await manager.query(
      `WITH RECURSIVE path AS (
         SELECT id, parent_id, 0 AS depth FROM agencies WHERE id = $1
         UNION ALL SELECT a.id, a.parent_id, path.depth + 1 FROM agencies a JOIN path ON a.id = path.parent_id WHERE path.depth < 16
       )
       SELECT DISTINCT m.user_id FROM memberships m JOIN path ON m.agency_id = path.id JOIN users u ON u.id = m.user_id
        WHERE m.role = ANY($2) AND u.is_active`,
      [agencyId, roles],
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * Writes a delivery to each active webhook of the agency that listens for this kind into the outbox,
   * in the caller's transaction; after the commit, `handOverWebhooks` queues them. Returns the rows' ids.
   */
  async recordWebhooks(
    manager: EntityManager,
    agencyId: string,
    event: { kind: NotificationKind; id: string; payload: Record<string, unknown> },
  ): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO webhook_outbox (webhook_id, event, event_id, payload)
       SELECT w.id, $2, $3, $4::jsonb FROM agency_webhooks w
        WHERE w.agency_id = $1 AND w.active AND (cardinality(w.events) = 0 OR $2 = ANY(w.events))
       ON CONFLICT (webhook_id, event_id) DO NOTHING
       RETURNING id`,
      [agencyId, event.kind, event.id, JSON.stringify(event.payload)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Hands committed outbox rows to the queue. Redis refusing loses nothing: the rows stay undelivered and
   * the reconciler hands them over again (`redriveWebhooks`).
   */
  async handOverWebhooks(outboxIds: string[]): Promise<void> {
    for (const outboxId of outboxIds) {
      await this.queues
        .add(
          JobName.DeliverWebhook,
          { outboxId },
          { jobId: `webhook-${outboxId}`, attempts: 8, backoff: { type: 'exponential', delay: 5000 } },
        )
        .catch((error: Error) =>
          this.logger.warn({ outboxId, error: error.message }, 'webhook delivery not queued; the reconciler will'),
        );
    }
  }

  /** Records and hands over in one go, for callers with no transaction of their own. */
  async deliverAfterCommit(
    agencyId: string,
    event: { kind: NotificationKind; id: string; payload: Record<string, unknown> },
  ): Promise<void> {
    const ids = await this.db.transaction((manager) => this.recordWebhooks(manager, agencyId, event));
    await this.handOverWebhooks(ids);
  }

  /**
   * Undelivered outbox rows whose job Redis does not have (refused after the commit, or lost since) are
   * queued again; a job still waiting, retrying or given up on is left as it is. Returns how many.
   */
  async redriveWebhooks(): Promise<number> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM webhook_outbox WHERE delivered_at IS NULL AND created_at > now() - interval '7 days' ORDER BY created_at LIMIT 1000`,
    );
    const missing: string[] = [];
    for (const row of rows)
      if (!(await this.queues.hasJob(JobName.DeliverWebhook, `webhook-${row.id}`))) missing.push(row.id);
    await this.handOverWebhooks(missing);
    return missing.length;
  }

  async list(userId: string, options: { unreadOnly?: boolean; limit: number; offset: number }) {
    const [items, total] = await this.db.getRepository(NotificationEntity).findAndCount({
      where: { userId, ...(options.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC' },
      take: options.limit,
      skip: options.offset,
    });
    const unread = await this.db.getRepository(NotificationEntity).count({ where: { userId, readAt: IsNull() } });
    return { total, unread, items };
  }

  /** Marks every unread notification of the user read; returns how many there were. */
  async markAllRead(userId: string): Promise<number> {
    const result = await this.db
      .getRepository(NotificationEntity)
      .update({ userId, readAt: IsNull() }, { readAt: new Date() });
    return result.affected ?? 0;
  }

  async markRead(userId: string, notificationId: string): Promise<void> {
    const result = await this.db
      .getRepository(NotificationEntity)
      .update({ id: notificationId, userId }, { readAt: new Date() });
    if (!result.affected) throw DomainError.notFound('NOTIFICATION_NOT_FOUND', 'Không tìm thấy thông báo.');
  }
}
