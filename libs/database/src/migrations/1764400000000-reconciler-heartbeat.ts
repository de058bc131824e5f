import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reconciler's liveness, in Postgres so it outlives a Redis that lost its data: when the last run
 * completed (and what it repaired), and when administrators were last told it had stalled, so every
 * api and worker instance can check it and a stall is announced once.
 */
export class ReconcilerHeartbeat1764400000000 implements MigrationInterface {
  name = 'ReconcilerHeartbeat1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reconciler_heartbeat (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        last_run_at timestamptz,
        last_report jsonb NOT NULL DEFAULT '{}',
        stall_notified_at timestamptz
      )`);
    await q.query(`INSERT INTO reconciler_heartbeat (id) VALUES (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reconciler_heartbeat`);
  }
}
