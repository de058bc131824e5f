import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AuditService } from '@nhip/audit';
import { AuditEventEntity } from '@nhip/database';
import { seedDemoData } from '@nhip/demo';
import { TargetValueService } from '@nhip/reporting';
import type { ReportSnapshot } from '@nhip/reporting';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';
import { addCounts, expectedCounts } from './support/expected-counts';
import { HalfYear, scriptHalfYear } from './support/half-year';

type Auth = { Authorization: string };
type Report = ReportSnapshot & { links: Record<string, string> };

const CHANNELS = ['portal', 'facebook', 'zalo', 'loudspeaker'] as const;

/** A minimal RFC 4180 reader, so the test does not trust the writer's own library. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('half-yearly reports (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let admin: Auth;
  let officer: Auth;
  let officerId: string;
  let data: HalfYear;
  let wardReport: Report;
  let provinceReport: Report;

  const login = async (username: string, password: string): Promise<Auth> => {
    const res = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return { Authorization: `Bearer ${res.body.token}` };
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    data = await scriptHalfYear(env.db);
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    admin = await login('admin', 'mat-khau-quan-tri');
    const make = factories(env.db);
    const o = await make.user({ username: 'canbo.hoa', displayName: 'Y Hòa Niê' });
    await make.membership(o.user, data.ward, 'officer');
    officerId = o.user.id;
    officer = await login('canbo.hoa', o.password);
    wardReport = (
      await http.post('/api/v1/reports').set(admin).send({ agency: data.ward.id, period: '2026-H1' }).expect(201)
    ).body;
    provinceReport = (
      await http.post('/api/v1/reports').set(admin).send({ agency: data.province.id, period: '2026-H1' }).expect(201)
    ).body;
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('the ward report covers its plan, for the first half of 2026', () => {
    expect(wardReport).toMatchObject({
      agency: {
        code: 'phuong-dak-bla',
        name: 'Ủy ban nhân dân phường Đăk Bla',
        place: 'Đăk Bla',
        parent: { name: 'Ủy ban nhân dân tỉnh Quảng Ngãi' },
      },
      period: { key: '2026-H1', from: '2025-12-15', to: '2026-06-14', label: '6 tháng đầu năm 2026' },
      // The figure is the register's: left blank, never counted up.
      number: '      /BC-UBND',
      empty: false,
      notice: null,
    });
    expect(wardReport.plans.map((p) => p.code)).toEqual(['dak-bla-truyen-thong-nq57-2025']);
    expect(wardReport.plans[0].tasks.map((t) => t.number)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(wardReport.plans[0].deadlines).toEqual([
      {
        key: 'bao-cao-6-thang',
        name: expect.any(String),
        due: '15/06/2026',
        recipient: 'Sở Khoa học và Công nghệ tỉnh Quảng Ngãi',
      },
    ]);
    // Plan 662's own header has no "UBND TỈNH QUẢNG NGÃI" above the ward.
    expect(wardReport.document).toMatchObject({
      layout: 'state',
      superior: null,
      issuer: 'ỦY BAN NHÂN DÂN PHƯỜNG ĐĂK BLA',
      number: '      /BC-UBND',
      signer: { authority: 'TM. ỦY BAN NHÂN DÂN', deputy: null, title: 'CHỦ TỊCH', name: null },
      recipients: ['Sở Khoa học và Công nghệ tỉnh Quảng Ngãi (b/c)', 'Lưu: VT, VHXH'],
      cutOff: 'số liệu tính từ ngày 15/12/2025 đến ngày 14/06/2026',
    });
    expect(wardReport.document.title).toBe(
      'Kết quả 6 tháng đầu năm 2026 thực hiện Kế hoạch số 662/KH-UBND ngày 26/11/2025',
    );
    expect(wardReport.document.basis).toBe(
      'Thực hiện Kế hoạch số 662/KH-UBND ngày 26/11/2025, Ủy ban nhân dân phường Đăk Bla báo cáo kết quả 6 tháng đầu năm 2026 (số liệu tính từ ngày 15/12/2025 đến ngày 14/06/2026) như sau:',
    );
    // Plan 662 sets eight targets (Mục II.2); those without a figure are reported in words.
    const planTargets = wardReport.targets.filter((t) => t.planId === data.planId);
    expect(planTargets.map((t) => [t.year, t.goal])).toEqual([
      [2025, null],
      [2025, 100],
      [2027, null],
      [2027, null],
      [2027, null],
      [2030, 100],
      [2030, 80],
      [2030, 100],
    ]);
    expect(planTargets[0]).toMatchObject({ key: 'chuyen-muc-nq57-2025', comparator: null, status: 'not_entered' });
    // Only the ward's administrative line: its offices, never the Front, the police or bodies on its territory.
    const wardUnits = wardReport.units.map((u) => u.agency.code);
    expect(wardUnits).toEqual(expect.arrayContaining(['phuong-dak-bla', 'dak-bla-phong-vhxh']));
    for (const coordinator of ['dak-bla-ubmttq', 'dak-bla-cong-an', 'dak-bla-cac-co-quan-don-vi'])
      expect(wardUnits).not.toContain(coordinator);
  });

  it("the ward's counts match the publications table exactly, task by task, channel by channel, format by format", async () => {
    const expected = await expectedCounts(env.db, data.ward.id, [data.planId], '2025-12-15', '2026-06-14');
    for (const task of wardReport.plans[0].tasks)
      expect({ task: task.number, counts: task.counts }).toEqual({
        task: task.number,
        counts: expected.task(task.taskId),
      });
    expect(wardReport.untied.counts).toEqual(expected.task(null));
    expect(wardReport.totals).toEqual(expected.totals);
    expect(new Set(wardReport.publications.map((p) => p.id))).toEqual(expected.ids);
    // The script is not trivial: every state, every channel and a task with nothing.
    expect(wardReport.totals.published).toBeGreaterThan(100);
    expect(wardReport.totals.failed).toBeGreaterThan(0);
    expect(wardReport.totals.unknown).toBeGreaterThan(0);
    expect(wardReport.totals.pending).toBeGreaterThan(0);
    for (const c of CHANNELS) expect(wardReport.totals.byChannel[c]).toBeGreaterThan(0);
    expect(wardReport.plans[0].tasks[5].counts.total).toBe(0);
    // Sums hold inside the report too.
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(wardReport.totals.byChannel)).toBe(wardReport.totals.published);
    expect(sum(wardReport.totals.byFormat)).toBe(wardReport.totals.published);
    expect(addCounts([...wardReport.plans[0].tasks.map((t) => t.counts), wardReport.untied.counts])).toEqual(
      wardReport.totals,
    );
  });

  it('keeps the period edges in local time and leaves out cancelled items and other plans', () => {
    const titles = wardReport.publications.map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['Tin ngày 15/12/2025', 'Tin ngày 14/6/2026', 'Tin đã lên lịch']));
    for (const left of [
      'Tin ngày 14/12/2025',
      'Tin ngày 15/6/2026',
      'Tin đã hủy',
      'Tin cho nhiệm vụ của kế hoạch tỉnh khác',
    ])
      expect(titles).not.toContain(left);
  });

  it('lists links of what was published, per task', () => {
    for (const task of wardReport.plans[0].tasks) {
      const withUrl = wardReport.publications.filter(
        (p) => p.taskId === task.taskId && p.state === 'published' && p.url,
      );
      expect(task.links.map((l) => l.publicationId).sort()).toEqual(withUrl.map((p) => p.id).sort());
      for (const link of task.links) expect(link.url).toMatch(/^https:\/\//);
    }
  });

  it('shows the 18/5 peak as covered, with the days and channels that missed its cadence', () => {
    const peak = wardReport.peaks.find((p) => p.key === 'science-technology-day')!;
    expect(peak).toMatchObject({
      source: 'national',
      date: '18/05/2026',
      from: '11/05/2026',
      to: '18/05/2026',
      covered: true,
    });
    expect(peak.linked).toBe(16);
    expect(peak.published).toBeGreaterThanOrEqual(16);
    expect(peak.gaps.length).toBeGreaterThan(0);
    expect(peak.missing).toBe(peak.gaps.reduce((n, g) => n + g.missing, 0));
    for (const g of peak.gaps) expect(g.date).toMatch(/^(1[1-8])\/05\/2026$/);
    // The loudspeaker aired every day of the lead-up, so it has no gap.
    expect(peak.gaps.filter((g) => g.channelType === 'loudspeaker')).toEqual([]);
  });

  it('lists failures and unknown outcomes with the channel error', () => {
    expect(wardReport.failures).toHaveLength(wardReport.totals.failed + wardReport.totals.unknown);
    for (const f of wardReport.failures) {
      expect(f.reason).toMatch(/[àáảãạăâđêôơư]/i);
      expect(f.at).toMatch(/^\d{2}\/\d{2}\/2026 \d{2}:\d{2}$/);
    }
  });

  it('the province roll-up has a table per subordinate agency and its totals equal the sum of the parts', async () => {
    // The province answers its own plans, not the ward's plan 662, and is addressed to nobody below it.
    expect(provinceReport.plans).toEqual([]);
    expect(provinceReport.document.recipients).toEqual(['Lưu: VT']);
    expect(provinceReport.units.map((u) => [u.agency.code, u.own])).toEqual([
      ['tinh-quang-ngai', true],
      ['quang-ngai-so-khcn', false],
      ['phuong-dak-bla', false],
    ]);
    expect(addCounts(provinceReport.units.map((u) => u.totals))).toEqual(provinceReport.totals);
    for (const unit of provinceReport.units) expect(addCounts(unit.tasks.map((t) => t.counts))).toEqual(unit.totals);
    // Each part is the subordinate agency's own report, and the whole is the table.
    expect(provinceReport.units[2].totals).toEqual(wardReport.totals);
    const expected = await expectedCounts(env.db, data.province.id, [data.planId], '2025-12-15', '2026-06-14');
    expect(provinceReport.totals).toEqual(expected.totals);
    for (const unit of provinceReport.units.filter((u) => !u.own)) {
      expect(unit.totals).toEqual(
        (await expectedCounts(env.db, unit.agency.id, [data.planId], '2025-12-15', '2026-06-14')).totals,
      );
    }
    expect(provinceReport.units[1].totals.published).toBeGreaterThan(0);
    expect(provinceReport.units[0].totals.published).toBeGreaterThan(0);
    expect(provinceReport.document).toMatchObject({ superior: null, issuer: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI' });
  });

  it('GET returns the report as generated, even after more is published', async () => {
    await factories(env.db).storyWithPublications({ agencyId: data.ward.id, planTaskId: data.tasks[0].id }, [
      {
        account: (
          await env.db.query(`SELECT * FROM channel_accounts WHERE agency_id = $1 AND type = 'portal'`, [data.ward.id])
        )[0],
        at: new Date('2026-03-03T03:00:00Z'),
      },
    ]);
    const again = await http.get(`/api/v1/reports/${wardReport.id}`).set(officer).expect(200);
    expect(again.body).toEqual(wardReport);
    const list = await http.get('/api/v1/reports').query({ agency: data.ward.id }).set(officer).expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toContain(wardReport.id);
  });

  it('a period with no data is a valid report that says so', async () => {
    const res = await http
      .post('/api/v1/reports')
      .set(officer)
      .send({ period: { from: '2024-01-01', to: '2024-03-31' } })
      .expect(201);
    expect(res.body).toMatchObject({
      agency: { id: data.ward.id },
      empty: true,
      plans: [],
      totals: { total: 0, published: 0 },
      period: { key: 'custom', label: 'từ ngày 01/01/2024 đến ngày 31/03/2024' },
    });
    expect(res.body.notice).toContain('không có tin, bài nào');
    expect(res.body.number).toBe('      /BC-UBND');
  });

  it('refuses bad periods, unknown plans, weak roles and agencies out of reach', async () => {
    const bad = await http.post('/api/v1/reports').set(officer).send({ period: '2026-H3' }).expect(400);
    expect(bad.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'period', problems: [expect.stringContaining('YYYY-H1')] }] },
    });
    const long = await http
      .post('/api/v1/reports')
      .set(officer)
      .send({ period: { from: '2025-01-01', to: '2026-06-30' } })
      .expect(400);
    expect(long.body.details.fields[0].problems[0]).toContain('tối đa 366 ngày');
    expect((await http.post('/api/v1/reports').set(admin).send({ period: '2026-H1' }).expect(400)).body.code).toBe(
      'REPORT_AGENCY_REQUIRED',
    );
    const [tq] = await env.db.query(`SELECT id FROM plans WHERE code = 'tuyen-quang-truyen-thong-nq57-2026'`);
    expect(
      (await http.post('/api/v1/reports').set(officer).send({ plan: tq.id, period: '2026-H1' }).expect(400)).body.code,
    ).toBe('REPORT_PLAN_NOT_RELATED');
    expect(
      (
        await http
          .post('/api/v1/reports')
          .set(officer)
          .send({ agency: data.province.id, period: '2026-H1' })
          .expect(403)
      ).body.code,
    ).toBe('AGENCY_OUT_OF_REACH');
    const make = factories(env.db);
    const v = await make.user();
    await make.membership(v.user, data.ward, 'viewer');
    const viewer = await login(v.user.username, v.password);
    expect((await http.post('/api/v1/reports').set(viewer).send({ period: '2026-H1' }).expect(403)).body.code).toBe(
      'ROLE_TOO_LOW',
    );
    await http.get(`/api/v1/reports/${wardReport.id}`).set(viewer).expect(200);
    expect((await http.get(`/api/v1/reports/${provinceReport.id}`).set(viewer).expect(403)).body.code).toBe(
      'AGENCY_OUT_OF_REACH',
    );
    expect((await http.get(`/api/v1/reports/${wardReport.id}.pdf`).set(viewer).expect(400)).body.code).toBe(
      'REPORT_FORMAT_UNSUPPORTED',
    );
    expect(
      (await http.get(`/api/v1/reports/00000000-0000-4000-8000-000000000000`).set(viewer).expect(404)).body.code,
    ).toBe('REPORT_NOT_FOUND');
  });

  it('the XLSX has one sheet per section and reads back with the same numbers', async () => {
    const res = await http
      .get(`/api/v1/reports/${provinceReport.id}.xlsx`)
      .set(admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Nhiệm vụ',
      'Đơn vị trực thuộc',
      'Nhiệm vụ theo đơn vị',
      'Cao điểm',
      'Ngày cao điểm thiếu tin',
      'Lỗi đăng',
      'Chỉ tiêu',
      'Danh sách tin bài',
    ]);
    const values = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    const header = (ws: ExcelJS.Worksheet) => values(ws, 1) as string[];
    const countsOf = (ws: ExcelJS.Worksheet, r: number, first: number) => {
      const h = header(ws);
      const v = values(ws, r);
      const at = (label: string) => v[h.indexOf(label)] as number;
      expect(h.indexOf('Cổng/Trang TTĐT')).toBe(first);
      return {
        byChannel: {
          portal: at('Cổng/Trang TTĐT'),
          facebook: at('Facebook'),
          zalo: at('Zalo OA'),
          loudspeaker: at('Truyền thanh cơ sở'),
        },
        byFormat: {
          news: at('Tin'),
          article: at('Bài viết'),
          feature: at('Phóng sự'),
          video: at('Video clip'),
          infographic: at('Infographic'),
          broadcast: at('Bản tin phát thanh'),
        },
        published: at('Đã đăng'),
        failed: at('Lỗi'),
        unknown: at('Chưa rõ kết quả'),
        pending: at('Chờ đăng'),
        total: at('Tổng số lượt'),
        stories: at('Số tin bài gốc'),
      };
    };

    // The task sheet of the ward's report: the plan by its official number, never an internal code.
    const wardBook = new ExcelJS.Workbook();
    await wardBook.xlsx.load(
      (await http.get(`/api/v1/reports/${wardReport.id}.xlsx`).set(admin).buffer(true).parse(binary).expect(200)).body,
    );
    const tasks = wardBook.getWorksheet('Nhiệm vụ')!;
    const plan = wardReport.plans[0];
    plan.tasks.forEach((t, i) => {
      expect(values(tasks, i + 2).slice(0, 3)).toEqual(['662/KH-UBND', t.number, t.name]);
      expect(countsOf(tasks, i + 2, 4)).toEqual(t.counts);
    });
    expect(countsOf(tasks, plan.tasks.length + 2, 4)).toEqual(wardReport.untied.counts);
    expect(values(tasks, plan.tasks.length + 3)[0]).toBe('Tổng cộng');
    expect(countsOf(tasks, plan.tasks.length + 3, 4)).toEqual(wardReport.totals);
    const targetSheet = wardBook.getWorksheet('Chỉ tiêu')!;
    for (let r = 2; r <= targetSheet.rowCount; r += 1)
      expect(String(values(targetSheet, r)[0])).not.toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);

    const units = wb.getWorksheet('Đơn vị trực thuộc')!;
    provinceReport.units.forEach((u, i) => expect(countsOf(units, i + 2, 1)).toEqual(u.totals));
    expect(countsOf(units, provinceReport.units.length + 2, 1)).toEqual(provinceReport.totals);

    const summary = wb.getWorksheet('Tổng hợp')!;
    const summaryRows = summary.getSheetValues().filter(Boolean) as unknown[][];
    const figure = (label: string) => summaryRows.find((r) => r[1] === label)?.[2];
    expect(figure('Đã đăng')).toBe(provinceReport.totals.published);
    expect(figure('Truyền thanh cơ sở')).toBe(provinceReport.totals.byChannel.loudspeaker);
    expect(figure('Cơ quan')).toBe('Ủy ban nhân dân tỉnh Quảng Ngãi');
    expect((summaryRows.find((r) => r[1] === 'Từ ngày')?.[2] as Date).toISOString().slice(0, 10)).toBe('2025-12-15');
    expect(summary.getCell(summaryRows.findIndex((r) => r[1] === 'Từ ngày') + 1, 2).numFmt).toBe('dd/mm/yyyy');

    expect(wb.getWorksheet('Danh sách tin bài')!.rowCount).toBe(provinceReport.publications.length + 1);
    expect(wb.getWorksheet('Lỗi đăng')!.rowCount).toBe(provinceReport.failures.length + 1);
    const peaks = wb.getWorksheet('Cao điểm')!;
    const may = provinceReport.peaks.findIndex((p) => p.key === 'science-technology-day');
    expect(values(peaks, may + 2)[0]).toBe('Ngày Khoa học và Công nghệ Việt Nam');
    expect(values(peaks, may + 2)[10]).toBe(provinceReport.peaks[may].linked);
  });

  it('the CSV holds the raw rows, one per publication counted, dates dd/MM/yyyy', async () => {
    const res = await http
      .get(`/api/v1/reports/${wardReport.id}`)
      .query({ format: 'csv' })
      .set(officer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('bao-cao-phuong-dak-bla-2026-H1.csv');
    const text = (res.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [head, ...rows] = parseCsv(text.slice(1)).filter((r) => r.length > 1);
    expect(head).toEqual([
      'Mã lượt đăng',
      'Mã tin bài',
      'Cơ quan',
      'Kế hoạch',
      'Nhiệm vụ số',
      'Tiêu đề',
      'Hình thức',
      'Kênh',
      'Tài khoản kênh',
      'Thời điểm đăng (giờ Việt Nam)',
      'Đã đăng lúc',
      'Trạng thái',
      'Đường dẫn',
    ]);
    expect(rows.map((r) => r[0]).sort()).toEqual(wardReport.publications.map((p) => p.id).sort());
    expect(rows.filter((r) => r[11] === 'Đã đăng')).toHaveLength(wardReport.totals.published);
    expect(rows.filter((r) => r[7] === 'Truyền thanh cơ sở' && r[11] === 'Đã đăng')).toHaveLength(
      wardReport.totals.byChannel.loudspeaker,
    );
    for (const r of rows) expect(r[9]).toMatch(/^\d{2}\/\d{2}\/202[56] \d{2}:\d{2}$/);
    expect(rows.find((r) => r[5] === 'Tin ngày 15/12/2025')?.[9]).toBe('15/12/2025 00:00');
    expect(rows.find((r) => r[1] !== '' && r[3] !== '')?.[3]).toBe('662/KH-UBND');
  });

  describe('targets', () => {
    const target = 'nguoi-dan-tiep-can-qua-ttcs-2030';
    const put = (body: Record<string, unknown>, auth = officer) =>
      http
        .put('/api/v1/target-values')
        .set(auth)
        .send({ agency: data.ward.id, plan: data.planId, target, period: '2026-H1', ...body });

    it('a hand-entered value without a source is refused, at the API, in the service and in the database', async () => {
      for (const body of [{ value: 72 }, { value: 72, source: '' }, { value: 72, source: '   ' }]) {
        const res = await put(body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details.fields).toEqual([
          { field: 'source', problems: expect.arrayContaining([expect.stringContaining('nguồn số liệu')]) },
        ]);
      }
      const service = app.get(TargetValueService);
      const period = { key: '2026-H1', from: '2026-01-01', to: '2026-06-30', label: '' };
      await expect(
        service.set(
          { agencyId: data.ward.id, planId: data.planId, targetKey: target, period, value: 72, source: ' ' },
          { userId: officerId },
        ),
      ).rejects.toMatchObject({ code: 'TARGET_SOURCE_REQUIRED' });
      await expect(
        env.db.query(
          `INSERT INTO target_values (agency_id, plan_id, target_key, period_from, period_to, value, source) VALUES ($1, $2, $3, '2026-01-01', '2026-06-30', 72, '  ')`,
          [data.ward.id, data.planId, target],
        ),
      ).rejects.toThrow(/check constraint/);
      expect((await env.db.query(`SELECT count(*)::int AS n FROM target_values`))[0].n).toBe(0);
      expect(
        (await env.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'target_value'`))[0].n,
      ).toBe(0);
    });

    it('every change to a value is in the audit trail, and the report shows the value with its source', async () => {
      const created = await put({
        value: 64.5,
        source: 'Khảo sát của Phòng Văn hóa - Xã hội phường, tháng 5/2026',
      }).expect(200);
      expect(created.body).toMatchObject({
        created: true,
        changed: true,
        value: 64.5,
        period: { from: '2025-12-15', to: '2026-06-14' },
      });
      const same = await put({
        value: 64.5,
        source: 'Khảo sát của Phòng Văn hóa - Xã hội phường, tháng 5/2026',
      }).expect(200);
      expect(same.body).toMatchObject({ id: created.body.id, created: false, changed: false });
      const changed = await put({
        value: 81,
        source: 'Khảo sát bổ sung của Phòng Văn hóa - Xã hội phường, tháng 6/2026',
        note: 'Thêm 3 tổ dân phố',
      }).expect(200);
      expect(changed.body).toMatchObject({
        id: created.body.id,
        created: false,
        changed: true,
        value: 81,
        note: 'Thêm 3 tổ dân phố',
      });

      const report = (await http.post('/api/v1/reports').set(officer).send({ period: '2026-H1' }).expect(201))
        .body as Report;
      const row = report.targets.find((t) => t.key === target)!;
      expect(row).toMatchObject({
        measurement: 'manual',
        value: 81,
        goal: 80,
        year: 2030,
        source: 'Khảo sát bổ sung của Phòng Văn hóa - Xã hội phường, tháng 6/2026',
        enteredBy: 'Y Hòa Niê',
        status: 'met',
        valueId: created.body.id,
      });
      expect(report.targets.find((t) => t.key === 'can-bo-cds-duoc-dao-tao-2030')).toMatchObject({
        measurement: 'manual',
        value: null,
        status: 'not_entered',
      });
      expect(report.targets.find((t) => t.key === 'nhip.items-published')).toMatchObject({
        measurement: 'automatic',
        value: report.totals.published,
        status: 'counted',
      });
      expect(report.targets.find((t) => t.key === 'nhip.broadcasts-aired')).toMatchObject({
        value: report.totals.byChannel.loudspeaker,
      });
      expect(report.targets.find((t) => t.key === 'nhip.tasks-with-output')).toMatchObject({
        unit: 'percent',
        value: 83.33,
      });

      await http.delete(`/api/v1/target-values/${created.body.id}`).set(officer).expect(204);
      const trail = (await http.get(`/api/v1/target-values/${created.body.id}/audit`).set(officer).expect(200))
        .body as Array<{ action: string; actorUserId: string; data: unknown }>;
      expect(trail.map((e) => e.action)).toEqual([
        'target_value.created',
        'target_value.updated',
        'target_value.removed',
      ]);
      for (const e of trail) expect(e.actorUserId).toBe(officerId);
      expect(trail[0].data).toMatchObject({
        target,
        before: null,
        after: { value: 64.5, source: 'Khảo sát của Phòng Văn hóa - Xã hội phường, tháng 5/2026' },
      });
      expect(trail[1].data).toMatchObject({ before: { value: 64.5 }, after: { value: 81, note: 'Thêm 3 tổ dân phố' } });
      expect(trail[2].data).toMatchObject({ before: { value: 81 }, after: null });
      const rows = await env.db
        .getRepository(AuditEventEntity)
        .find({ where: { subjectType: 'target_value', subjectId: created.body.id } });
      expect(rows.map((r) => r.agencyId)).toEqual([data.ward.id, data.ward.id, data.ward.id]);
      expect(
        (await app.get(AuditService).agencyTrail(data.ward.id, { limit: 10 })).some(
          (e) => e.action === 'target_value.removed',
        ),
      ).toBe(true);
    });

    it('a target Nhịp counts cannot be entered by hand, and the report counts it', async () => {
      await env.db.query(`UPDATE plans SET targets = targets || $2::jsonb WHERE id = $1`, [
        data.planId,
        JSON.stringify([
          {
            key: 'ban-tin-truyen-thanh-6-thang',
            description: 'Ít nhất 60 lượt phát bản tin trên hệ thống truyền thanh cơ sở mỗi 6 tháng',
            value: 60,
            unit: 'count',
            year: 2026,
            comparator: '>=',
            metric: 'broadcasts-aired',
          },
        ]),
      ]);
      const res = await http
        .put('/api/v1/target-values')
        .set(officer)
        .send({
          agency: data.ward.id,
          plan: data.planId,
          target: 'ban-tin-truyen-thanh-6-thang',
          period: '2026-H1',
          value: 70,
          source: 'Sổ theo dõi của đài truyền thanh',
        })
        .expect(400);
      expect(res.body.code).toBe('TARGET_IS_AUTOMATIC');
      const report = (await http.post('/api/v1/reports').set(officer).send({ period: '2026-H1' }).expect(201))
        .body as Report;
      const row = report.targets.find((t) => t.key === 'ban-tin-truyen-thanh-6-thang')!;
      expect(row).toMatchObject({
        measurement: 'automatic',
        value: report.plans[0].totals.byChannel.loudspeaker,
        goal: 60,
      });
      expect(row.status).toBe(row.value! >= 60 ? 'met' : 'not_met');
    });

    it('refuses unknown targets, percentages over 100, plans of other agencies and weak roles', async () => {
      expect((await put({ target: 'khong-co', value: 1, source: 'Khảo sát' }).expect(400)).body.code).toBe(
        'TARGET_NOT_FOUND',
      );
      expect((await put({ value: 101, source: 'Khảo sát' }).expect(400)).body.code).toBe('TARGET_VALUE_INVALID');
      const [tq] = await env.db.query(`SELECT id FROM plans WHERE code = 'tuyen-quang-truyen-thong-nq57-2026'`);
      expect(
        (
          await put({ plan: tq.id, target: 'nguoi-dan-tiep-can-qua-ttcs-2030', value: 1, source: 'Khảo sát' }).expect(
            400,
          )
        ).body.code,
      ).toBe('REPORT_PLAN_NOT_RELATED');
      const make = factories(env.db);
      const v = await make.user();
      await make.membership(v.user, data.ward, 'viewer');
      expect(
        (await put({ value: 1, source: 'Khảo sát' }, await login(v.user.username, v.password)).expect(403)).body.code,
      ).toBe('ROLE_TOO_LOW');
    });
  });
});
