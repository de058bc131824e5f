import { MigrationInterface, QueryRunner } from 'typeorm';

/** A story's content format (tin, bài, phóng sự, video, infographic), which the half-yearly reports count by. */
export class StoryFormat1764050000000 implements MigrationInterface {
  name = 'StoryFormat1764050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE stories ADD COLUMN format text NOT NULL DEFAULT 'news' CHECK (format IN ('news', 'article', 'feature', 'video', 'infographic', 'broadcast'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stories DROP COLUMN format`);
  }
}
