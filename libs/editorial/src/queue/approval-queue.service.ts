import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '@nhip/identity';
import { diffContent, FieldChange } from '../variants/content-diff';
import type { SqlRow } from '@nhip/database';

export interface QueueItem {
  variantId: string;
  storyId: string;
  storyTitle: string;
  agency: { id: string; name: string };
  channel: { type: string; accountId: string; name: string };
  revision: number;
  scheduledAt: string | null;
  rrule: string | null;
  nextFreeSlot: boolean;
  submittedAt: string | null;
  submittedBy: { id: string; name: string } | null;
  content: Record<string, unknown>;
  /** Since the last completed approval; everything when it was never approved. */
  changes: FieldChange[];
  firstReview: boolean;
  approvals: { required: number; given: Array<{ step: number; userId: string; name: string; at: string }> };
  /** Whether the caller may approve it now (not their own, not already approved by them). */
  canApprove: boolean;
}

/** The editor's queue: submitted variants in their reach, soonest first, with what changed. */
@Injectable()
export class ApprovalQueueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  async list(userId: string, page: { limit: number; offset: number }): Promise<{ total: number; items: QueueItem[] }> {
    const reach = [...(await this.access.reachableAgencies(userId, 'editor')).keys()];
    if (reach.length === 0) return { total: 0, items: [] };
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM variants v JOIN stories s ON s.id = v.story_id WHERE v.state = 'submitted' AND s.agency_id = ANY($1)`,
      [reach],
    );
    const rows = await this.db.query(
      `SELECT v.id, v.story_id, s.title, v.revision, v.scheduled_at, v.rrule, v.use_next_slot, v.submitted_at, v.content,
              v.last_approved_content, v.last_approved_schedule, v.created_by, v.submitted_by, sub.display_name AS submitted_by_name,
              a.id AS agency_id, a.name AS agency_name, a.required_approvals, a.allow_self_approval,
              ca.id AS account_id, ca.type AS channel_type, ca.name AS account_name,
              coalesce((SELECT json_agg(json_build_object('step', ap.step, 'userId', ap.user_id, 'name', u.display_name, 'at', ap.created_at) ORDER BY ap.step)
                          FROM approvals ap JOIN users u ON u.id = ap.user_id
                         WHERE ap.variant_id = v.id AND ap.revision = v.revision AND ap.decision = 'approved'), '[]') AS approvals
         FROM variants v
         JOIN stories s ON s.id = v.story_id
         JOIN agencies a ON a.id = s.agency_id
         JOIN channel_accounts ca ON ca.id = v.channel_account_id
         LEFT JOIN users sub ON sub.id = v.submitted_by
        WHERE v.state = 'submitted' AND s.agency_id = ANY($1)
        ORDER BY v.scheduled_at ASC NULLS LAST, v.submitted_at ASC, v.id
        LIMIT $2 OFFSET $3`,
      [reach, page.limit, page.offset],
    );
    return {
      total,
      items: rows.map((r: SqlRow): QueueItem => {
        const given = r.approvals as QueueItem['approvals']['given'];
        const own = (r.created_by === userId || r.submitted_by === userId) && !r.allow_self_approval;
        const schedule = {
          at: r.scheduled_at ? new Date(r.scheduled_at).toISOString() : null,
          rrule: r.rrule,
          nextFreeSlot: r.use_next_slot,
        };
        return {
          variantId: r.id,
          storyId: r.story_id,
          storyTitle: r.title,
          agency: { id: r.agency_id, name: r.agency_name },
          channel: { type: r.channel_type, accountId: r.account_id, name: r.account_name },
          revision: r.revision,
          scheduledAt: schedule.at,
          rrule: r.rrule,
          nextFreeSlot: r.use_next_slot,
          submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
          submittedBy: r.submitted_by ? { id: r.submitted_by, name: r.submitted_by_name } : null,
          content: r.content,
          changes: [
            ...diffContent(r.last_approved_content, r.content).map((c) => ({ ...c, field: `content.${c.field}` })),
            ...(r.last_approved_schedule
              ? diffContent(r.last_approved_schedule, schedule).map((c) => ({ ...c, field: `schedule.${c.field}` }))
              : []),
          ],
          firstReview: r.last_approved_content === null,
          approvals: { required: r.required_approvals, given },
          canApprove: !own && !given.some((g) => g.userId === userId),
        };
      }),
    };
  }
}
