import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person whose password an administrator chose must choose their own at first sign-in: until then
 * the session opens nothing but the password change (403 PASSWORD_CHANGE_REQUIRED).
 */
export class PasswordChangeRequired1765000000300 implements MigrationInterface {
  name = 'PasswordChangeRequired1765000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN must_change_password`);
  }
}
