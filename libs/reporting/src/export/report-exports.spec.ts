import ExcelJS from 'exceljs';
import { countPublications, emptyCounts, taskRows, untiedRow } from '../model/report-assembly';
import { REPORT_SCHEMA_VERSION, ReportPublication, ReportSnapshot } from '../model/report.types';
import { renderReportCsv } from './report-csv';
import { renderReportDocx } from './report-docx';
import { countCells, COUNT_HEADERS, renderReportXlsx, XLSX_SHEETS } from './report-xlsx';

const tasks = [
  {
    id: 't1',
    planId: 'p1',
    number: '1',
    name: 'Tuyên truyền, phổ biến Nghị quyết 57-NQ/TW',
    lead: 'Phòng Văn hóa - Xã hội',
  },
  { id: 't2', planId: 'p1', number: '2', name: 'Tổ chức "Ngày hội toàn dân học tập số", hưởng ứng 10/10', lead: null },
];

function publication(id: string, input: Partial<ReportPublication>): ReportPublication {
  return {
    id,
    storyId: `s-${id}`,
    title: 'Tin, bài "thử nghiệm"',
    format: 'news',
    agency: { id: 'a', name: 'Ủy ban nhân dân phường Đăk Bla' },
    unitId: 'a',
    planId: 'p1',
    taskId: 't1',
    taskNumber: '1',
    peakKey: null,
    channelType: 'portal',
    channelAccount: 'Trang thông tin điện tử phường',
    state: 'published',
    occurrenceAt: '2026-01-01T00:30:00.000Z',
    publishedAt: '2026-01-01T00:32:00.000Z',
    url: 'https://dakbla.example.gov.vn/tin/1',
    ...input,
  };
}

function snapshot(publications: ReportPublication[]): ReportSnapshot {
  const totals = countPublications(publications);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: '3f0c8f5e-8f58-4c0c-9a3c-1b1b2b3c4d5e',
    number: '1/BC-UBND',
    generatedAt: '2026-06-10T02:00:00.000Z',
    generatedBy: null,
    agency: {
      id: 'a',
      code: 'phuong-dak-bla',
      name: 'Ủy ban nhân dân phường Đăk Bla',
      shortName: 'UBND phường Đăk Bla',
      kind: 'ward',
      parent: null,
      place: 'Đăk Bla',
    },
    period: { key: '2026-H1', label: '6 tháng đầu năm 2026', from: '2026-01-01', to: '2026-06-30' },
    agencyCount: 1,
    empty: publications.length === 0,
    notice: publications.length === 0 ? 'Trong kỳ báo cáo không có tin, bài nào.' : null,
    totals,
    plans: [
      {
        id: 'p1',
        code: 'dak-bla',
        number: '662/KH-UBND',
        title: 'Kế hoạch truyền thông',
        issued: '26/11/2025',
        reference: 'Kế hoạch số 662/KH-UBND ngày 26/11/2025 của Ủy ban nhân dân phường Đăk Bla',
        issuingAgency: { id: 'a', name: 'Ủy ban nhân dân phường Đăk Bla' },
        tasks: taskRows(tasks, publications),
        totals: countPublications(publications.filter((p) => p.planId === 'p1')),
        deadlines: [],
      },
    ],
    untied: untiedRow(publications, new Set(['p1'])),
    units: [],
    peaks: [],
    failures: [],
    targets: [],
    publications,
    document: {
      layout: 'state',
      superior: null,
      issuer: 'ỦY BAN NHÂN DÂN PHƯỜNG ĐĂK BLA',
      number: '      /BC-UBND',
      place: 'Đăk Bla',
      title: 'Kết quả 6 tháng đầu năm 2026 thực hiện Kế hoạch số 662/KH-UBND ngày 26/11/2025',
      basis: 'Thực hiện Kế hoạch số 662/KH-UBND ngày 26/11/2025, Ủy ban nhân dân phường Đăk Bla báo cáo như sau:',
      cutOff: 'số liệu tính từ ngày 15/12/2025 đến ngày 14/06/2026',
      signer: { authority: 'TM. ỦY BAN NHÂN DÂN', deputy: null, title: 'CHỦ TỊCH', name: null },
      recipients: ['Lưu: VT'],
    },
  };
}

const full = snapshot([
  publication('a1', {}),
  publication('a2', { channelType: 'loudspeaker', format: 'broadcast', url: null }),
  publication('a3', { state: 'failed', taskId: 't2', taskNumber: '2', publishedAt: null, url: null }),
  publication('a4', { taskId: null, taskNumber: null, planId: null, channelType: 'zalo' }),
]);

describe('CSV export', () => {
  it('writes a BOM, the Vietnamese header and one quoted line per publication, times dd/MM/yyyy HH:mm', () => {
    const csv = renderReportCsv(full);
    expect(csv.startsWith('\uFEFFMã lượt đăng,Mã tin bài,Cơ quan,')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      'a1,s-a1,Ủy ban nhân dân phường Đăk Bla,662/KH-UBND,1,"Tin, bài ""thử nghiệm""",Tin,Cổng/Trang TTĐT,Trang thông tin điện tử phường,01/01/2026 07:30,01/01/2026 07:32,Đã đăng,https://dakbla.example.gov.vn/tin/1',
    );
    expect(lines[3]).toContain(',Lỗi,');
  });

  it('an empty report is a header line only', () => {
    expect(renderReportCsv(snapshot([])).slice(1).trimEnd().split('\r\n')).toHaveLength(1);
  });
});

describe('XLSX export', () => {
  it('has every section as a sheet and the task table reads back as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(full)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(XLSX_SHEETS));
    const sheet = wb.getWorksheet(XLSX_SHEETS.tasks)!;
    const row = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(row(1).slice(4)).toEqual(COUNT_HEADERS);
    expect(row(2)).toEqual([
      '662/KH-UBND',
      '1',
      tasks[0].name,
      'Phòng Văn hóa - Xã hội',
      ...countCells(full.plans[0].tasks[0].counts),
    ]);
    expect(row(4).slice(4)).toEqual(countCells(full.untied.counts));
    expect(row(5)).toEqual(['Tổng cộng', '', '', '', ...countCells(full.totals)]);
    const list = wb.getWorksheet(XLSX_SHEETS.publications)!;
    expect((list.getCell('A2').value as Date).toISOString()).toBe('2026-01-01T07:30:00.000Z');
    expect(list.getCell('A2').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(list.getCell('I2').value).toEqual({
      text: 'https://dakbla.example.gov.vn/tin/1',
      hyperlink: 'https://dakbla.example.gov.vn/tin/1',
    });
  });

  it('an empty report still has its sheets and zero totals', async () => {
    const empty = snapshot([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(empty)) as unknown as ArrayBuffer);
    const rows = wb.getWorksheet(XLSX_SHEETS.summary)!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.find((r) => r[1] === 'Ghi chú')?.[2]).toBe('Trong kỳ báo cáo không có tin, bài nào.');
    expect(rows.find((r) => r[1] === 'Đã đăng')?.[2]).toBe(0);
    expect(countCells(emptyCounts()).every((n) => n === 0)).toBe(true);
  });
});

describe('DOCX export', () => {
  it('is a Word document (a zip) for a full and for an empty report', async () => {
    for (const report of [full, snapshot([])]) {
      const docx = await renderReportDocx(report);
      expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(docx.includes(Buffer.from('word/document.xml'))).toBe(true);
    }
  });
});
