import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An admin invites someone outside their reach to a role at their agency; the membership exists only
 * once that person (or an admin over them) accepts. One pending invitation per person and agency.
 */
export class Invitations1764914140000 implements MigrationInterface {
  name = 'Invitations1764914140000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('viewer', 'officer', 'editor', 'admin')),
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined', 'cancelled')),
        invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX invitations_pending_idx ON invitations(agency_id, user_id) WHERE state = 'pending'`,
    );
    await q.query(`CREATE INDEX invitations_user_idx ON invitations(user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitations`);
  }
}
