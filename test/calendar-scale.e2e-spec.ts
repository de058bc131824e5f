import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';
import { CalendarService } from '@nhip/calendar';
import { AgencyEntity } from '@nhip/database';
import { factories } from './support/factories';
import { parseIcs } from './support/ical-occurrences';
import { buildNationalDataset } from './support/national-dataset';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

/** One node of EXPLAIN (FORMAT JSON). */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * The calendar, its summaries and the feeds on a national-shaped dataset (34 provinces × 8 communes ×
 * 4 channels × Q4 2026, 112,608 publications): as in the country, a province is a 34th of the data and
 * a month a third of the quarter, so the planner weighs the same selectivities as at national scale
 * and an unbounded calendar is refused.
 */
const PROVINCES = 34;
const COMMUNES = 8;
describe('calendar at national scale (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let auth: { Authorization: string };
  let province: AgencyEntity;
  let commune: AgencyEntity;

  beforeAll(async () => {
    env = await createTestEnvironment();
    await buildNationalDataset(env.db, {
      provinces: PROVINCES,
      communesPerProvince: COMMUNES,
      firstDay: '2026-10-01',
      days: 92,
      now: new Date('2026-11-15T00:00:00+07:00'),
    });
    const agencies = env.db.getRepository(AgencyEntity);
    province = await agencies.findOneByOrFail({ code: 'tinh-02' });
    commune = await agencies.findOneByOrFail({ code: 'tinh-02-xa-007' });
    const f = factories(env.db);
    const { user, password } = await f.user();
    for (const p of await agencies.findBy({ kind: 'province' })) await f.membership(user, p, 'admin');
    app = await createApiApp(env.config);
    await app.listen(0, '127.0.0.1');
    http = request(await app.getUrl());
    const login = await http.post('/api/v1/auth/login').send({ username: user.username, password }).expect(200);
    auth = { Authorization: `Bearer ${login.body.token}` };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  const count = async (sql: string, params: unknown[]) => Number((await env.db.query(sql, params))[0].n);

  /** Every query the calendar service sends, EXPLAINed with its own parameters before it runs. */
  async function plansOf(run: (calendar: CalendarService) => Promise<unknown>) {
    const plans: Array<{ sql: string; nodes: PlanNode[] }> = [];
    const explaining = {
      query: async (sql: string, params?: unknown[]) => {
        const [{ 'QUERY PLAN': plan }] = await env.db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
        plans.push({ sql, nodes: nodesOf(plan[0].Plan) });
        return env.db.query(sql, params);
      },
    } as unknown as DataSource;
    await run(new CalendarService(explaining));
    return plans.filter((p) => /\bpublications pub\b/.test(p.sql));
  }

  const month = { from: new Date('2026-11-01T00:00:00+07:00'), to: new Date('2026-12-01T00:00:00+07:00') };

  it("reads a commune's and a province's publications through (account, time), never a scan of publications", async () => {
    const subtree = (await env.db.query(`SELECT id FROM agencies WHERE id = $1 OR parent_id = $1`, [province.id])).map(
      (r: { id: string }) => r.id,
    );
    const plans = [
      ...(await plansOf((c) =>
        c.items({ agencyIds: [commune.id], range: month, filters: { kinds: ['publication'] } }),
      )),
      ...(await plansOf((c) => c.summary({ agencyId: province.id, range: month }))),
      ...(await plansOf((c) => c.publicationDays({ agencyIds: subtree, range: month }))),
    ];
    expect(plans.length).toBe(4); // the count and the load, the summary, the feed's days
    for (const plan of plans) {
      const onPublications = plan.nodes.filter((n) => n['Relation Name'] === 'publications');
      expect(onPublications.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      // An index scan names its index; a bitmap heap scan's index is its Bitmap Index Scan child.
      const indexes = plan.nodes.map((n) => n['Index Name']).filter((name) => name?.startsWith('publications'));
      expect({ sql: plan.sql.slice(0, 60), indexes }).toEqual({
        sql: plan.sql.slice(0, 60),
        indexes: ['publications_account_time_idx'],
      });
    }
  });

  it("answers a commune's month in full, each publication once", async () => {
    const res = await http
      .get('/api/v1/calendar')
      .query({ from: '2026-11-01', to: '2026-11-30', agency: commune.id, kind: 'publication' })
      .set(auth)
      .expect(200);
    const expected = await count(
      `SELECT count(*) AS n FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id
        WHERE ca.agency_id = $1 AND p.occurrence_at >= $2 AND p.occurrence_at < $3`,
      [commune.id, month.from, month.to],
    );
    expect(expected).toBe(4 * 30);
    expect(res.body.entries).toHaveLength(expected);
    expect(new Set(res.body.entries.map((e: { id: string }) => e.id)).size).toBe(expected);
  });

  it("refuses the whole country's month with 400 and the count, without loading it", async () => {
    const res = await http
      .get('/api/v1/calendar')
      .query({ from: '2026-11-01', to: '2026-11-30' })
      .set(auth)
      .expect(400);
    const total = await count(
      `SELECT count(*) AS n FROM publications WHERE occurrence_at >= $1 AND occurrence_at < $2`,
      [month.from, month.to],
    );
    expect(res.body.code).toBe('CALENDAR_TOO_MANY_ENTRIES');
    expect(res.body.details).toMatchObject({ count: total, maxEntries: 1000 });
    expect(res.body.message).toMatch(/calendar\/summary/);
  });

  it("summarises a province's month per subordinate × day × channel × state, and drills down to a commune", async () => {
    const res = await http
      .get('/api/v1/calendar/summary')
      .query({ from: '2026-11-01', to: '2026-11-30', agency: province.id })
      .set(auth)
      .expect(200);
    expect(Buffer.byteLength(res.text)).toBeLessThan(1_000_000);
    const units = res.body.units as Array<{
      agency: { id: string; code: string };
      own: boolean;
      total: number;
      days: Record<string, Record<string, Record<string, number>>>;
    }>;
    expect(units).toHaveLength(COMMUNES + 1);
    expect(units[0]).toMatchObject({ own: true, agency: { id: province.id } });
    const unit = units.find((u) => u.agency.id === commune.id)!;
    const rows: Array<{ day: string; type: string; state: string; n: string }> = await env.db.query(
      `SELECT to_char(p.occurrence_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, ca.type, p.state, count(*) AS n
         FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id
        WHERE ca.agency_id = $1 AND p.occurrence_at >= $2 AND p.occurrence_at < $3 GROUP BY 1, 2, 3`,
      [commune.id, month.from, month.to],
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(unit.days[r.day][r.type][r.state]).toBe(Number(r.n));
    expect(units.reduce((sum, u) => sum + u.total, 0)).toBe(
      await count(
        `SELECT count(*) AS n FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id
          JOIN agencies a ON a.id = ca.agency_id WHERE (a.id = $1 OR a.parent_id = $1) AND p.occurrence_at >= $2 AND p.occurrence_at < $3`,
        [province.id, month.from, month.to],
      ),
    );

    const country = await http
      .get('/api/v1/calendar/summary')
      .query({ from: '2026-11-01', to: '2026-11-30' })
      .set(auth)
      .expect(200);
    expect(country.body.units.map((u: { agency: { code: string } }) => u.agency.code).sort()).toEqual(
      Array.from({ length: PROVINCES }, (_, i) => `tinh-${String(i + 1).padStart(2, '0')}`),
    );

    const drilled = await http
      .get('/api/v1/calendar/summary')
      .query({ from: '2026-11-01', to: '2026-11-30', agency: commune.id })
      .set(auth)
      .expect(200);
    expect(drilled.body.units).toEqual([{ ...unit, own: true }]);
  });

  it("keeps a province's feed under 1 MB, gzipped, with subordinates counted per day and channel", async () => {
    const created = await http
      .post(`/api/v1/agencies/${province.id}/feeds`)
      .set(auth)
      .send({ name: 'Lịch tỉnh' })
      .expect(201);
    const path = new URL(created.body.url).pathname;
    const res = await http.get(path).set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(Buffer.byteLength(res.text)).toBeLessThan(1_000_000);
    const { events } = parseIcs(res.text);
    const all = [...events.values()];
    const summaries = all.filter((e) => e.uid.startsWith(`summary:${province.id}:subordinates:`));
    const own = all.filter((e) => e.uid.startsWith('publication:'));
    // The window starts 31 days before today; the dataset ends on 31/12/2026.
    const window = {
      from: new Date(
        Date.parse(`${new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)}T00:00:00+07:00`) -
          31 * 86_400_000,
      ),
      to: new Date('2027-01-01T00:00:00+07:00'),
    };
    const ownCount = await count(
      `SELECT count(*) AS n FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id
        WHERE ca.agency_id = $1 AND p.occurrence_at >= $2 AND p.occurrence_at < $3`,
      [province.id, window.from, window.to],
    );
    expect(own).toHaveLength(ownCount);
    const days = await count(
      `SELECT count(DISTINCT (to_char(p.occurrence_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD'), ca.type)) AS n
         FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id
         JOIN agencies a ON a.id = ca.agency_id WHERE a.parent_id = $1 AND p.occurrence_at >= $2 AND p.occurrence_at < $3`,
      [province.id, window.from, window.to],
    );
    expect(summaries).toHaveLength(days);
    if (days > 0) expect(summaries[0].summary).toMatch(new RegExp(`^Các đơn vị cấp dưới: ${COMMUNES} bài trên `));
  });

  it('changes the ETag only when an item does, with SEQUENCE and LAST-MODIFIED from its revision', async () => {
    const created = await http
      .post(`/api/v1/agencies/${commune.id}/feeds`)
      .set(auth)
      .send({ name: 'Lịch xã' })
      .expect(201);
    const path = new URL(created.body.url).pathname;
    const query = { past: 40, ahead: 40 };
    const first = await http.get(path).query(query).expect(200);
    const again = await http.get(path).query(query).expect(200);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.text).toBe(first.text);
    await http.get(path).query(query).set('If-None-Match', first.headers.etag).expect(304);

    const [target] = await env.db.query(
      `SELECT p.id FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id
        WHERE ca.agency_id = $1 AND p.occurrence_at > now() ORDER BY p.occurrence_at LIMIT 1`,
      [commune.id],
    );
    const [changed] = await env.db.query(
      `UPDATE publications SET version = version + 2, updated_at = '2026-11-20T03:04:05Z' WHERE id = $1 RETURNING version`,
      [target.id],
    );
    const after = await http.get(path).query(query).set('If-None-Match', first.headers.etag).expect(200);
    expect(after.headers.etag).not.toBe(first.headers.etag);
    const event = parseIcs(after.text).events.get(`publication:${target.id}@nhip`)!;
    expect(Number(event.sequence)).toBe(changed[0].version - 1);
    expect((event.lastmodified as Date).toISOString()).toBe('2026-11-20T03:04:05.000Z');
    await http
      .get(path)
      .query({ past: 300, ahead: 100 })
      .expect(400, /FEED_WINDOW_TOO_LONG/);
  });

  it("counts an agency's own publications per day and channel too when there are more than 600", async () => {
    const busy = await env.db.getRepository(AgencyEntity).findOneByOrFail({ code: 'tinh-03-xa-002' });
    // Three more slots a day on each of its four accounts: 16 publications a day.
    await env.db.query(
      `INSERT INTO publications (variant_id, channel_account_id, occurrence_at, variant_revision, state, idempotency_key)
       SELECT p.variant_id, p.channel_account_id, p.occurrence_at + h * interval '1 hour', 1, 'scheduled', p.idempotency_key || '-' || h
         FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id
        CROSS JOIN generate_series(1, 3) AS h
        WHERE ca.agency_id = $1`,
      [busy.id],
    );
    const created = await http
      .post(`/api/v1/agencies/${busy.id}/feeds`)
      .set(auth)
      .send({ name: 'Lịch xã bận' })
      .expect(201);
    const res = await http.get(new URL(created.body.url).pathname).expect(200);
    const events = [...parseIcs(res.text).events.values()];
    expect(events.filter((e) => e.uid.startsWith('publication:'))).toHaveLength(0);
    const days = events.filter((e) => e.uid.startsWith(`summary:${busy.id}:`));
    expect(days.length).toBeGreaterThan(0);
    for (const day of days) expect(day.summary).toMatch(/: 4 bài trên /);
    expect(Buffer.byteLength(res.text)).toBeLessThan(1_000_000);
  });
});
