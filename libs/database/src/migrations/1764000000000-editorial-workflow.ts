import { MigrationInterface, QueryRunner } from 'typeorm';

/** Approvals, comments, notifications, agency webhooks, posting slots, story search, and an append-only audit trail. */
export class EditorialWorkflow1764000000000 implements MigrationInterface {
  name = 'EditorialWorkflow1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stories ADD COLUMN search_folded text NOT NULL DEFAULT ''`);

    await q.query(`ALTER TABLE variants ADD COLUMN submitted_at timestamptz`);
    await q.query(`ALTER TABLE variants ADD COLUMN submitted_by uuid REFERENCES users(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE variants ADD COLUMN last_approved_revision integer`);
    await q.query(`ALTER TABLE variants ADD COLUMN last_approved_content jsonb`);
    await q.query(`ALTER TABLE variants ADD COLUMN last_approved_schedule jsonb`);
    await q.query(`ALTER TABLE variants ADD COLUMN use_next_slot boolean NOT NULL DEFAULT false`);

    await q.query(`ALTER TABLE channel_accounts ADD COLUMN posting_slots text[] NOT NULL DEFAULT '{}'`);

    await q.query(`
      CREATE TABLE approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        variant_id uuid NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        step smallint NOT NULL CHECK (step BETWEEN 1 AND 2),
        decision text NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        comment text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX approvals_variant_idx ON approvals(variant_id, revision)`);
    // One approval per step of a revision, so two editors approving at once cannot both count as step 1.
    await q.query(
      `CREATE UNIQUE INDEX approvals_step_uq ON approvals(variant_id, revision, step) WHERE decision = 'approved'`,
    );

    await q.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        story_id uuid NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        variant_id uuid REFERENCES variants(id) ON DELETE CASCADE,
        parent_id uuid REFERENCES comments(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX comments_story_idx ON comments(story_id, created_at)`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        link text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications(user_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE agency_webhooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        url text NOT NULL,
        secret_encrypted text NOT NULL,
        events text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_events_no_update ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TABLE agency_webhooks`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE comments`);
    await q.query(`DROP TABLE approvals`);
    await q.query(`ALTER TABLE channel_accounts DROP COLUMN posting_slots`);
    await q.query(
      `ALTER TABLE variants DROP COLUMN use_next_slot, DROP COLUMN last_approved_schedule, DROP COLUMN last_approved_content, DROP COLUMN last_approved_revision, DROP COLUMN submitted_by, DROP COLUMN submitted_at`,
    );
    await q.query(`ALTER TABLE stories DROP COLUMN search_folded`);
  }
}
