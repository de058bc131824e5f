import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { seedDemoData } from '@nhip/demo';
import type { ReportSnapshot } from '@nhip/reporting';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';
import { HalfYear, scriptHalfYear } from './support/half-year';

const run = promisify(execFile);
/** Where people can look at what the test produced (gitignored). */
const OUTPUT = resolve(__dirname, '../output/reports');
/** LibreOffice starts slowly the first time it builds its profile; one conversion stays well within this. */
const CONVERSION_TIMEOUT_MS = 150_000;

const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ');
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('the DOCX report opens in LibreOffice (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let data: HalfYear;
  let report: ReportSnapshot;
  let pdfText: string;
  const base = join(OUTPUT, 'bao-cao-phuong-dak-bla-2026-H1');

  beforeAll(async () => {
    env = await createTestEnvironment();
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    data = await scriptHalfYear(env.db);
    app = await createApiApp(env.config);
    await app.init();
    const http = request(app.getHttpServer());
    const login = await http
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'mat-khau-quan-tri' })
      .expect(200);
    const auth = { Authorization: `Bearer ${login.body.token}` };
    report = (
      await http.post('/api/v1/reports').set(auth).send({ agency: data.ward.id, period: '2026-H1' }).expect(201)
    ).body;
    const docx = await http.get(`/api/v1/reports/${report.id}.docx`).set(auth).buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain('bao-cao-phuong-dak-bla-2026-H1.docx');
    mkdirSync(OUTPUT, { recursive: true });
    rmSync(`${base}.pdf`, { force: true });
    writeFileSync(`${base}.docx`, docx.body as Buffer);
    writeFileSync(`${base}.json`, JSON.stringify(report, null, 2));
    // The province's roll-up too, for people to open; the test converts one document only.
    const province = (
      await http.post('/api/v1/reports').set(auth).send({ agency: data.province.id, period: '2026-H1' }).expect(201)
    ).body as ReportSnapshot;
    const provinceDocx = await http
      .get(`/api/v1/reports/${province.id}.docx`)
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    writeFileSync(join(OUTPUT, 'bao-cao-tinh-quang-ngai-2026-H1.docx'), provinceDocx.body as Buffer);
    writeFileSync(join(OUTPUT, 'bao-cao-tinh-quang-ngai-2026-H1.json'), JSON.stringify(province, null, 2));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it(
    'converts to PDF headless without errors; page 1 is written as a PNG',
    async () => {
      const profile = mkdtempSync(join(tmpdir(), 'nhip-lo-'));
      try {
        const { stdout, stderr } = await run(
          'soffice',
          [
            `-env:UserInstallation=${pathToFileURL(profile).href}`,
            '--headless',
            '--norestore',
            '--convert-to',
            'pdf',
            '--outdir',
            OUTPUT,
            `${base}.docx`,
          ],
          { timeout: CONVERSION_TIMEOUT_MS, killSignal: 'SIGKILL' },
        );
        expect(stdout).toContain('writer_pdf_Export');
        expect(stderr).not.toMatch(/error/i);
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
      expect(statSync(`${base}.pdf`).size).toBeGreaterThan(10_000);
      pdfText = (await run('pdftotext', ['-enc', 'UTF-8', `${base}.pdf`, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
      await run('pdftoppm', [
        '-png',
        '-r',
        '100',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        `${base}.pdf`,
        `${base}-trang-1`,
      ]);
      const png = readFileSync(`${base}-trang-1.png`);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    },
    CONVERSION_TIMEOUT_MS + 20_000,
  );

  it('the PDF holds the national motto, the header, every task row and the signature block, diacritics intact', () => {
    const text = flat(pdfText);
    expect(pdfText).not.toContain('\uFFFD');
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND TỈNH QUẢNG NGÃI',
      'ỦY BAN NHÂN DÂN PHƯỜNG ĐĂK BLA',
      `Số: ${report.number}`,
      'Đăk Bla, ngày',
      'BÁO CÁO',
      'Kết quả triển khai thực hiện Kế hoạch số 662/KH-UBND ngày 26/11/2025',
      'I. KẾT QUẢ THỰC HIỆN',
      'Bảng 1. Số lượt đăng, phát thành công theo nhiệm vụ và kênh',
      'Ngày Khoa học và Công nghệ Việt Nam',
      'II. TỒN TẠI, HẠN CHẾ',
      'Nơi nhận:',
      '- Sở Khoa học và Công nghệ tỉnh Quảng Ngãi;',
      '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'DANH MỤC TIN, BÀI ĐÃ ĐĂNG, PHÁT TRONG KỲ',
    ]) {
      expect({ line, found: text.includes(line) }).toEqual({ line, found: true });
    }
    for (const task of report.plans[0].tasks) {
      const row = flat(task.name);
      expect({ task: task.number, found: text.includes(row) }).toEqual({ task: task.number, found: true });
      expect(text).toContain(`Nhiệm vụ ${task.number}`);
    }
    expect(text).toContain('Tin, bài không gắn với nhiệm vụ của kế hoạch');
    // Every row of the roll-up table is printed (a repeated header row at a page's foot once swallowed them in LibreOffice).
    const rollUp = text.slice(text.indexOf('Bảng 4. Tổng hợp theo cơ quan, đơn vị'), text.indexOf('4.1. '));
    for (const unit of report.units) {
      const name = flat(unit.own ? `${unit.agency.name} (trực tiếp)` : unit.agency.name);
      expect({ unit: name, inTable: rollUp.includes(name) }).toEqual({ unit: name, inTable: true });
    }
    expect(text).toContain('Tổng cộng');
  });
});
