import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report is a document with a lifecycle: a draft whose figures stay live and whose text the officer
 * edits, submitted to the signer, and approved — frozen as the DOCX that was signed, with its checksum.
 *
 * - `state`: draft → submitted → approved (a submitted report may be returned to draft).
 * - `revision`: bumped by every change, so two people editing one draft cannot overwrite each other.
 * - `options`: what the report was asked for (plan, signer, drafting unit, recipients), to rebuild its figures.
 * - `final_docx`, `final_sha256`: the approved document's bytes, served as they were signed.
 */
export class ReportLifecycle1765000000000 implements MigrationInterface {
  name = 'ReportLifecycle1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reports
        ADD COLUMN state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'approved')),
        ADD COLUMN revision integer NOT NULL DEFAULT 1,
        ADD COLUMN options jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN submitted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN submitted_at timestamptz,
        ADD COLUMN approved_by uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN approved_at timestamptz,
        ADD COLUMN final_docx bytea,
        ADD COLUMN final_sha256 text,
        ADD CONSTRAINT reports_approved_is_final
          CHECK ((state = 'approved') = (final_docx IS NOT NULL AND final_sha256 IS NOT NULL AND approved_at IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reports DROP CONSTRAINT reports_approved_is_final,
        DROP COLUMN final_sha256, DROP COLUMN final_docx, DROP COLUMN approved_at, DROP COLUMN approved_by,
        DROP COLUMN submitted_at, DROP COLUMN submitted_by, DROP COLUMN updated_at, DROP COLUMN options,
        DROP COLUMN revision, DROP COLUMN state`);
  }
}
