import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recipients an agency sends every report to, besides those its plans name ("Thường trực Đảng ủy
 * phường", "Thường trực HĐND phường"): kept once by its administrator instead of typed in each report.
 */
export class AgencyReportRecipients1765000000100 implements MigrationInterface {
  name = 'AgencyReportRecipients1765000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agencies ADD COLUMN report_recipients text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agencies DROP COLUMN report_recipients`);
  }
}
