import { MigrationInterface, QueryRunner } from 'typeorm';

/** What plan import keeps from a plan file beyond the foundation's columns. */
export class PlanDetails1763900000000 implements MigrationInterface {
  name = 'PlanDetails1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE plans ADD COLUMN document_type text NOT NULL DEFAULT 'plan' CHECK (document_type IN ('plan', 'decision', 'guide'))`,
    );
    await q.query(`ALTER TABLE plans ADD COLUMN issued text`);
    await q.query(`ALTER TABLE plans ADD COLUMN source text`);
    await q.query(`ALTER TABLE plan_tasks ADD COLUMN details text`);
    await q.query(`ALTER TABLE plan_tasks ADD COLUMN lead_text text`);
    await q.query(`ALTER TABLE plan_tasks ADD COLUMN coordinators_text text`);
    await q.query(
      `ALTER TABLE plan_task_coordinators ADD COLUMN role text NOT NULL DEFAULT 'coordinator' CHECK (role IN ('co_lead', 'coordinator'))`,
    );
    await q.query(`CREATE INDEX plan_tasks_lead_idx ON plan_tasks(lead_agency_id)`);
    await q.query(`CREATE INDEX plan_task_coordinators_agency_idx ON plan_task_coordinators(agency_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX plan_task_coordinators_agency_idx`);
    await q.query(`DROP INDEX plan_tasks_lead_idx`);
    await q.query(`ALTER TABLE plan_task_coordinators DROP COLUMN role`);
    await q.query(`ALTER TABLE plan_tasks DROP COLUMN coordinators_text, DROP COLUMN lead_text, DROP COLUMN details`);
    await q.query(`ALTER TABLE plans DROP COLUMN source, DROP COLUMN issued, DROP COLUMN document_type`);
  }
}
