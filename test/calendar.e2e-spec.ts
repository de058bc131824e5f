import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { DEMO_WARD_CODE, demoFile, seedDemoData } from '@nhip/demo';
import { factories } from './support/factories';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

interface Entry {
  id: string;
  kind: string;
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  status: string;
  agency: { code: string } | null;
  channel?: { type: string };
}

describe('calendar (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let admin: { Authorization: string };
  let ward: AgencyEntity;

  const calendar = async (query: Record<string, string>, auth = admin) => {
    const res = await http.get('/api/v1/calendar').query(query).set(auth).expect(200);
    return res.body.entries as Entry[];
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    const seed = await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    expect(seed).toMatchObject({ seeded: true, plans: 5 });
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    const login = await http
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'mat-khau-quan-tri' })
      .expect(200);
    admin = { Authorization: `Bearer ${login.body.token}` };
    ward = await env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  describe('plans', () => {
    it('the five seed plans are imported with their tasks', async () => {
      const plans = (await http.get('/api/v1/plans').set(admin).expect(200)).body as Array<{
        code: string;
        tasks: number;
      }>;
      expect(plans.map((p) => p.code).sort()).toEqual(
        [
          'dak-bla-truyen-thong-nq57-2025',
          'dong-nai-huong-dan-tuyen-truyen-nq57-2025',
          'ha-tinh-tuyen-truyen-nq57-2025',
          'thanh-hoa-tuyen-truyen-nq57-2025',
          'tuyen-quang-truyen-thong-nq57-2026',
        ].sort(),
      );
      for (const plan of plans) expect(plan.tasks).toBeGreaterThan(0);
    });

    it('importing the same plan again updates it instead of duplicating it', async () => {
      const text = readFileSync(demoFile('plans', 'dak-bla-2025.plan.yaml'), 'utf8');
      const before = await env.db.query(
        `SELECT count(*)::int AS plans, (SELECT count(*)::int FROM plan_tasks) AS tasks, (SELECT count(*)::int FROM peaks) AS peaks FROM plans`,
      );
      const res = await http
        .post('/api/v1/plans/import')
        .set(admin)
        .set('Content-Type', 'application/yaml')
        .send(text)
        .expect(200);
      expect(res.body).toMatchObject({ code: 'dak-bla-truyen-thong-nq57-2025', created: false, flagged: [] });
      const after = await env.db.query(
        `SELECT count(*)::int AS plans, (SELECT count(*)::int FROM plan_tasks) AS tasks, (SELECT count(*)::int FROM peaks) AS peaks FROM plans`,
      );
      expect(after).toEqual(before);
    });

    it('a malformed file gets a 400 listing each problem with its path and line, and changes nothing', async () => {
      const text = [
        'version: 1',
        'code: Sai Ma',
        'documentType: plan',
        'title: ""',
        'issued: "2026-13-01"',
        'issuer: phuong-dak-bla',
        'period: {start: "2026", end: "2026"}',
        'tasks:',
        '  - number: 1.1',
        '    name: x',
        'peaks: []',
      ].join('\n');
      const res = await http
        .post('/api/v1/plans/import')
        .set(admin)
        .set('Content-Type', 'application/yaml')
        .send(text)
        .expect(400);
      expect(res.body.code).toBe('PLAN_FILE_INVALID');
      const problems = res.body.details.problems as Array<{ path: string; line?: number; message: string }>;
      expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['code', 'title', 'issued']));
      expect(problems.find((p) => p.path === 'code')?.line).toBe(2);
      for (const p of problems) expect(p.message).toMatch(/[àáảãạăâđêôơư]/i);
      expect((await env.db.query(`SELECT count(*)::int AS n FROM plans`))[0].n).toBe(5);
    });

    it('unknown agency codes are each reported at their path', async () => {
      const text = readFileSync(demoFile('plans', 'dak-bla-2025.plan.yaml'), 'utf8')
        .replace('code: dak-bla-truyen-thong-nq57-2025', 'code: ke-hoach-thu')
        .replace('lead: dak-bla-phong-vhxh', 'lead: khong-ton-tai');
      const res = await http
        .post('/api/v1/plans/import')
        .set(admin)
        .set('Content-Type', 'application/yaml')
        .send(text)
        .expect(400);
      expect(res.body.code).toBe('PLAN_UNKNOWN_AGENCIES');
      expect(res.body.details.problems).toEqual([
        { path: 'tasks[0].lead', message: expect.stringContaining('khong-ton-tai') },
      ]);
    });

    it('an empty body is a 400, and importing needs the editor role at the issuing agency', async () => {
      expect(
        (
          await http
            .post('/api/v1/plans/import')
            .set(admin)
            .set('Content-Type', 'application/yaml')
            .send('')
            .expect(400)
        ).body.code,
      ).toBe('PLAN_FILE_EMPTY');
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, ward, 'officer');
      const login = await http.post('/api/v1/auth/login').send({ username: user.username, password }).expect(200);
      const text = readFileSync(demoFile('plans', 'dak-bla-2025.plan.yaml'), 'utf8');
      const res = await http
        .post('/api/v1/plans/import')
        .set({ Authorization: `Bearer ${login.body.token}` })
        .set('Content-Type', 'application/yaml')
        .send(text)
        .expect(403);
      expect(res.body.code).toBe('ROLE_TOO_LOW');
    });
  });

  describe('the calendar for 2026', () => {
    let entries: Entry[];
    beforeAll(async () => {
      entries = await calendar({ from: '2026-01-01', to: '2026-12-31' });
    });

    it('shows the three national peaks and the Q2–Q3 season', () => {
      const peaks = entries.filter((e) => e.kind === 'peak');
      const titles = peaks.map((p) => p.title);
      expect(titles).toEqual(
        expect.arrayContaining([
          'Cao điểm: Ngày Khoa học và Công nghệ Việt Nam (18/05)',
          'Cao điểm: Ngày Đổi mới sáng tạo quốc gia (01/10)',
          'Cao điểm: Ngày Chuyển đổi số quốc gia (10/10)',
        ]),
      );
      const tenTen = peaks.find((p) => p.title.includes('(10/10)'))!;
      expect(tenTen).toMatchObject({ start: '2026-10-03', end: '2026-10-11', allDay: true });
      const season = peaks.find((p) => p.title.includes('quý II và quý III'))!;
      expect(season).toMatchObject({ start: '2026-04-01', end: '2026-10-01', allDay: true });
    });

    it("shows every plan's tasks", () => {
      const tasks = entries.filter((e) => e.kind === 'task');
      // Đồng Nai's guide covers 2025 only; the four other plans run through 2026.
      const plans = new Set(tasks.map((t) => t.agency?.code.split('-').slice(0, 2).join('-')));
      expect([...plans]).toEqual(expect.arrayContaining(['ha-tinh', 'thanh-hoa', 'tuyen-quang', 'dak-bla']));
      expect(plans.has('dong-nai')).toBe(false);
      const tq = tasks.filter((t) => /^Nhiệm vụ/.test(t.title) && t.start === '2026-06-01' && t.end === '2026-07-01');
      expect(tq.length).toBeGreaterThan(0); // "Tháng 6 và tháng 9 năm 2026": June…
      expect(tasks.some((t) => t.id === tq[0].id.replace(/:0$/, ':1') && t.start === '2026-09-01')).toBe(true); // …and September
    });

    it('shows the report deadlines: 20/6 and 20/12 (province), 15/6 and 15/12 (ward)', () => {
      const reports = entries.filter((e) => e.kind === 'report').map((r) => `${r.agency?.code} ${r.start}`);
      expect(reports).toEqual(
        expect.arrayContaining([
          'tinh-thanh-hoa 2026-06-20',
          'tinh-thanh-hoa 2026-12-20',
          'phuong-dak-bla 2026-06-15',
          'phuong-dak-bla 2026-12-15',
        ]),
      );
    });

    it('filters by kind and by agency; a ward sees its own plan, not another province', async () => {
      const only = await calendar({ from: '2026-01-01', to: '2026-12-31', kind: 'report' });
      expect(new Set(only.map((e) => e.kind))).toEqual(new Set(['report']));
      const wardOnly = await calendar({ from: '2026-01-01', to: '2026-12-31', agency: ward.id, kind: 'task,report' });
      expect(wardOnly.length).toBeGreaterThan(0);
      for (const e of wardOnly)
        expect(e.agency?.code.startsWith('phuong-dak-bla') || e.agency?.code.startsWith('dak-bla')).toBe(true);
    });

    it('rejects ranges longer than a year, reversed ranges and impossible days', async () => {
      const long = await http
        .get('/api/v1/calendar')
        .query({ from: '2026-01-01', to: '2027-01-01' })
        .set(admin)
        .expect(400);
      expect(long.body.code).toBe('CALENDAR_RANGE_TOO_LONG');
      await http
        .get('/api/v1/calendar')
        .query({ from: '2028-01-01', to: '2028-12-31', kind: 'peak' })
        .set(admin)
        .expect(200); // a leap year is still one year
      expect(
        (await http.get('/api/v1/calendar').query({ from: '2026-05-02', to: '2026-05-01' }).set(admin).expect(400)).body
          .code,
      ).toBe('CALENDAR_RANGE_INVALID');
      expect(
        (await http.get('/api/v1/calendar').query({ from: '2026-02-30', to: '2026-03-01' }).set(admin).expect(400)).body
          .code,
      ).toBe('CALENDAR_RANGE_INVALID');
      expect(
        (await http.get('/api/v1/calendar').query({ from: 'hôm nay', to: '2026-03-01' }).set(admin).expect(400)).body
          .code,
      ).toBe('VALIDATION_FAILED');
      expect(
        (
          await http
            .get('/api/v1/calendar')
            .query({ from: '2026-01-01', to: '2026-03-01', kind: 'meeting' })
            .set(admin)
            .expect(400)
        ).body.code,
      ).toBe('VALIDATION_FAILED');
    });
  });

  describe('gaps during the week before 10/10', () => {
    const week = { from: '2026-10-03', to: '2026-10-10' };

    it('shows a gap per day and channel the ward runs, and scheduling one post removes exactly that gap', async () => {
      const gapsOf = async () =>
        (
          await http
            .get('/api/v1/calendar/gaps')
            .query({ ...week, agency: ward.id })
            .set(admin)
            .expect(200)
        ).body.gaps as Array<{
          date: string;
          channelType: string;
          expected: number;
          missing: number;
          peak: { key: string };
        }>;
      const before = await gapsOf();
      // 8 days × the ward's 4 channels; cadence on 10/10 week: portal 1, facebook 2, zalo 1, loudspeaker 2 a day.
      expect(before).toHaveLength(32);
      expect(before.reduce((n, g) => n + g.missing, 0)).toBe(8 * 6);
      expect(new Set(before.map((g) => g.peak.key))).toEqual(new Set(['digital-transformation-day']));

      const portal = await env.db
        .getRepository(ChannelAccountEntity)
        .findOneByOrFail({ agencyId: ward.id, type: 'portal' });
      await factories(env.db).publication(portal, new Date('2026-10-05T09:00:00+07:00'), {
        title: 'Ngày hội toàn dân học tập số',
      });

      const after = await gapsOf();
      const key = (g: { date: string; channelType: string }) => `${g.date}|${g.channelType}`;
      expect(before.map(key).filter((k) => !after.map(key).includes(k))).toEqual(['2026-10-05|portal']);
      expect(after).toEqual(before.filter((g) => key(g) !== '2026-10-05|portal'));

      const published = await calendar({ ...week, agency: ward.id, channelType: 'portal' });
      expect(published).toEqual([
        expect.objectContaining({
          kind: 'publication',
          title: 'Ngày hội toàn dân học tập số',
          start: '2026-10-05T02:00:00.000Z',
          status: 'scheduled',
          channel: expect.objectContaining({ type: 'portal' }),
        }),
      ]);
    });

    it('a failed publication does not fill a gap', async () => {
      const zalo = await env.db
        .getRepository(ChannelAccountEntity)
        .findOneByOrFail({ agencyId: ward.id, type: 'zalo' });
      await factories(env.db).publication(zalo, new Date('2026-10-06T09:00:00+07:00'), { state: 'failed' });
      const gaps = (
        await http
          .get('/api/v1/calendar/gaps')
          .query({ ...week, agency: ward.id })
          .set(admin)
          .expect(200)
      ).body.gaps;
      expect(
        gaps.some((g: { date: string; channelType: string }) => g.date === '2026-10-06' && g.channelType === 'zalo'),
      ).toBe(true);
    });
  });

  describe('recurrence preview', () => {
    const preview = (body: Record<string, unknown>) => http.post('/api/v1/recurrence/preview').set(admin).send(body);

    it('expands a weekly rule in Vietnam time, without its EXDATE', async () => {
      const res = await preview({
        rrule: 'FREQ=WEEKLY;BYDAY=MO,TH',
        dtstart: '2026-09-07T06:30',
        exdates: ['2026-09-10T06:30'],
        from: '2026-09-01',
        to: '2026-09-20',
      }).expect(200);
      // 06:30 in Hà Nội is 23:30 UTC the day before.
      expect(res.body.occurrences).toEqual([
        '2026-09-06T23:30:00.000Z',
        '2026-09-13T23:30:00.000Z',
        '2026-09-16T23:30:00.000Z',
      ]);
    });

    it('refuses rules that could exhaust the server, with a clear error', async () => {
      const secondly = await preview({
        rrule: 'FREQ=SECONDLY',
        dtstart: '2026-01-01T00:00',
        from: '2026-01-01',
        to: '2026-12-31',
      }).expect(400);
      expect(secondly.body).toMatchObject({ code: 'RECURRENCE_TOO_FREQUENT', message: expect.any(String) });
      const many = await preview({
        rrule: 'FREQ=DAILY',
        dtstart: '2026-01-01',
        from: '2026-01-01',
        to: '2026-12-31',
        maxCount: 10,
      }).expect(400);
      expect(many.body.code).toBe('RECURRENCE_TOO_MANY');
      expect(
        (
          await preview({
            rrule: 'FREQ=DAILY;BYHOUR=99',
            dtstart: '2026-01-01',
            from: '2026-01-01',
            to: '2026-01-31',
          }).expect(400)
        ).body.code,
      ).toBe('RECURRENCE_INVALID');
    });
  });
});
