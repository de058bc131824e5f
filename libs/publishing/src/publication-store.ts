import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@nhip/audit';
import type { ChannelType, PublicationState } from '@nhip/database';
import { canTransition, nextState, WorkflowEvent } from '@nhip/workflow';

export interface ClaimedPublication {
  id: string;
  version: number;
  variantId: string;
  channelAccountId: string;
  channelType: ChannelType;
  occurrenceAt: Date;
  idempotencyKey: string;
  /** Attempts that count towards the limit (rate-limit waits do not). */
  attemptCount: number;
  /** This call's row in publication_attempts; every call has one, counted or not. */
  attemptNumber: number;
  content: Record<string, unknown>;
  agencyId: string;
  storyId: string;
  storyTitle: string;
  authorId: string | null;
  recurring: boolean;
}

/** UPDATE … RETURNING comes back from TypeORM as [rows, count]. */
export const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]));

/**
 * The publication rows and what hangs off them: every change is a conditional update on (id, version,
 * state), so two workers holding the same job cannot both act, and a stale job changes nothing.
 */
@Injectable()
export class PublicationStore {
  constructor(@InjectDataSource() readonly db: DataSource, private readonly audit: AuditService) {}

  async peek(publicationId: string) {
    const [row] = await this.db.query(
      `SELECT p.id, p.version, p.state, p.channel_account_id, coalesce(p.next_attempt_at, p.occurrence_at) AS due,
              ca.status AS account_status, ca.concurrency, ca.rate_limit_per_minute
         FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id WHERE p.id = $1`,
      [publicationId],
    );
    return row as
      | { id: string; version: number; state: PublicationState; channel_account_id: string; due: Date; account_status: string; concurrency: number; rate_limit_per_minute: number | null }
      | undefined;
  }

  /** Moves a due, scheduled publication of an active account to publishing, in one statement. */
  async claim(publicationId: string, version: number, worker: string): Promise<ClaimedPublication | null> {
    return this.db.transaction(async (manager) => {
      const claimed = rowsOf<Record<string, any>>(
        await manager.query(
          `UPDATE publications p SET state = 'publishing', claimed_by = $3, claimed_at = now(), attempt_count = p.attempt_count + 1, updated_at = now()
             FROM channel_accounts ca
            WHERE p.id = $1 AND p.version = $2 AND p.state = 'scheduled' AND ca.id = p.channel_account_id AND ca.status = 'active'
              AND coalesce(p.next_attempt_at, p.occurrence_at) <= now() + interval '1 second'
            RETURNING p.id, p.version, p.variant_id, p.channel_account_id, ca.type, p.occurrence_at, p.idempotency_key, p.attempt_count`,
          [publicationId, version, worker],
        ),
      )[0];
      if (!claimed) return null;
      const [v] = await manager.query(
        `SELECT v.content, v.rrule, v.state, s.id AS story_id, s.title, s.agency_id, coalesce(v.submitted_by, v.created_by) AS author
           FROM variants v JOIN stories s ON s.id = v.story_id WHERE v.id = $1`,
        [claimed.variant_id],
      );
      const [{ number }] = await manager.query(
        `INSERT INTO publication_attempts (publication_id, number, started_at)
         SELECT $1, coalesce(max(number), 0) + 1, now() FROM publication_attempts WHERE publication_id = $1 RETURNING number`,
        [claimed.id],
      );
      const result: ClaimedPublication = {
        id: claimed.id,
        version: claimed.version,
        variantId: claimed.variant_id,
        channelAccountId: claimed.channel_account_id,
        channelType: claimed.type,
        occurrenceAt: claimed.occurrence_at,
        idempotencyKey: claimed.idempotency_key,
        attemptCount: claimed.attempt_count,
        attemptNumber: number,
        content: v.content,
        agencyId: v.agency_id,
        storyId: v.story_id,
        storyTitle: v.title,
        authorId: v.author,
        recurring: v.rrule !== null,
      };
      await this.syncVariant(manager, result, 'start_publishing');
      return result;
    });
  }

  /** Ends the open attempt with what happened. */
  async finishAttempt(manager: EntityManager, p: { id: string }, number: number, outcome: string, fields: { request?: unknown; response?: unknown; code?: string | null; message?: string | null }) {
    await manager.query(
      `UPDATE publication_attempts SET finished_at = now(), outcome = $3, request_summary = $4, response_summary = $5, error_code = $6, error_message = $7
        WHERE publication_id = $1 AND number = $2`,
      [p.id, number, outcome, fields.request ?? null, fields.response ?? null, fields.code ?? null, fields.message ?? null],
    );
  }

  /**
   * Applies a state change guarded by the version and state it was decided from; returns the new version,
   * or null when someone else changed the row first.
   */
  async move(
    manager: EntityManager,
    p: { id: string; version: number },
    from: PublicationState,
    to: PublicationState,
    set: { nextAttemptAt?: Date | null; attemptDelta?: number; lastError?: Record<string, unknown> | null; externalId?: string; externalUrl?: string | null; published?: boolean } = {},
  ): Promise<number | null> {
    const rows = rowsOf<{ version: number }>(
      await manager.query(
        `UPDATE publications SET state = $4, version = version + 1, updated_at = now(),
                next_attempt_at = CASE WHEN $5::boolean THEN $6::timestamptz ELSE next_attempt_at END,
                attempt_count = greatest(0, attempt_count + $7),
                last_error = CASE WHEN $8::boolean THEN $9::jsonb ELSE last_error END,
                external_id = coalesce($10, external_id), external_url = coalesce($11, external_url),
                published_at = CASE WHEN $12::boolean THEN now() ELSE published_at END,
                claimed_by = CASE WHEN $4 = 'publishing' THEN claimed_by ELSE NULL END
          WHERE id = $1 AND version = $2 AND state = $3
          RETURNING version`,
        [
          p.id,
          p.version,
          from,
          to,
          'nextAttemptAt' in set,
          set.nextAttemptAt ?? null,
          set.attemptDelta ?? 0,
          'lastError' in set,
          set.lastError ? JSON.stringify(set.lastError) : null,
          set.externalId ?? null,
          set.externalUrl ?? null,
          set.published ?? false,
        ],
      ),
    );
    return rows[0]?.version ?? null;
  }

  /** A one-off variant follows its publication's state; a recurring one stays scheduled while its occurrences run. */
  async syncVariant(manager: EntityManager, p: { variantId: string; recurring: boolean }, event: WorkflowEvent) {
    if (p.recurring) return;
    const [v] = await manager.query(`SELECT state FROM variants WHERE id = $1 FOR UPDATE`, [p.variantId]);
    if (v && canTransition(v.state, event)) {
      await manager.query(`UPDATE variants SET state = $2, updated_at = now() WHERE id = $1`, [p.variantId, nextState(v.state, event)]);
    }
  }

  async record(manager: EntityManager, p: { id: string; agencyId: string }, action: string, data: Record<string, unknown>) {
    await this.audit.record({ action, subjectType: 'publication', subjectId: p.id, agencyId: p.agencyId, data }, manager);
  }

  async context(publicationId: string) {
    const [row] = await this.db.query(
      `SELECT p.id, p.version, p.state, p.variant_id, p.channel_account_id, ca.type, p.idempotency_key, p.attempt_count, p.last_error,
              v.rrule IS NOT NULL AS recurring, s.agency_id, s.id AS story_id, s.title, coalesce(v.submitted_by, v.created_by) AS author
         FROM publications p JOIN variants v ON v.id = p.variant_id JOIN stories s ON s.id = v.story_id
         JOIN channel_accounts ca ON ca.id = p.channel_account_id WHERE p.id = $1`,
      [publicationId],
    );
    return row as Record<string, any> | undefined;
  }
}
