import { MigrationInterface, QueryRunner } from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** The domain model of the foundation: organisations, people, channels, plans, content and publishing. */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]*$'),
        official_code text,
        name text NOT NULL,
        short_name text,
        kind text NOT NULL CHECK (kind IN (${inList(['province', 'department', 'commune', 'ward', 'other'])})),
        parent_id uuid REFERENCES agencies(id) ON DELETE RESTRICT,
        required_approvals smallint NOT NULL DEFAULT 1 CHECK (required_approvals BETWEEN 1 AND 2),
        allow_self_approval boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE INDEX agencies_parent_idx ON agencies(parent_id)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username = lower(username)),
        display_name text NOT NULL,
        email text,
        password_hash text NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN (${inList(['viewer', 'officer', 'editor', 'admin'])})),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, agency_id)
      )`);
    await q.query(`CREATE INDEX memberships_agency_idx ON memberships(agency_id)`);

    await q.query(`
      CREATE TABLE channel_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        type text NOT NULL CHECK (type IN (${inList(['portal', 'facebook', 'zalo', 'loudspeaker'])})),
        name text NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        credentials_encrypted text,
        credentials_version integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'active' CHECK (status IN (${inList(['active', 'paused', 'needs_reconnection'])})),
        status_reason text,
        rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0),
        concurrency integer NOT NULL DEFAULT 1 CHECK (concurrency BETWEEN 1 AND 50),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX channel_accounts_agency_idx ON channel_accounts(agency_id)`);

    await q.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        title text NOT NULL,
        number text,
        issued_on date,
        issuing_agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        period_start date,
        period_end date,
        targets jsonb NOT NULL DEFAULT '[]'::jsonb,
        report_deadlines jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE plan_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        number text NOT NULL,
        name text NOT NULL,
        lead_agency_id uuid REFERENCES agencies(id) ON DELETE RESTRICT,
        deliverable text,
        due_phrase text,
        due_spec jsonb,
        due_flagged boolean NOT NULL DEFAULT false,
        position integer NOT NULL DEFAULT 0,
        UNIQUE (plan_id, number)
      )`);
    await q.query(`
      CREATE TABLE plan_task_coordinators (
        plan_task_id uuid NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        PRIMARY KEY (plan_task_id, agency_id)
      )`);

    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        plan_id uuid REFERENCES plans(id) ON DELETE SET NULL,
        name text NOT NULL,
        description text,
        starts_on date,
        ends_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
      )`);

    await q.query(`
      CREATE TABLE peaks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('day', 'window')),
        agency_id uuid REFERENCES agencies(id) ON DELETE CASCADE,
        plan_id uuid REFERENCES plans(id) ON DELETE CASCADE,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        rrule text,
        lead_up_days integer NOT NULL DEFAULT 0 CHECK (lead_up_days BETWEEN 0 AND 90),
        cadence_targets jsonb NOT NULL DEFAULT '{}'::jsonb,
        CHECK (ends_on >= starts_on)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX peaks_scope_key_uq ON peaks(key, coalesce(plan_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(agency_id, '00000000-0000-0000-0000-000000000000'::uuid))`,
    );

    await q.query(`
      CREATE TABLE stories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        audiences text[] NOT NULL DEFAULT '{}',
        language text NOT NULL DEFAULT 'vi',
        source_story_id uuid REFERENCES stories(id) ON DELETE SET NULL,
        campaign_id uuid REFERENCES campaigns(id) ON DELETE SET NULL,
        plan_task_id uuid REFERENCES plan_tasks(id) ON DELETE SET NULL,
        peak_id uuid REFERENCES peaks(id) ON DELETE SET NULL,
        media jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stories_agency_idx ON stories(agency_id)`);

    await q.query(`
      CREATE TABLE variants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        story_id uuid NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE RESTRICT,
        channel_type text NOT NULL CHECK (channel_type IN (${inList(['portal', 'facebook', 'zalo', 'loudspeaker'])})),
        content jsonb NOT NULL,
        state text NOT NULL DEFAULT 'draft' CHECK (state IN (${inList([
          'draft',
          'submitted',
          'changes_requested',
          'approved',
          'scheduled',
          'publishing',
          'published',
          'failed',
          'unknown',
          'cancelled',
        ])})),
        scheduled_at timestamptz,
        rrule text,
        revision integer NOT NULL DEFAULT 1,
        row_version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX variants_story_idx ON variants(story_id)`);
    await q.query(`CREATE INDEX variants_state_idx ON variants(state, scheduled_at)`);

    await q.query(`
      CREATE TABLE publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        variant_id uuid NOT NULL REFERENCES variants(id) ON DELETE CASCADE,
        channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE RESTRICT,
        occurrence_at timestamptz NOT NULL,
        variant_revision integer NOT NULL,
        version integer NOT NULL DEFAULT 1,
        state text NOT NULL DEFAULT 'scheduled' CHECK (state IN (${inList(['scheduled', 'publishing', 'published', 'failed', 'unknown', 'cancelled'])})),
        idempotency_key text NOT NULL UNIQUE,
        external_id text,
        external_url text,
        attempt_count integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        claimed_by text,
        claimed_at timestamptz,
        last_error jsonb,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (variant_id, channel_account_id, occurrence_at)
      )`);
    await q.query(`CREATE INDEX publications_due_idx ON publications(state, occurrence_at)`);
    await q.query(`CREATE INDEX publications_account_idx ON publications(channel_account_id, state)`);

    await q.query(`
      CREATE TABLE publication_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        publication_id uuid NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
        number integer NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        outcome text CHECK (outcome IN (${inList(['succeeded', 'retryable', 'rate_limited', 'auth_expired', 'permanent', 'unknown'])})),
        request_summary jsonb,
        response_summary jsonb,
        error_code text,
        error_message text,
        UNIQUE (publication_id, number)
      )`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        agency_id uuid REFERENCES agencies(id) ON DELETE SET NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id text
      )`);
    await q.query(`CREATE INDEX audit_events_subject_idx ON audit_events(subject_type, subject_id, id)`);

    await q.query(`
      CREATE TABLE feed_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        filters jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('session', 'integration')),
        name text,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_tokens_user_idx ON api_tokens(user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'api_tokens',
      'feed_tokens',
      'audit_events',
      'publication_attempts',
      'publications',
      'variants',
      'stories',
      'peaks',
      'campaigns',
      'plan_task_coordinators',
      'plan_tasks',
      'plans',
      'channel_accounts',
      'memberships',
      'users',
      'agencies',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
