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
import { documentXml, paragraphs, signatureCells, tableCells, XmlParagraph } from './support/docx-xml';
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
  /** The document.xml of each hierarchy case. */
  const xml: Record<'ward' | 'department' | 'province' | 'party', string> = {
    ward: '',
    department: '',
    province: '',
    party: '',
  };

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
    // What is checked is the document as signed: each report submitted and approved first.
    const approve = async (id: string) => {
      await http.post(`/api/v1/reports/${id}/submit`).set(auth).send({ revision: 1 }).expect(200);
      await http.post(`/api/v1/reports/${id}/approve`).set(auth).send({ revision: 2 }).expect(200);
    };
    // The ward's own recipients of every report, kept once by its administrator.
    const ward = await http
      .patch(`/api/v1/agencies/${data.ward.id}`)
      .set(auth)
      .send({
        reportRecipients: ['Thường trực Đảng ủy phường', ' Thường trực HĐND phường ', 'Thường trực Đảng ủy phường'],
      })
      .expect(200);
    expect(ward.body.reportRecipients).toEqual(['Thường trực Đảng ủy phường', 'Thường trực HĐND phường']);
    // Plan 662 itself was signed KT. by a vice-chairman.
    report = (
      await http
        .post('/api/v1/reports')
        .set(auth)
        .send({ agency: data.ward.id, period: '2026-H1', signer: { form: 'KT', name: 'Nguyễn Đại Trà' } })
        .expect(201)
    ).body;
    await approve(report.id);
    const docx = await http.get(`/api/v1/reports/${report.id}.docx`).set(auth).buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain('bao-cao-phuong-dak-bla-2026-H1.docx');
    mkdirSync(OUTPUT, { recursive: true });
    rmSync(`${base}.pdf`, { force: true });
    writeFileSync(`${base}.docx`, docx.body as Buffer);
    writeFileSync(`${base}.json`, JSON.stringify(report, null, 2));
    xml.ward = await documentXml(`${base}.docx`);
    // The other hierarchy cases: a department, the province's roll-up, a Party board (on the Party's form).
    const [partyBoard] = await env.db.query(`SELECT id FROM agencies WHERE code = 'dong-nai-ban-tgdv-tinh-uy'`);
    for (const [key, agency, period, file] of [
      ['department', data.department.id, '2026-H1', 'bao-cao-so-khcn-quang-ngai-2026-H1'],
      ['province', data.province.id, '2026-H1', 'bao-cao-tinh-quang-ngai-2026-H1'],
      ['party', partyBoard.id, '2025', 'bao-cao-ban-tgdv-tinh-uy-dong-nai-2025'],
    ] as const) {
      const made = (await http.post('/api/v1/reports').set(auth).send({ agency, period }).expect(201))
        .body as ReportSnapshot;
      await approve(made.id);
      const docx = await http.get(`/api/v1/reports/${made.id}.docx`).set(auth).buffer(true).parse(binary).expect(200);
      writeFileSync(join(OUTPUT, `${file}.docx`), docx.body as Buffer);
      writeFileSync(join(OUTPUT, `${file}.json`), JSON.stringify(made, null, 2));
      xml[key] = await documentXml(join(OUTPUT, `${file}.docx`));
    }
  }, 180_000);

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
      'ỦY BAN NHÂN DÂN PHƯỜNG ĐĂK BLA',
      'Số: /BC-UBND',
      'Đăk Bla, ngày',
      'BÁO CÁO',
      'Kết quả 6 tháng đầu năm 2026 thực hiện Kế hoạch số 662/KH-UBND ngày 26/11/2025',
      'số liệu tính từ ngày 15/12/2025 đến ngày 14/06/2026',
      'I. KẾT QUẢ THỰC HIỆN',
      'Bảng 1. Số lượt đăng, phát thành công theo nhiệm vụ và kênh',
      'Ngày Khoa học và Công nghệ Việt Nam',
      'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
      'III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ',
      'Nơi nhận:',
      '- Sở Khoa học và Công nghệ tỉnh Quảng Ngãi (b/c);',
      '- Lưu: VT, VHXH.',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Đại Trà',
      'DANH MỤC TIN, BÀI ĐÃ ĐĂNG, PHÁT TRONG KỲ',
    ]) {
      expect({ line, found: text.includes(line) }).toEqual({ line, found: true });
    }
    expect(text).not.toContain('UBND TỈNH QUẢNG NGÃI');
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

  const texts = (ps: XmlParagraph[]) => ps.map((p) => p.text).filter((t) => t.trim() !== '');
  const headerOf = (key: keyof typeof xml) => tableCells(xml[key], 0);

  it('every case keeps the page of Decree 30/2020: A4, margins 20/20/30/15 mm, Times New Roman only', () => {
    for (const [key, doc] of Object.entries(xml)) {
      expect({ key, size: /<w:pgSz w:w="11906" w:h="16838"/.test(doc) }).toEqual({ key, size: true });
      expect({ key, margins: /<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/.test(doc) }).toEqual({
        key,
        margins: true,
      });
      const fonts = new Set([...doc.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
      expect({ key, fonts: [...fonts] }).toEqual({ key, fonts: ['Times New Roman'] });
    }
  });

  it('the ward: no superior line, its name bold 12 pt, the number blank for the register, the motto 12/13 pt bold', () => {
    const [left, right] = headerOf('ward');
    expect(texts(left)).toEqual(['ỦY BAN NHÂN DÂN PHƯỜNG ĐĂK BLA', 'Số:       /BC-UBND']);
    expect(left[0]).toMatchObject({ bold: true, size: 24 });
    expect(texts(right).slice(0, 2)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(right[0]).toMatchObject({ bold: true, size: 24 });
    expect(right[1]).toMatchObject({ bold: true, size: 26 });
    expect(texts(right)[2]).toMatch(/^Đăk Bla, ngày \d{2} tháng \d{1,2} năm 20\d{2}$/);
    const [recipients, signer] = signatureCells(xml.ward);
    expect(texts(recipients)).toEqual([
      'Nơi nhận:',
      '- Sở Khoa học và Công nghệ tỉnh Quảng Ngãi (b/c);',
      '- Thường trực Đảng ủy phường;',
      '- Thường trực HĐND phường;',
      '- Lưu: VT, VHXH.',
    ]);
    expect(texts(signer)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Đại Trà']);
    expect(signer.filter((p) => p.text.trim()).every((p) => p.bold)).toBe(true);
  });

  it("a department: the People's Committee above it, its own symbol, reporting to that committee", () => {
    const [left] = headerOf('department');
    expect(texts(left)).toEqual(['UBND TỈNH QUẢNG NGÃI', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Số:       /BC-SKHCN']);
    expect(left[0].bold).toBe(false);
    expect(left[1].bold).toBe(true);
    const [recipients, signer] = signatureCells(xml.department);
    expect(texts(recipients)).toEqual(['Nơi nhận:', '- Ủy ban nhân dân tỉnh Quảng Ngãi (b/c);', '- Lưu: VT.']);
    expect(texts(signer)).toEqual(['GIÁM ĐỐC']);
  });

  it("the province: no superior line, not built on the ward's plan, not addressed to its own department", () => {
    const [left] = headerOf('province');
    expect(texts(left)).toEqual(['ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 'Số:       /BC-UBND']);
    const all = texts(paragraphs(xml.province)).join('\n');
    expect(all).not.toContain('662/KH-UBND');
    const [recipients] = signatureCells(xml.province);
    expect(texts(recipients)).toEqual(['Nơi nhận:', '- Lưu: VT.']);
    // Its units are its own line only: departments and the ward, never the Front, the press or partners.
    const rollUp = all.slice(all.indexOf('Bảng 4.'));
    expect(rollUp).toContain('Ủy ban nhân dân phường Đăk Bla');
    expect(rollUp).not.toMatch(/Mặt trận|Công an|cơ quan báo chí|Các cơ quan, đơn vị trên địa bàn/);
  });

  it("a Party board: the Party's own form (Hướng dẫn 36-HD/VPTW), not the State's", () => {
    const [left, right] = headerOf('party');
    expect(texts(left)).toEqual(['TỈNH ỦY ĐỒNG NAI', 'BAN TUYÊN GIÁO VÀ DÂN VẬN', '*', 'Số       -BC/BTGDVTU']);
    expect(left[1].bold).toBe(true);
    expect(texts(right)[0]).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(right[0]).toMatchObject({ bold: true, underline: true });
    expect(texts(right)[1]).toMatch(/^Đồng Nai, ngày /);
    const all = texts(paragraphs(xml.party)).join('\n');
    expect(all).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(all).not.toContain('UBND TỈNH ĐỒNG NAI');
    expect(texts(signatureCells(xml.party)[1])).toEqual(['TRƯỞNG BAN']);
  });

  it('holds only what an official signs: no tool names, channel errors, "≥" or shortfalls against our own cadence', () => {
    for (const [key, doc] of Object.entries(xml)) {
      const all = texts(paragraphs(doc)).join('\n');
      for (const banned of [
        'Nhịp',
        'Mã truy cập',
        'mã truy cập',
        'pages_manage_posts',
        'FACEBOOK_',
        'ZALO_',
        'LOUDSPEAKER_',
        'Lỗi, chưa rõ',
        'không thành công',
        'thiếu',
        'nhịp đăng',
        '≥',
        'Tự động đếm',
        '"',
        'Kế hoạch "Kế hoạch',
      ])
        expect({ key, banned, found: all.includes(banned) }).toEqual({ key, banned, found: false });
      // No name said twice in a row ("…phường Đăk Bla, Ủy ban nhân dân phường Đăk Bla báo cáo…").
      expect({ key, repeated: /(Ủy ban nhân dân [^,.;:]+), \1 /.test(all) }).toEqual({ key, repeated: false });
      expect({ key, creator: /Nhịp/.test(doc) }).toEqual({ key, creator: false });
    }
  });
});
