import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_OUTCOMES = ['succeeded', 'retryable', 'rate_limited', 'auth_expired', 'permanent', 'unknown'];
const NEW_OUTCOMES = [...OLD_OUTCOMES, 'throttled', 'blocked'];
const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * An account-wide wait the channel asked for (a throttled Facebook Page or app, a temporarily blocked
 * Page), in Postgres so it outlives Redis and every worker sees it: until when nothing is sent to the
 * account, and what the channel said (kind, code, message, when the block began, how many waits).
 */
export class AccountCooldowns1764513013000 implements MigrationInterface {
  name = 'AccountCooldowns1764513013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE channel_accounts ADD COLUMN cooldown_until timestamptz, ADD COLUMN cooldown jsonb`);
    await q.query(`ALTER TABLE publication_attempts DROP CONSTRAINT publication_attempts_outcome_check`);
    await q.query(
      `ALTER TABLE publication_attempts ADD CONSTRAINT publication_attempts_outcome_check CHECK (outcome IN (${inList(NEW_OUTCOMES)}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE publication_attempts SET outcome = 'rate_limited' WHERE outcome IN ('throttled', 'blocked')`);
    await q.query(`ALTER TABLE publication_attempts DROP CONSTRAINT publication_attempts_outcome_check`);
    await q.query(
      `ALTER TABLE publication_attempts ADD CONSTRAINT publication_attempts_outcome_check CHECK (outcome IN (${inList(OLD_OUTCOMES)}))`,
    );
    await q.query(`ALTER TABLE channel_accounts DROP COLUMN cooldown_until, DROP COLUMN cooldown`);
  }
}
