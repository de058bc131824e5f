import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pictures uploaded from an officer's computer. The bytes live in Postgres with everything else, so every
 * api instance serves them and a backup holds them; an upload is a few megabytes at most. The same file
 * uploaded twice by one agency is stored once (sha256).
 */
export class MediaFiles1764300000000 implements MigrationInterface {
  name = 'MediaFiles1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE media_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        file_name text NOT NULL,
        mime_type text NOT NULL,
        byte_size integer NOT NULL CHECK (byte_size > 0),
        sha256 text NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, sha256)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE media_files`);
  }
}
