import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Half-yearly reports: each generated report kept as the JSON it was computed to (so reading it later
 * returns what was generated), hand-entered target values with their mandatory source, and the report
 * deadline reminders already sent (so a daily job running on several workers reminds once).
 */
export class Reports1764200000000 implements MigrationInterface {
  name = 'Reports1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        year integer NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        number text NOT NULL,
        period_key text NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        plan_ids uuid[] NOT NULL DEFAULT '{}',
        snapshot jsonb NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, year, seq),
        CHECK (period_to >= period_from)
      )`);
    await q.query(`CREATE INDEX reports_agency_idx ON reports(agency_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE target_values (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        target_key text NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        value numeric(14, 2) NOT NULL CHECK (value >= 0),
        source text NOT NULL CHECK (length(btrim(source)) >= 3),
        note text,
        entered_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, plan_id, target_key, period_from, period_to),
        CHECK (period_to >= period_from)
      )`);

    await q.query(`
      CREATE TABLE report_reminders (
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        deadline_key text NOT NULL,
        due_on date NOT NULL,
        days_before smallint NOT NULL CHECK (days_before > 0),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        notification_id uuid REFERENCES notifications(id) ON DELETE SET NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, deadline_key, due_on, days_before, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_reminders`);
    await q.query(`DROP TABLE target_values`);
    await q.query(`DROP TABLE reports`);
  }
}
