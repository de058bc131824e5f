import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from './data-source';
import { MIGRATIONS } from './migrations';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('migrations', () => {
  const schema = `t_mig_${randomBytes(4).toString('hex')}`;
  const sources: DataSource[] = [];

  afterAll(async () => {
    await sources[0]?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all(sources.map((s) => s.destroy()));
  });

  it('applies each migration exactly once when several instances start together', async () => {
    for (let i = 0; i < 3; i++)
      sources.push(await new DataSource(dataSourceOptions({ databaseUrl: url, databaseSchema: schema })).initialize());
    const applied = await Promise.all(sources.map((s) => runMigrations(s, schema)));
    expect(applied.flat()).toHaveLength(MIGRATIONS.length);
    const rows = await sources[0].query(`SELECT name FROM "${schema}".migrations`);
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('creates every table of the domain model, and a second run changes nothing', async () => {
    const tables: Array<{ table_name: string }> = await sources[0].query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'agencies',
        'users',
        'memberships',
        'channel_accounts',
        'plans',
        'plan_tasks',
        'plan_task_coordinators',
        'campaigns',
        'peaks',
        'stories',
        'variants',
        'publications',
        'publication_attempts',
        'audit_events',
        'feed_tokens',
        'api_tokens',
        'approvals',
        'comments',
        'notifications',
        'agency_webhooks',
      ]),
    );
    expect(await runMigrations(sources[1], schema)).toEqual([]);
  });

  it('enforces the model: a publication is unique per variant, account and occurrence', async () => {
    const q = (sql: string, params: unknown[] = []) => sources[0].query(sql, params);
    const [agency] = await q(
      `INSERT INTO "${schema}".agencies (code, name, kind) VALUES ('p', 'Tỉnh', 'province') RETURNING id`,
    );
    const [account] = await q(
      `INSERT INTO "${schema}".channel_accounts (agency_id, type, name) VALUES ($1, 'zalo', 'OA') RETURNING id`,
      [agency.id],
    );
    const [story] = await q(`INSERT INTO "${schema}".stories (agency_id, title) VALUES ($1, 'Tin') RETURNING id`, [
      agency.id,
    ]);
    const [variant] = await q(
      `INSERT INTO "${schema}".variants (story_id, channel_account_id, channel_type, content) VALUES ($1, $2, 'zalo', '{}') RETURNING id`,
      [story.id, account.id],
    );
    const insert = (key: string) =>
      q(
        `INSERT INTO "${schema}".publications (variant_id, channel_account_id, occurrence_at, variant_revision, idempotency_key) VALUES ($1, $2, '2026-10-10T01:00:00Z', 1, $3)`,
        [variant.id, account.id, key],
      );
    await insert('k1');
    await expect(insert('k2')).rejects.toThrow(/duplicate key/);
    await expect(
      q(`INSERT INTO "${schema}".channel_accounts (agency_id, type, name) VALUES ($1, 'myspace', 'x')`, [agency.id]),
    ).rejects.toThrow(/check constraint/);
  });

  it('keeps the audit trail append-only: no update or delete gets through', async () => {
    const q = (sql: string) => sources[0].query(sql);
    await q(`INSERT INTO "${schema}".audit_events (action, subject_type) VALUES ('test.recorded', 'test')`);
    await expect(q(`UPDATE "${schema}".audit_events SET action = 'test.forged'`)).rejects.toThrow(/append-only/);
    await expect(q(`DELETE FROM "${schema}".audit_events`)).rejects.toThrow(/append-only/);
    expect((await q(`SELECT action FROM "${schema}".audit_events`)).map((r: { action: string }) => r.action)).toEqual([
      'test.recorded',
    ]);
  });
});
