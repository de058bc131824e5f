import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { rowsOf, VARIANT_STATES, type SqlRow } from '@nhip/database';
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
  /** The channel account as read by the claim; credentials still sealed. */
  account: {
    settings: Record<string, unknown>;
    credentialsEncrypted: string | null;
    credentialsVersion: number;
    /** The last account-wide wait the channel asked for (a block continues from it). */
    cooldown: Record<string, unknown> | null;
    sandbox: boolean;
    /** Rehearsal: the channel only validates; nothing is sent. */
    rehearsal: boolean;
  };
}

export interface PeekedPublication {
  id: string;
  version: number;
  state: PublicationState;
  channel_account_id: string;
  /** When it may go: its own time, or later if the channel asked the whole account to wait. */
  due: Date;
  account_status: string;
  concurrency: number;
  rate_limit_per_minute: number | null;
}

/** A call that succeeded, as `succeedMany` records it. */
export interface Success {
  publication: ClaimedPublication;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
  external: { externalId: string; url: string | null };
}

/**
 * An event of the variant workflow as one SQL parameter: a JSON object from each state it leaves to the
 * state it goes to, so a statement moves a variant with `$to::jsonb ->> state` where `$to::jsonb ? state`.
 * (The `?` test, unlike `state = ANY(…)`, cannot lead Postgres to walk the state index for a batch whose
 * rows it finds by id.)
 */
function transition(event: WorkflowEvent): string {
  const from = VARIANT_STATES.filter((state) => canTransition(state, event));
  return JSON.stringify(Object.fromEntries(from.map((state) => [state, nextState(state, event)])));
}

/**
 * The publication rows and what hangs off them: every change is a conditional update on (id, version,
 * state), so two workers holding the same job cannot both act, and a stale job changes nothing.
 */
@Injectable()
export class PublicationStore {
  constructor(
    @InjectDataSource() readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** What a job checks before taking the account's slot, for many publications at once (null: no such row). */
  async peekMany(ids: readonly string[]): Promise<Array<PeekedPublication | null>> {
    const rows: PeekedPublication[] = await this.db.query(
      `SELECT p.id, p.version, p.state, p.channel_account_id, greatest(coalesce(p.next_attempt_at, p.occurrence_at), ca.cooldown_until) AS due,
              ca.status AS account_status, ca.concurrency, ca.rate_limit_per_minute
         FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Moves due, scheduled publications of active accounts to publishing, opens an attempt for each and moves
   * one-off variants along — one statement for the whole batch: under a storm the engine's cost is its
   * statements. It also returns what each call needs (content, the account's settings and sealed
   * credentials), so nothing else is read before calling out. A key whose row is no longer that version,
   * scheduled and due, or whose account the channel has asked to wait, gets null.
   */
  async claimMany(
    keys: ReadonlyArray<{ id: string; version: number }>,
    worker: string,
  ): Promise<Array<ClaimedPublication | null>> {
    const to = transition('start_publishing');
    const rows: Array<SqlRow> = await this.db.query(
      `WITH claimed AS (
         UPDATE publications p SET state = 'publishing', claimed_by = $3, claimed_at = now(), attempt_count = p.attempt_count + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS w(id, version), channel_accounts ca
          WHERE p.id = ANY($1::uuid[]) AND p.id = w.id AND p.version = w.version AND p.state = 'scheduled'
            AND ca.id = p.channel_account_id AND ca.status = 'active'
            AND greatest(coalesce(p.next_attempt_at, p.occurrence_at), ca.cooldown_until) <= now() + interval '1 second'
          RETURNING p.id, p.version, p.variant_id, p.channel_account_id, ca.type, p.occurrence_at, p.idempotency_key, p.attempt_count,
                    ca.settings, ca.credentials_encrypted, ca.credentials_version, ca.cooldown, ca.sandbox, ca.rehearsal,
                    coalesce((SELECT max(a.number) FROM publication_attempts a WHERE a.publication_id = p.id), 0) + 1 AS number
       ), attempt AS (
         INSERT INTO publication_attempts (publication_id, number, started_at) SELECT c.id, c.number, now() FROM claimed c
       ), synced AS (
         UPDATE variants v SET state = $4::jsonb ->> v.state, updated_at = now()
           FROM claimed c WHERE v.id = c.variant_id AND v.rrule IS NULL AND $4::jsonb ? v.state
       )
       SELECT c.*, v.content, v.rrule, s.id AS story_id, s.title, s.agency_id, coalesce(v.submitted_by, v.created_by) AS author
         FROM claimed c JOIN variants v ON v.id = c.variant_id JOIN stories s ON s.id = v.story_id`,
      [keys.map((k) => k.id), keys.map((k) => k.version), worker, to],
    );
    const byId = new Map(rows.map((row) => [row.id as string, row]));
    return keys.map((key) => {
      const row = byId.get(key.id);
      if (!row || row.version !== key.version) return null;
      byId.delete(key.id); // the same job twice in one batch: one claim, so one call
      return {
        id: row.id,
        version: row.version,
        variantId: row.variant_id,
        channelAccountId: row.channel_account_id,
        channelType: row.type,
        occurrenceAt: row.occurrence_at,
        idempotencyKey: row.idempotency_key,
        attemptCount: row.attempt_count,
        attemptNumber: row.number,
        content: row.content,
        agencyId: row.agency_id,
        storyId: row.story_id,
        storyTitle: row.title,
        authorId: row.author,
        recurring: row.rrule !== null,
        account: {
          settings: row.settings,
          credentialsEncrypted: row.credentials_encrypted,
          credentialsVersion: row.credentials_version,
          cooldown: row.cooldown,
          sandbox: row.sandbox,
          rehearsal: row.rehearsal,
        },
      };
    });
  }

  /**
   * Calls that succeeded: closes each attempt and, where the publication is still the claimed version,
   * marks it published, moves a one-off variant along and writes the audit record — one statement for
   * the whole batch, as `claimMany`. Its state tests are written so that Postgres cannot use a state
   * index (`(state = …) IS TRUE`, `? state`): walking every row in flight for each batch instead of
   * finding the batch's rows by id would make the cost of a batch grow with the work in flight.
   */
  async succeedMany(successes: readonly Success[]): Promise<void[]> {
    const to = transition('mark_published');
    const done = successes.map(({ publication: p, request, response, external }) => ({
      id: p.id,
      version: p.version,
      number: p.attemptNumber,
      request,
      response,
      external_id: external.externalId,
      external_url: external.url,
      variant_id: p.variantId,
      recurring: p.recurring,
      agency_id: p.agencyId,
      audit: { externalId: external.externalId, url: external.url, attempt: p.attemptCount },
    }));
    await this.db.query(
      `WITH done AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, version int, number int, request jsonb, response jsonb, external_id text,
                                                           external_url text, variant_id uuid, recurring boolean, agency_id uuid, audit jsonb)
       ), attempt AS (
         UPDATE publication_attempts a SET finished_at = now(), outcome = 'succeeded', request_summary = d.request, response_summary = d.response,
                error_code = NULL, error_message = NULL
           FROM done d WHERE a.publication_id = ANY($3::uuid[]) AND a.publication_id = d.id AND a.number = d.number
       ), moved AS (
         UPDATE publications p SET state = 'published', version = p.version + 1, updated_at = now(), last_error = NULL,
                external_id = coalesce(d.external_id, p.external_id), external_url = coalesce(d.external_url, p.external_url), published_at = now(), claimed_by = NULL
           FROM done d WHERE p.id = ANY($3::uuid[]) AND p.id = d.id AND p.version = d.version AND (p.state = 'publishing') IS TRUE
         RETURNING p.id
       ), synced AS (
         UPDATE variants v SET state = $2::jsonb ->> v.state, updated_at = now()
           FROM done d JOIN moved m ON m.id = d.id
          WHERE v.id = ANY($4::uuid[]) AND v.id = d.variant_id AND NOT d.recurring AND v.rrule IS NULL AND $2::jsonb ? v.state
       )
       INSERT INTO audit_events (action, subject_type, subject_id, agency_id, data)
       SELECT 'publication.published', 'publication', d.id::text, d.agency_id, d.audit FROM done d JOIN moved m ON m.id = d.id`,
      [JSON.stringify(done), to, done.map((d) => d.id), done.map((d) => d.variant_id)],
    );
    return successes.map(() => undefined);
  }

  /** Ends the open attempt with what happened. */
  async finishAttempt(
    manager: EntityManager,
    p: { id: string },
    number: number,
    outcome: string,
    fields: { request?: unknown; response?: unknown; code?: string | null; message?: string | null },
  ) {
    await manager.query(
      `UPDATE publication_attempts SET finished_at = now(), outcome = $3, request_summary = $4, response_summary = $5, error_code = $6, error_message = $7
        WHERE publication_id = $1 AND number = $2`,
      [
        p.id,
        number,
        outcome,
        fields.request ?? null,
        fields.response ?? null,
        fields.code ?? null,
        fields.message ?? null,
      ],
    );
  }

  /**
   * The last attempt of a publication whose outcome was unknown, once a lookup has settled it: succeeded
   * (what the lookup found) or retryable (confirmed absent, nothing was published).
   */
  async settleUnknownAttempt(
    manager: EntityManager,
    publicationId: string,
    outcome: 'succeeded' | 'retryable',
    response: Record<string, unknown>,
  ) {
    await manager.query(
      `UPDATE publication_attempts SET outcome = $2, finished_at = coalesce(finished_at, now()),
              response_summary = coalesce(response_summary, '{}'::jsonb) || $3::jsonb
        WHERE publication_id = $1 AND outcome = 'unknown'
          AND number = (SELECT max(number) FROM publication_attempts WHERE publication_id = $1)`,
      [publicationId, outcome, JSON.stringify(response)],
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
    set: {
      nextAttemptAt?: Date | null;
      attemptDelta?: number;
      lastError?: Record<string, unknown> | null;
      externalId?: string;
      externalUrl?: string | null;
      published?: boolean;
      /** When it went public, as the channel says; the clock's now when it does not. */
      publishedAt?: Date | null;
    } = {},
  ): Promise<number | null> {
    const rows = rowsOf<{ version: number }>(
      await manager.query(
        `UPDATE publications SET state = $4, version = version + 1, updated_at = now(),
                next_attempt_at = CASE WHEN $5::boolean THEN $6::timestamptz ELSE next_attempt_at END,
                attempt_count = greatest(0, attempt_count + $7),
                last_error = CASE WHEN $8::boolean THEN $9::jsonb ELSE last_error END,
                external_id = coalesce($10, external_id), external_url = coalesce($11, external_url),
                published_at = CASE WHEN $12::boolean THEN coalesce($13::timestamptz, now()) ELSE published_at END,
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
          set.publishedAt ?? null,
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
      await manager.query(`UPDATE variants SET state = $2, updated_at = now() WHERE id = $1`, [
        p.variantId,
        nextState(v.state, event),
      ]);
    }
  }

  async record(
    manager: EntityManager,
    p: { id: string; agencyId: string },
    action: string,
    data: Record<string, unknown>,
  ) {
    await this.audit.record(
      { action, subjectType: 'publication', subjectId: p.id, agencyId: p.agencyId, data },
      manager,
    );
  }

  async context(publicationId: string) {
    const [row] = await this.db.query(
      `SELECT p.id, p.version, p.state, p.variant_id, p.channel_account_id, ca.type, p.idempotency_key, p.attempt_count, p.last_error,
              v.rrule IS NOT NULL AS recurring, ca.cooldown_until, s.agency_id, s.id AS story_id, s.title, coalesce(v.submitted_by, v.created_by) AS author,
              (SELECT max(a.started_at) FROM publication_attempts a WHERE a.publication_id = p.id) AS last_sent_at
         FROM publications p JOIN variants v ON v.id = p.variant_id JOIN stories s ON s.id = v.story_id
         JOIN channel_accounts ca ON ca.id = p.channel_account_id WHERE p.id = $1`,
      [publicationId],
    );
    return row as SqlRow | undefined;
  }
}
