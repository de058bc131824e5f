import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies as the state is organised: besides the administrative line (province, department, commune or
 * ward, their offices), Party committees and their boards ("party"), the Fatherland Front and mass
 * organisations ("front"), the press, enterprises and other partners. These coordinate; they are nobody's
 * subordinates, so they may stand at the top of their own tree.
 */
export class AgencyLines1764517300000 implements MigrationInterface {
  name = 'AgencyLines1764517300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agencies DROP CONSTRAINT agencies_kind_check`);
    await q.query(
      `ALTER TABLE agencies ADD CONSTRAINT agencies_kind_check CHECK (kind IN ('province', 'department', 'commune', 'ward', 'other', 'party', 'front', 'press', 'enterprise', 'partner'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agencies DROP CONSTRAINT agencies_kind_check`);
    await q.query(
      `ALTER TABLE agencies ADD CONSTRAINT agencies_kind_check CHECK (kind IN ('province', 'department', 'commune', 'ward', 'other'))`,
    );
  }
}
