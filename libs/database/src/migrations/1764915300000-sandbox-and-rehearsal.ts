import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Truthful account status, the built-in sandbox and rehearsal.
 *
 * - `not_connected`: an account without credentials is not shown (nor used) as active.
 * - `sandbox`: the account publishes to the sandbox Nhịp serves itself (`sandbox_posts`); only the demo
 *   seed sets it, nothing in the API can.
 * - `rehearsal`: publications go through the whole engine but the channel is only asked to validate;
 *   the publication ends `rehearsed` (its attempt too), never `published`.
 */
export class SandboxAndRehearsal1764915300000 implements MigrationInterface {
  name = 'SandboxAndRehearsal1764915300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE channel_accounts
        ADD COLUMN sandbox boolean NOT NULL DEFAULT false,
        ADD COLUMN rehearsal boolean NOT NULL DEFAULT false,
        DROP CONSTRAINT channel_accounts_status_check,
        ADD CONSTRAINT channel_accounts_status_check
          CHECK (status IN ('active', 'paused', 'needs_reconnection', 'not_connected'))`);
    await q.query(
      `UPDATE channel_accounts SET status = 'not_connected' WHERE credentials_encrypted IS NULL AND status = 'active'`,
    );
    await q.query(`
      ALTER TABLE publications DROP CONSTRAINT publications_state_check,
        ADD CONSTRAINT publications_state_check
          CHECK (state IN ('scheduled', 'publishing', 'published', 'failed', 'unknown', 'cancelled', 'rehearsed'))`);
    await q.query(`
      ALTER TABLE publication_attempts DROP CONSTRAINT publication_attempts_outcome_check,
        ADD CONSTRAINT publication_attempts_outcome_check
          CHECK (outcome IN ('succeeded', 'retryable', 'rate_limited', 'auth_expired', 'permanent', 'unknown', 'throttled', 'blocked', 'rehearsed'))`);
    await q.query(`
      ALTER TABLE variants DROP CONSTRAINT variants_state_check,
        ADD CONSTRAINT variants_state_check CHECK (state IN ('draft', 'submitted', 'changes_requested', 'approved',
          'scheduled', 'publishing', 'published', 'failed', 'unknown', 'cancelled', 'rehearsed'))`);
    await q.query(`
      CREATE TABLE sandbox_posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
        channel_type text NOT NULL,
        idempotency_key text NOT NULL,
        title text,
        body text NOT NULL,
        content jsonb NOT NULL,
        audio bytea,
        audio_mime text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel_account_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX sandbox_posts_account_created ON sandbox_posts (channel_account_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sandbox_posts`);
    await q.query(`UPDATE variants SET state = 'cancelled' WHERE state = 'rehearsed'`);
    await q.query(`UPDATE publications SET state = 'cancelled' WHERE state = 'rehearsed'`);
    await q.query(`UPDATE publication_attempts SET outcome = 'succeeded' WHERE outcome = 'rehearsed'`);
    await q.query(`UPDATE channel_accounts SET status = 'active' WHERE status = 'not_connected'`);
    await q.query(`
      ALTER TABLE variants DROP CONSTRAINT variants_state_check,
        ADD CONSTRAINT variants_state_check CHECK (state IN ('draft', 'submitted', 'changes_requested', 'approved',
          'scheduled', 'publishing', 'published', 'failed', 'unknown', 'cancelled'))`);
    await q.query(`
      ALTER TABLE publication_attempts DROP CONSTRAINT publication_attempts_outcome_check,
        ADD CONSTRAINT publication_attempts_outcome_check
          CHECK (outcome IN ('succeeded', 'retryable', 'rate_limited', 'auth_expired', 'permanent', 'unknown', 'throttled', 'blocked'))`);
    await q.query(`
      ALTER TABLE publications DROP CONSTRAINT publications_state_check,
        ADD CONSTRAINT publications_state_check
          CHECK (state IN ('scheduled', 'publishing', 'published', 'failed', 'unknown', 'cancelled'))`);
    await q.query(`
      ALTER TABLE channel_accounts DROP COLUMN rehearsal, DROP COLUMN sandbox,
        DROP CONSTRAINT channel_accounts_status_check,
        ADD CONSTRAINT channel_accounts_status_check CHECK (status IN ('active', 'paused', 'needs_reconnection'))`);
  }
}
