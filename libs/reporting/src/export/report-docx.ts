import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Header,
  IParagraphOptions,
  ISectionOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { CHANNEL_TYPES, STORY_FORMATS } from '@nhip/database';
import type { PublicationCounts, ReportSnapshot, TaskRow } from '../model/report.types';
import {
  administrativeDate,
  CHANNEL_LABELS,
  formatInstant,
  formatNumber,
  FORMAT_LABELS,
  localDayOfInstant,
} from '../model/vietnamese-format';
import { vietnameseQuotes } from '../model/report-document';
import { narrativeOf } from '../model/report-narrative';
import { TARGET_STATUS_LABELS } from '../targets/target-measures';

/** Decree 30/2020/NĐ-CP layout: A4, Times New Roman 13–14, margins top/bottom 20 mm, left 30 mm, right 15 mm. */
const FONT = 'Times New Roman';
const BODY = 26; // half-points: 13 pt
const TABLE_TEXT = 22; // 11 pt
const TABLE_HEADER = 20; // 10 pt
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 850, header: 567, footer: 567 };
const PORTRAIT_WIDTH = A4.width - MARGIN.left - MARGIN.right; // 9355 twips
const LANDSCAPE_WIDTH = A4.height - MARGIN.left - MARGIN.right; // 14287 twips
const INDENT = 567; // first line, 1 cm

export const NATIONAL_MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

const run = (text: string, style: RunStyle = {}) =>
  new TextRun({ text, font: FONT, size: style.size ?? BODY, bold: style.bold, italics: style.italics });

function para(
  content: string | ParagraphChild[],
  options: Omit<IParagraphOptions, 'children' | 'text'> & RunStyle = {},
): Paragraph {
  const { bold, italics, size, ...rest } = options;
  const children = typeof content === 'string' ? [run(content, { bold, italics, size })] : content;
  return new Paragraph({ spacing: { after: 120, line: 276 }, ...rest, children });
}

const body = (content: string | ParagraphChild[]) =>
  para(content, { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT } });
const heading = (text: string) =>
  para(text, {
    bold: true,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: INDENT },
    spacing: { before: 120, after: 120, line: 276 },
    keepNext: true,
  });
const caption = (text: string) =>
  para(text, { italics: true, alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, keepNext: true });

/** A short centred rule under a heading line, drawn as the bottom border of an indented empty paragraph. */
const rule = (inset: number) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: inset, right: inset },
    spacing: { before: 0, after: 120, line: 240 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 4 })],
  });

interface CellOptions {
  width: number;
  bold?: boolean;
  italics?: boolean;
  align?: Align;
  span?: number;
  size?: number;
}

function cell(content: string | ParagraphChild[] | Paragraph[], options: CellOptions): TableCell {
  const paragraphs =
    Array.isArray(content) && content.length > 0 && content[0] instanceof Paragraph
      ? (content as Paragraph[])
      : [
          new Paragraph({
            alignment: options.align ?? AlignmentType.LEFT,
            spacing: { before: 40, after: 40, line: 240 },
            children:
              typeof content === 'string'
                ? [run(content, { bold: options.bold, italics: options.italics, size: options.size ?? TABLE_TEXT })]
                : (content as ParagraphChild[]),
          }),
        ];
  return new TableCell({
    width: { size: options.width, type: WidthType.DXA },
    columnSpan: options.span,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 70, right: 70 },
    children: paragraphs,
  });
}

interface Column {
  header: string;
  width: number;
  align?: Align;
}

/** A bordered table with a repeated bold header row. */
function grid(
  columns: Column[],
  rows: Array<
    Array<string | ParagraphChild[]> | { span: string; bold?: boolean; italics?: boolean } | { total: Array<string> }
  >,
): Table {
  const width = columns.reduce((n, c) => n + c.width, 0);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    keepNext: true,
    children: columns.map((c) =>
      cell(c.header, { width: c.width, bold: true, align: AlignmentType.CENTER, size: TABLE_HEADER }),
    ),
  });
  const body = rows.map((row) => {
    if (!Array.isArray(row) && 'span' in row) {
      return new TableRow({
        cantSplit: true,
        children: [cell(row.span, { width, span: columns.length, bold: row.bold, italics: row.italics })],
      });
    }
    const values = Array.isArray(row) ? row : row.total;
    const bold = !Array.isArray(row);
    return new TableRow({
      cantSplit: true,
      children: values.map((v, i) =>
        cell(v, { width: columns[i].width, align: columns[i].align ?? AlignmentType.LEFT, bold }),
      ),
    });
  });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    rows: [header, ...body],
  });
}

const n = (value: number) => formatNumber(value);
const CENTER = AlignmentType.CENTER;

/** Count columns wide enough for their headers at 10 pt ("Facebook" on one line). */
const CHANNEL_WIDTHS: Record<(typeof CHANNEL_TYPES)[number], number> = {
  portal: 900,
  facebook: 1000,
  zalo: 800,
  loudspeaker: 950,
};

function taskChannelColumns(width: number): Column[] {
  const fixed = 550 + Object.values(CHANNEL_WIDTHS).reduce((a, b) => a + b, 0) + 900;
  return [
    { header: 'TT', width: 550, align: CENTER },
    { header: 'Nhiệm vụ', width: width - fixed },
    ...CHANNEL_TYPES.map((c) => ({ header: CHANNEL_LABELS[c], width: CHANNEL_WIDTHS[c], align: CENTER })),
    { header: 'Tổng đã đăng', width: 900, align: CENTER },
  ];
}

// Only what was published: failed attempts and their channel errors stay in the app.
const channelCells = (c: PublicationCounts) => [...CHANNEL_TYPES.map((t) => n(c.byChannel[t])), n(c.published)];

/** Task rows of one or more plans, a row for untied publications, and the total. */
function taskChannelTable(
  report: ReportSnapshot,
  rowsOf: (planId: string) => TaskRow[],
  untied: TaskRow,
  totals: PublicationCounts,
): Table {
  const rows: Parameters<typeof grid>[1] = [];
  for (const plan of report.plans) {
    if (report.plans.length > 1) rows.push({ span: plan.reference, bold: true });
    for (const t of rowsOf(plan.id)) rows.push([t.number, vietnameseQuotes(t.name), ...channelCells(t.counts)]);
  }
  rows.push(['', untied.name, ...channelCells(untied.counts)]);
  rows.push({ total: ['', 'Tổng cộng', ...channelCells(totals)] });
  return grid(taskChannelColumns(PORTRAIT_WIDTH), rows);
}

const FORMAT_WIDTHS: Record<(typeof STORY_FORMATS)[number], number> = {
  news: 950,
  article: 1050,
  feature: 1100,
  video: 1100,
  infographic: 1350,
  broadcast: 1200,
};

function taskFormatTable(report: ReportSnapshot): Table {
  const first = 1500;
  const columns: Column[] = [
    { header: 'Nhiệm vụ', width: first },
    ...STORY_FORMATS.map((f) => ({ header: FORMAT_LABELS[f], width: FORMAT_WIDTHS[f], align: CENTER })),
    {
      header: 'Tổng đã đăng',
      width: PORTRAIT_WIDTH - first - Object.values(FORMAT_WIDTHS).reduce((a, b) => a + b, 0),
      align: CENTER,
    },
  ];
  const line = (label: string, c: PublicationCounts) => [
    label,
    ...STORY_FORMATS.map((f) => n(c.byFormat[f])),
    n(c.published),
  ];
  const rows: Parameters<typeof grid>[1] = [];
  for (const plan of report.plans) {
    if (report.plans.length > 1) rows.push({ span: plan.reference, bold: true });
    for (const t of plan.tasks) rows.push(line(`Nhiệm vụ ${t.number}`, t.counts));
  }
  rows.push(line('Không gắn nhiệm vụ', report.untied.counts));
  rows.push({ total: line('Tổng cộng', report.totals) });
  return grid(columns, rows);
}

/** The motto of a Party document (Hướng dẫn 36-HD/VPTW), in place of the national title. */
const PARTY_TITLE = 'ĐẢNG CỘNG SẢN VIỆT NAM';

function header(report: ReportSnapshot): Table {
  const doc = report.document;
  const party = doc.layout === 'party';
  const left = party ? 4300 : 3700;
  const right = PORTRAIT_WIDTH - left;
  const noBorders = TableBorders.NONE;
  const centered = (text: string, style: RunStyle & { after?: number; underline?: boolean } = {}) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: style.after ?? 0, line: 240 },
      children: [
        new TextRun({
          text,
          font: FONT,
          size: style.size ?? BODY,
          bold: style.bold,
          italics: style.italics,
          underline: style.underline ? {} : undefined,
        }),
      ],
    });
  const date = `${doc.place}, ${administrativeDate(localDayOfInstant(report.generatedAt))}`;
  const leftCell = party
    ? [
        ...(doc.superior ? [centered(doc.superior, { size: BODY })] : []),
        centered(doc.issuer, { bold: true, size: BODY }),
        centered('*', { size: BODY }),
        centered(`Số ${doc.number}`, { size: BODY }),
      ]
    : [
        ...(doc.superior ? [centered(doc.superior, { size: 24 })] : []),
        centered(doc.issuer, { bold: true, size: 24 }),
        rule(900),
        centered(`Số: ${doc.number}`, { size: BODY }),
      ];
  const rightCell = party
    ? [centered(PARTY_TITLE, { bold: true, size: 30, underline: true, after: 240 }), centered(date, { italics: true })]
    : [
        centered(NATIONAL_MOTTO[0], { bold: true, size: 24 }),
        centered(NATIONAL_MOTTO[1], { bold: true, size: BODY }),
        rule(1250),
        centered(date, { italics: true, size: BODY }),
      ];
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: left, type: WidthType.DXA }, borders: noBorders, children: leftCell }),
          new TableCell({ width: { size: right, type: WidthType.DXA }, borders: noBorders, children: rightCell }),
        ],
      }),
    ],
  });
}

function signature(report: ReportSnapshot): Table {
  const left = 4300;
  const right = PORTRAIT_WIDTH - left;
  const noBorders = TableBorders.NONE;
  const recipients = report.document.recipients.map(
    (r, i, all) =>
      new Paragraph({
        spacing: { before: 0, after: 0, line: 240 },
        children: [run(`- ${r}${i === all.length - 1 ? '.' : ';'}`, { size: 22 })],
      }),
  );
  const centered = (text: string, style: RunStyle = {}) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0, line: 240 },
      children: [run(text, style)],
    });
  const who = report.document.signer;
  // Room for the signature and the seal, then the signer's name (Decree 30/2020 Appendix I, item 7).
  const signer = [
    ...(who.authority ? [centered(who.authority, { bold: true })] : []),
    ...(who.deputy ? [centered(who.deputy, { bold: true })] : []),
    centered(who.title, { bold: true }),
    ...Array.from({ length: 5 }, () => centered('')),
    centered(who.name ?? '', { bold: true }),
  ];
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: left, type: WidthType.DXA },
            borders: noBorders,
            children: [
              new Paragraph({
                spacing: { before: 0, after: 0 },
                children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })],
              }),
              ...recipients,
            ],
          }),
          new TableCell({ width: { size: right, type: WidthType.DXA }, borders: noBorders, children: signer }),
        ],
      }),
    ],
  });
}

function overview(report: ReportSnapshot): Paragraph[] {
  const t = report.totals;
  if (report.empty) return [body(report.notice ?? 'Trong kỳ báo cáo không có tin, bài nào.')];
  const channels = CHANNEL_TYPES.map((c) => `${CHANNEL_LABELS[c]}: ${n(t.byChannel[c])}`).join('; ');
  const formats = STORY_FORMATS.filter((f) => t.byFormat[f] > 0).map(
    (f) => `${FORMAT_LABELS[f].toLocaleLowerCase('vi')}: ${n(t.byFormat[f])}`,
  );
  const lines = [
    body(
      `Trong kỳ, đã đăng, phát thành công ${n(t.published)} lượt tin, bài, sản phẩm truyền thông (từ ${n(t.stories)} tin, bài gốc) trên các kênh: ${channels}.`,
    ),
  ];
  if (formats.length) lines.push(body(`Theo hình thức: ${formats.join('; ')}.`));
  return lines;
}

function peakSection(report: ReportSnapshot): Array<Paragraph | Table> {
  if (report.peaks.length === 0) return [body('Trong kỳ báo cáo không có đợt cao điểm truyền thông nào.')];
  // The posting rhythm of a peak is Nhịp's own default, not a target of the plans: no shortfall is printed.
  const columns: Column[] = [
    { header: 'Đợt cao điểm', width: 3655 },
    { header: 'Thời gian', width: 2100, align: CENTER },
    { header: 'Đã đăng trong đợt', width: 1100, align: CENTER },
    { header: 'Tin, bài về đợt', width: 1100, align: CENTER },
    { header: 'Ghi chú', width: PORTRAIT_WIDTH - 3655 - 2100 - 1100 - 1100, align: CENTER },
  ];
  const rows = report.peaks.map((p) => [
    p.name,
    p.from === p.to ? p.from : `${p.from} - ${p.to}`,
    n(p.published),
    n(p.linked),
    p.covered ? 'Có tin, bài' : 'Chưa có tin, bài',
  ]);
  return [caption('Bảng 3. Các đợt cao điểm trong kỳ'), grid(columns, rows)];
}

function unitSection(report: ReportSnapshot, number: number): Array<Paragraph | Table> {
  if (report.units.length === 0) return [];
  const counts = Object.values(CHANNEL_WIDTHS).reduce((a, b) => a + b, 0) + 900;
  const columns: Column[] = [
    { header: 'Cơ quan, đơn vị', width: PORTRAIT_WIDTH - counts },
    ...CHANNEL_TYPES.map((c) => ({ header: CHANNEL_LABELS[c], width: CHANNEL_WIDTHS[c], align: CENTER })),
    { header: 'Tổng đã đăng', width: 900, align: CENTER },
  ];
  const line = (label: string, c: PublicationCounts) => [label, ...channelCells(c)];
  const out: Array<Paragraph | Table> = [
    heading(`${number}. Kết quả của các cơ quan, đơn vị trực thuộc`),
    body(
      `Số liệu tổng hợp của ${report.units.length - 1} cơ quan, đơn vị trực thuộc và của ${report.agency.name} (trực tiếp thực hiện); tổng cộng bằng số liệu chung của báo cáo.`,
    ),
    caption('Bảng 4. Tổng hợp theo cơ quan, đơn vị'),
    grid(columns, [
      ...report.units.map((u) => line(u.own ? `${u.agency.name} (trực tiếp)` : u.agency.name, u.totals)),
      { total: line('Tổng cộng', report.totals) },
    ]),
  ];
  const withData = report.units.filter((u) => u.totals.total > 0);
  withData.forEach((unit, i) => {
    out.push(heading(`${number}.${i + 1}. ${unit.own ? `${unit.agency.name} (trực tiếp)` : unit.agency.name}`));
    const untied = unit.tasks.find((t) => t.planId === null)!;
    out.push(taskChannelTable(report, (planId) => unit.tasks.filter((t) => t.planId === planId), untied, unit.totals));
  });
  const idle = report.units.filter((u) => u.totals.total === 0).map((u) => u.agency.name);
  if (idle.length) out.push(body(`Không có tin, bài trong kỳ: ${idle.join('; ')}.`));
  return out;
}

/** "100%", "Ít nhất 80%", "60": the goal as the plan words it. */
function goalText(t: ReportSnapshot['targets'][number]): string {
  if (t.goal === null) return t.year ? `Năm ${t.year}` : 'Theo kế hoạch';
  const amount = t.unit === 'percent' ? `${n(t.goal)}%` : n(t.goal);
  const full = t.unit === 'percent' && t.goal === 100;
  const text = t.comparator === '>=' && !full ? `Ít nhất ${amount}` : amount;
  return t.year ? `${text} (năm ${t.year})` : text;
}

/** The plans' own targets only; Nhịp's indicators stay in the app. */
function targetSection(report: ReportSnapshot): Array<Paragraph | Table> {
  const targets = report.targets.filter((t) => t.planId !== null);
  if (targets.length === 0) return [body('Kế hoạch không đặt chỉ tiêu cho kỳ báo cáo.')];
  const columns: Column[] = [
    { header: 'TT', width: 500, align: CENTER },
    { header: 'Chỉ tiêu', width: 4155 },
    { header: 'Mục tiêu', width: 1300, align: CENTER },
    { header: 'Kết quả', width: 1000, align: CENTER },
    { header: 'Nguồn số liệu', width: PORTRAIT_WIDTH - 500 - 4155 - 1300 - 1000 - 1100 },
    { header: 'Đánh giá', width: 1100, align: CENTER },
  ];
  const unit = (u: 'percent' | 'count', v: number) => (u === 'percent' ? `${n(v)}%` : n(v));
  const rows = targets.map((t, i) => [
    String(i + 1),
    t.description,
    goalText(t),
    t.value === null ? '' : unit(t.unit, t.value),
    t.measurement === 'automatic' ? 'Thống kê tin, bài đã đăng, phát trong kỳ' : (t.source ?? ''),
    t.status === 'not_entered' || t.status === 'counted' ? '' : TARGET_STATUS_LABELS[t.status],
  ]);
  return [caption('Bảng 5. Chỉ tiêu của kế hoạch và kết quả'), grid(columns, rows)];
}

/** A line the drafting officer fills in: what the data cannot know (causes, proposals). */
const toFill = () => body('…………………………………………………………………………………………………………');

/** A part of the report as written: one paragraph per line, or the dotted line when nothing is written yet. */
function written(text: string): Paragraph[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.length ? lines.map((l) => body(vietnameseQuotes(l))) : [toFill()];
}

/** What was done under each task, as the officer wrote it (pre-filled from what was published). */
function taskResults(report: ReportSnapshot): Paragraph[] {
  const results = narrativeOf(report).taskResults;
  const out: Paragraph[] = [];
  for (const plan of report.plans)
    for (const task of plan.tasks) {
      const text = task.taskId ? results[task.taskId]?.trim() : '';
      if (!text) continue;
      const [first, ...rest] = text.split('\n').filter((l) => l.trim() !== '');
      out.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: INDENT },
          children: [
            new TextRun({
              text: `Nhiệm vụ ${task.number}${report.plans.length > 1 ? ` (${plan.number ?? plan.title})` : ''}: `,
              font: FONT,
              size: BODY,
              italics: true,
            }),
            new TextRun({ text: vietnameseQuotes(first.trim()), font: FONT, size: BODY }),
          ],
        }),
        ...rest.map((l) => body(vietnameseQuotes(l.trim()))),
      );
    }
  return out;
}

function appendix(report: ReportSnapshot): Array<Paragraph | Table> {
  const published = report.publications.filter((p) => p.state === 'published');
  const planRef = new Map(report.plans.map((p) => [p.id, p.number ?? p.title]));
  const out: Array<Paragraph | Table> = [
    para('Phụ lục', { bold: true, alignment: AlignmentType.CENTER, spacing: { after: 0 } }),
    para('DANH MỤC TIN, BÀI ĐÃ ĐĂNG, PHÁT TRONG KỲ', {
      bold: true,
      alignment: AlignmentType.CENTER,
      spacing: { after: 0 },
    }),
    para(`(Kèm theo Báo cáo số ${report.document.number.trim()} của ${report.agency.name})`, {
      italics: true,
      alignment: AlignmentType.CENTER,
    }),
  ];
  if (published.length === 0) return [...out, body('Không có tin, bài nào được đăng, phát trong kỳ.')];
  const columns: Column[] = [
    { header: 'TT', width: 550, align: CENTER },
    { header: 'Thời điểm', width: 1250, align: CENTER },
    { header: 'Cơ quan', width: 2100 },
    { header: 'Kênh', width: 1500 },
    { header: 'Hình thức', width: 1200 },
    { header: 'Nhiệm vụ', width: 900, align: CENTER },
    { header: 'Tiêu đề', width: 3500 },
    { header: 'Đường dẫn', width: LANDSCAPE_WIDTH - 550 - 1250 - 2100 - 1500 - 1200 - 900 - 3500 },
  ];
  const rows = published.map((p, i) => [
    String(i + 1),
    formatInstant(p.publishedAt ?? p.occurrenceAt),
    p.agency.name,
    CHANNEL_LABELS[p.channelType],
    FORMAT_LABELS[p.format],
    p.taskNumber ? `${p.taskNumber}${report.plans.length > 1 && p.planId ? ` (${planRef.get(p.planId)})` : ''}` : '—',
    vietnameseQuotes(p.title),
    p.url
      ? [
          new ExternalHyperlink({
            link: p.url,
            children: [new TextRun({ text: p.url, font: FONT, size: 20, style: 'Hyperlink' })],
          }),
        ]
      : '—',
  ]);
  return [...out, grid(columns, rows)];
}

/** The report as a DOCX laid out as a Vietnamese administrative report (Decree 30/2020/NĐ-CP). */
export async function renderReportDocx(report: ReportSnapshot, options: { draft?: boolean } = {}): Promise<Buffer> {
  const sections: Array<Paragraph | Table> = [];
  // A draft says so above everything, as drafts circulated for comment do; the approved document does not.
  if (options.draft) sections.push(para('DỰ THẢO', { bold: true, spacing: { after: 120 } }));
  sections.push(header(report));
  sections.push(
    para('BÁO CÁO', { bold: true, size: 28, alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 } }),
  );
  sections.push(
    para(report.document.title, {
      bold: true,
      size: 28,
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0, line: 276 },
    }),
  );
  sections.push(rule(3200));

  sections.push(body(report.document.basis));

  let section = 1;
  sections.push(heading('I. KẾT QUẢ THỰC HIỆN'));
  sections.push(heading(`${section++}. Kết quả chung`), ...overview(report));
  sections.push(heading(`${section++}. Kết quả thực hiện các nhiệm vụ của kế hoạch`));
  if (report.plans.length === 0) {
    sections.push(
      body(
        'Trong kỳ báo cáo không có kế hoạch nào của cơ quan còn hiệu lực; số liệu chỉ gồm các tin, bài không gắn nhiệm vụ.',
      ),
    );
  } else {
    sections.push(
      body(
        'Số lượt tin, bài đã đăng, phát thành công theo từng nhiệm vụ, theo kênh (Bảng 1) và theo hình thức (Bảng 2); danh mục tin, bài kèm đường dẫn tại Phụ lục.',
      ),
    );
  }
  sections.push(caption('Bảng 1. Số lượt đăng, phát thành công theo nhiệm vụ và kênh'));
  sections.push(
    taskChannelTable(
      report,
      (planId) => report.plans.find((p) => p.id === planId)!.tasks,
      report.untied,
      report.totals,
    ),
  );
  sections.push(caption('Bảng 2. Số lượt đăng, phát thành công theo nhiệm vụ và hình thức'));
  sections.push(taskFormatTable(report));
  const results = taskResults(report);
  if (results.length) sections.push(body('Kết quả cụ thể theo từng nhiệm vụ:'), ...results);
  sections.push(heading(`${section++}. Các đợt cao điểm truyền thông`), ...peakSection(report));
  if (report.units.length) sections.push(...unitSection(report, section++));
  sections.push(heading(`${section}. Kết quả thực hiện các chỉ tiêu`), ...targetSection(report));
  const narrative = narrativeOf(report);
  sections.push(heading('II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN'), heading('1. Tồn tại, hạn chế'));
  sections.push(...written(narrative.shortcomings), heading('2. Nguyên nhân'), ...written(narrative.causes));
  sections.push(heading('III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI'), ...written(narrative.nextTasks));
  sections.push(heading('IV. ĐỀ XUẤT, KIẾN NGHỊ'), ...written(narrative.proposals));
  // The closing sentence stays on the page of the signature, which never stands alone.
  sections.push(
    para(`Trên đây là báo cáo ${lowerFirst(report.document.title)} của ${report.agency.name}./.`, {
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: INDENT },
      keepNext: true,
    }),
  );
  sections.push(para('', { spacing: { after: 120 }, keepNext: true }));
  sections.push(signature(report));

  const pageNumbers = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY })],
      }),
    ],
  });
  const page = (orientation: 'portrait' | 'landscape'): ISectionOptions['properties'] => ({
    titlePage: true,
    page: {
      size: {
        width: A4.width,
        height: A4.height,
        orientation: orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE,
      },
      margin: MARGIN,
    },
  });
  const doc = new Document({
    creator: report.agency.name,
    title: `Báo cáo ${lowerFirst(report.document.title)}`,
    description: report.document.title,
    styles: {
      default: { document: { run: { font: FONT, size: BODY }, paragraph: { spacing: { after: 120, line: 276 } } } },
    },
    sections: [
      {
        properties: page('portrait'),
        headers: { default: pageNumbers, first: new Header({ children: [] }) },
        children: sections,
      },
      {
        properties: { ...page('landscape'), titlePage: false },
        headers: { default: pageNumbers },
        children: appendix(report),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}
