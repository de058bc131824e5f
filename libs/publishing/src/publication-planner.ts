import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rowsOf } from '@nhip/database';

/** A publication's idempotency key: deterministic, so every attempt (and `lookup`) uses the same one. */
export function idempotencyKeyFor(variantId: string, channelAccountId: string, occurrenceAt: Date): string {
  const digest = createHash('sha256')
    .update(`${variantId}|${channelAccountId}|${occurrenceAt.toISOString()}`)
    .digest('base64url');
  return `nhp-${digest
    .slice(0, 22)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')}`;
}

export interface PlannedVariant {
  id: string;
  channelAccountId: string;
  revision: number;
}

/**
 * Writes the publication rows that make a variant's schedule real, and withdraws them when the
 * variant changes. Rows are the truth; the dispatcher derives queue jobs from them.
 */
@Injectable()
export class PublicationPlanner {
  /**
   * One row per occurrence. An occurrence that was cancelled before (an edit, then a new approval of
   * the same time) is revived with a new version, so a stale job for the old version stays a no-op.
   */
  async plan(
    manager: EntityManager,
    variant: PlannedVariant,
    occurrences: Date[],
    options: { revive: boolean } = { revive: true },
  ): Promise<string[]> {
    const ids: string[] = [];
    // Extending a recurrence must not bring back an occurrence someone cancelled on its own.
    const onConflict = options.revive
      ? `DO UPDATE SET state = 'scheduled', version = publications.version + 1, variant_revision = EXCLUDED.variant_revision,
                       last_error = NULL, next_attempt_at = NULL, updated_at = now()
         WHERE publications.state = 'cancelled'`
      : 'DO NOTHING';
    for (const at of occurrences) {
      const [row] = await manager.query(
        `INSERT INTO publications (variant_id, channel_account_id, occurrence_at, variant_revision, idempotency_key)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (variant_id, channel_account_id, occurrence_at) ${onConflict}
         RETURNING id`,
        [
          variant.id,
          variant.channelAccountId,
          at,
          variant.revision,
          idempotencyKeyFor(variant.id, variant.channelAccountId, at),
        ],
      );
      if (row) ids.push(row.id);
    }
    return ids;
  }

  /** Cancels every publication of the variant that has not started; returns their ids. */
  async cancelPending(manager: EntityManager, variantId: string): Promise<string[]> {
    const result = await manager.query(
      `UPDATE publications SET state = 'cancelled', version = version + 1, updated_at = now()
        WHERE variant_id = $1 AND state = 'scheduled' RETURNING id`,
      [variantId],
    );
    return rowsOf<{ id: string }>(result).map((r) => r.id);
  }
}
