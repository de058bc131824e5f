import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Province to commune: a story offered to subordinate agencies, each of which adopts it (its own story
 * and variants for its own accounts, under its own approval rules) or declines it with a reason.
 *
 * - `story_relays`: the offer — the story, the suggested window, the channel types, the loudspeaker
 *   bulletin level of Circular 39/2020 (normal, priority, emergency), and whether the text is locked.
 * - `relay_recipients`: one row per receiving agency and its answer; `story_id` is the agency's own copy.
 */
export class StoryRelays1765000000200 implements MigrationInterface {
  name = 'StoryRelays1765000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE story_relays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        story_id uuid NOT NULL UNIQUE REFERENCES stories(id) ON DELETE CASCADE,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        window_from timestamptz NOT NULL,
        window_to timestamptz NOT NULL,
        channel_types text[] NOT NULL,
        level text NOT NULL DEFAULT 'normal' CHECK (level IN ('normal', 'priority', 'emergency')),
        locked boolean NOT NULL DEFAULT false,
        note text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (window_to > window_from),
        CHECK (cardinality(channel_types) > 0)
      )`);
    await q.query(`
      CREATE TABLE relay_recipients (
        relay_id uuid NOT NULL REFERENCES story_relays(id) ON DELETE CASCADE,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        state text NOT NULL DEFAULT 'offered' CHECK (state IN ('offered', 'adopted', 'declined')),
        story_id uuid UNIQUE REFERENCES stories(id) ON DELETE SET NULL,
        reason text,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        reminded_at timestamptz,
        offered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (relay_id, agency_id),
        CHECK ((state = 'offered') = (decided_at IS NULL)),
        CHECK (state <> 'declined' OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX relay_recipients_agency_idx ON relay_recipients(agency_id, state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE relay_recipients`);
    await q.query(`DROP TABLE story_relays`);
  }
}
