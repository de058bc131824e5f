import ExcelJS from 'exceljs';
import { vietnamWallClockAsUtc } from '@nhip/core';
import { CHANNEL_TYPES, STORY_FORMATS } from '@nhip/database';
import { planLabel } from '../model/report-assembly';
import type { PublicationCounts, ReportSnapshot, TaskRow } from '../model/report.types';
import { TARGET_STATUS_LABELS } from '../targets/target-measures';
import { CHANNEL_LABELS, FORMAT_LABELS, localDayOfInstant, STATE_LABELS } from '../model/vietnamese-format';

/** Sheet names, one per section of the report (Excel allows 31 characters). */
export const XLSX_SHEETS = {
  summary: 'Tổng hợp',
  tasks: 'Nhiệm vụ',
  units: 'Đơn vị trực thuộc',
  unitTasks: 'Nhiệm vụ theo đơn vị',
  peaks: 'Cao điểm',
  gaps: 'Ngày cao điểm thiếu tin',
  failures: 'Lỗi đăng',
  targets: 'Chỉ tiêu',
  publications: 'Danh sách tin bài',
} as const;

/** The count columns every table shares, in this order. */
export const COUNT_HEADERS = [
  ...CHANNEL_TYPES.map((c) => CHANNEL_LABELS[c]),
  ...STORY_FORMATS.map((f) => FORMAT_LABELS[f]),
  'Đã đăng',
  'Lỗi',
  'Chưa rõ kết quả',
  'Chờ đăng',
  'Tổng số lượt',
  'Số tin bài gốc',
];

export function countCells(c: PublicationCounts): number[] {
  return [
    ...CHANNEL_TYPES.map((t) => c.byChannel[t]),
    ...STORY_FORMATS.map((f) => c.byFormat[f]),
    c.published,
    c.failed,
    c.unknown,
    c.pending,
    c.total,
    c.stories,
  ];
}

/** Wall-clock time in Việt Nam as a spreadsheet date (spreadsheets have no time zones). */
const wallClock = (iso: string) => vietnamWallClockAsUtc(iso);
const dayCell = (day: string) => new Date(`${day}T00:00:00Z`);

/** The report as a workbook: one sheet per section, numbers as numbers, dates shown dd/MM/yyyy. */
export async function renderReportXlsx(report: ReportSnapshot): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = report.agency.name;
  wb.created = new Date(report.generatedAt);
  wb.title = `Báo cáo ${report.number} — ${report.agency.name}`;

  const summary = sheet(wb, XLSX_SHEETS.summary, [
    { header: 'Mục', width: 42 },
    { header: 'Giá trị', width: 60 },
  ]);
  const info: Array<[string, string | number | Date]> = [
    ['Cơ quan', report.agency.name],
    ['Số báo cáo', report.number],
    ['Kỳ báo cáo', report.period.label],
    ['Từ ngày', dayCell(report.period.from)],
    ['Đến ngày', dayCell(report.period.to)],
    ['Ngày lập', dayCell(localDayOfInstant(report.generatedAt))],
    [
      'Kế hoạch',
      report.plans.map((p) => (p.number ? `${p.number} — ${p.title}` : p.title)).join('\n') ||
        'Không có kế hoạch nào trong kỳ',
    ],
    ['Số cơ quan được tính (cả đơn vị trực thuộc)', report.agencyCount],
  ];
  if (report.notice) info.push(['Ghi chú', report.notice]);
  for (const [label, value] of info) {
    const row = summary.addRow([label, value]);
    if (value instanceof Date) row.getCell(2).numFmt = 'dd/mm/yyyy';
  }
  summary.addRow([]);
  const head = summary.addRow(['Chỉ số', 'Số lượng']);
  head.font = { bold: true };
  COUNT_HEADERS.forEach((label, i) => summary.addRow([label, countCells(report.totals)[i]]));
  summary.getColumn(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };

  const taskColumns = [
    { header: 'Kế hoạch', width: 24 },
    { header: 'TT', width: 6 },
    { header: 'Nhiệm vụ', width: 60 },
    { header: 'Cơ quan chủ trì', width: 28 },
    ...countColumns(),
  ];
  const tasks = sheet(wb, XLSX_SHEETS.tasks, taskColumns);
  for (const plan of report.plans) for (const t of plan.tasks) tasks.addRow(taskLine(planLabel(plan), t));
  tasks.addRow(taskLine('', report.untied));
  totalRow(tasks.addRow(['Tổng cộng', '', '', '', ...countCells(report.totals)]));

  const units = sheet(wb, XLSX_SHEETS.units, [{ header: 'Cơ quan, đơn vị', width: 50 }, ...countColumns()]);
  for (const unit of report.units)
    units.addRow([unit.own ? `${unit.agency.name} (trực tiếp)` : unit.agency.name, ...countCells(unit.totals)]);
  if (report.units.length) totalRow(units.addRow(['Tổng cộng', ...countCells(report.totals)]));
  else units.addRow(['Cơ quan không có đơn vị trực thuộc.']);

  const unitTasks = sheet(wb, XLSX_SHEETS.unitTasks, [{ header: 'Cơ quan, đơn vị', width: 40 }, ...taskColumns]);
  const planCode = new Map(report.plans.map((p) => [p.id, planLabel(p)]));
  for (const unit of report.units)
    for (const t of unit.tasks)
      unitTasks.addRow([unit.agency.name, ...taskLine(t.planId ? (planCode.get(t.planId) ?? '') : '', t)]);

  const peaks = sheet(wb, XLSX_SHEETS.peaks, [
    { header: 'Đợt cao điểm', width: 44 },
    { header: 'Nguồn', width: 12 },
    { header: 'Ngày', width: 12 },
    { header: 'Từ ngày', width: 12 },
    { header: 'Đến ngày', width: 12 },
    ...CHANNEL_TYPES.map((c) => ({ header: CHANNEL_LABELS[c], width: 12 })),
    { header: 'Đã đăng trong đợt', width: 12 },
    { header: 'Tin bài gắn với đợt', width: 12 },
    { header: 'Số tin còn thiếu so với nhịp', width: 14 },
    { header: 'Có tin bài', width: 10 },
  ]);
  for (const p of report.peaks) {
    const row = peaks.addRow([
      p.name,
      p.source === 'national' ? 'Quốc gia' : 'Kế hoạch',
      dmy(p.date),
      dmy(p.from),
      dmy(p.to),
      ...CHANNEL_TYPES.map((c) => p.byChannel[c]),
      p.published,
      p.linked,
      p.missing,
      p.covered ? 'Có' : 'Không',
    ]);
    for (const i of [3, 4, 5]) row.getCell(i).numFmt = 'dd/mm/yyyy';
  }

  const gaps = sheet(wb, XLSX_SHEETS.gaps, [
    { header: 'Đợt cao điểm', width: 44 },
    { header: 'Ngày', width: 12 },
    { header: 'Cơ quan', width: 40 },
    { header: 'Kênh', width: 20 },
    { header: 'Cần', width: 8 },
    { header: 'Đã có', width: 8 },
    { header: 'Thiếu', width: 8 },
  ]);
  for (const p of report.peaks) {
    for (const g of p.gaps)
      gaps
        .addRow([p.name, dmy(g.date), g.agency.name, CHANNEL_LABELS[g.channelType], g.expected, g.scheduled, g.missing])
        .getCell(2).numFmt = 'dd/mm/yyyy';
  }

  const failures = sheet(wb, XLSX_SHEETS.failures, [
    { header: 'Thời điểm', width: 17 },
    { header: 'Cơ quan', width: 34 },
    { header: 'Kênh', width: 20 },
    { header: 'Tài khoản kênh', width: 34 },
    { header: 'Tiêu đề', width: 50 },
    { header: 'Trạng thái', width: 16 },
    { header: 'Số lần thử', width: 10 },
    { header: 'Mã lỗi', width: 18 },
    { header: 'Lý do', width: 50 },
  ]);
  const pubById = new Map(report.publications.map((p) => [p.id, p]));
  for (const f of report.failures) {
    const at = pubById.get(f.publicationId)?.occurrenceAt;
    const row = failures.addRow([
      at ? wallClock(at) : f.at,
      f.agency,
      CHANNEL_LABELS[f.channelType],
      f.channelAccount,
      f.title,
      STATE_LABELS[f.state],
      f.attempts,
      f.errorCode ?? '',
      f.reason ?? '',
    ]);
    row.getCell(1).numFmt = 'dd/mm/yyyy hh:mm';
  }

  const targets = sheet(wb, XLSX_SHEETS.targets, [
    { header: 'Kế hoạch', width: 24 },
    { header: 'Mã chỉ tiêu', width: 30 },
    { header: 'Chỉ tiêu', width: 60 },
    { header: 'Đơn vị tính', width: 10 },
    { header: 'Mục tiêu', width: 10 },
    { header: 'Năm', width: 8 },
    { header: 'Kết quả', width: 10 },
    { header: 'Cách lấy số liệu', width: 14 },
    { header: 'Nguồn số liệu', width: 50 },
    { header: 'Người nhập', width: 24 },
    { header: 'Đánh giá', width: 16 },
  ]);
  for (const t of report.targets) {
    targets.addRow([
      t.planId ? (planCode.get(t.planId) ?? '') : 'Chỉ số chung',
      t.key,
      t.description,
      t.unit === 'percent' ? '%' : 'Số lượng',
      t.goal ?? '',
      t.year ?? '',
      t.value ?? '',
      t.measurement === 'automatic' ? 'Tự động' : 'Nhập tay',
      t.source ?? '',
      t.enteredBy ?? '',
      TARGET_STATUS_LABELS[t.status],
    ]);
  }

  const list = sheet(wb, XLSX_SHEETS.publications, [
    { header: 'Thời điểm', width: 17 },
    { header: 'Cơ quan', width: 34 },
    { header: 'Kế hoạch', width: 24 },
    { header: 'Nhiệm vụ số', width: 10 },
    { header: 'Tiêu đề', width: 60 },
    { header: 'Hình thức', width: 16 },
    { header: 'Kênh', width: 20 },
    { header: 'Trạng thái', width: 16 },
    { header: 'Đường dẫn', width: 50 },
    { header: 'Mã lượt đăng', width: 38 },
  ]);
  for (const p of report.publications) {
    const row = list.addRow([
      wallClock(p.occurrenceAt),
      p.agency.name,
      p.planId ? (planCode.get(p.planId) ?? '') : '',
      p.taskNumber ?? '',
      p.title,
      FORMAT_LABELS[p.format],
      CHANNEL_LABELS[p.channelType],
      STATE_LABELS[p.state],
      p.url ? { text: p.url, hyperlink: p.url } : '',
      p.id,
    ]);
    row.getCell(1).numFmt = 'dd/mm/yyyy hh:mm';
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Array<{ header: string; width: number }>,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  return ws;
}

function countColumns() {
  return COUNT_HEADERS.map((header) => ({ header, width: 11 }));
}

function taskLine(planCode: string, t: TaskRow): Array<string | number> {
  return [planCode, t.number, t.name, t.lead ?? '', ...countCells(t.counts)];
}

function totalRow(row: ExcelJS.Row) {
  row.font = { bold: true };
}

/** dd/MM/yyyy back to a spreadsheet date. */
function dmy(text: string): Date {
  const [d, m, y] = text.split('/');
  return dayCell(`${y}-${m}-${d}`);
}
