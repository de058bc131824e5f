import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Node,
  parseDocument,
  Scalar,
  visit,
  YAMLError,
  YAMLMap,
} from 'yaml';
import { CHANNEL_TYPES, ChannelType } from '@nhip/vocabulary';
import { CadenceTargets, isNationalPeakKey, NationalPeakKey } from '../peaks/national-peaks';
import { RecurrenceError } from '../recurrence/recurrence.error';
import { validateRecurrence } from '../recurrence/recurrence';
import {
  CustomPeak,
  PLAN_DOCUMENT_TYPES,
  PLAN_FILE_VERSION,
  PlanDocumentType,
  PlanFile,
  PlanFileProblem,
  PlanFileResult,
  PlanPeak,
  PlanReport,
  PlanTarget,
  PlanTask,
  TARGET_COMPARATORS,
  TARGET_UNITS,
  TargetComparator,
  TargetUnit,
} from './plan-file.types';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_HINT = 'chỉ gồm chữ thường không dấu, số và dấu gạch nối, ví dụ "so-khcn"';
const TASK_NUMBER = /^\d+(?:\.\d+)*$/;
const DOCUMENT_NUMBER = /^\d+[/-]\S+$/;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const MAX_LEAD_UP_DAYS = 60;
/** Far above any plan the provinces issue (the five seeds have 11 to 38 tasks), and cheap to import. */
export const MAX_PLAN_TASKS = 300;
const MAX_PLAN_PEAKS = 50;
const MAX_PLAN_TARGETS = 100;
const MAX_PLAN_REPORTS = 50;

const YAML_ERRORS: Record<string, string> = {
  DUPLICATE_KEY: 'Khóa bị khai báo hai lần trong cùng một khối',
  BAD_INDENT: 'Thụt lề không đúng',
  TAB_AS_INDENT: 'Không dùng phím Tab để thụt lề, hãy dùng dấu cách',
  MISSING_CHAR: 'Thiếu ký tự đóng (dấu nháy hoặc dấu ngoặc)',
  MULTILINE_IMPLICIT_KEY: 'Khóa không được kéo dài nhiều dòng',
  BLOCK_AS_IMPLICIT_KEY: 'Khóa không hợp lệ',
  UNEXPECTED_TOKEN: 'Ký tự không mong đợi',
  BAD_SCALAR_START: 'Giá trị bắt đầu bằng ký tự không hợp lệ, hãy đặt trong dấu nháy',
  BAD_DIRECTIVE: 'Chỉ thị YAML không hợp lệ',
  MULTIPLE_DOCS: 'Mỗi tệp chỉ được chứa một kế hoạch',
};

type Entries = Map<string, { keyNode: Node; value: Node | null }>;
type CodeItem = { code: string; node: Node; path: string };

/** Reads a YAML node tree, collecting every problem with its path and line instead of stopping at the first. */
class Reader {
  readonly problems: PlanFileProblem[] = [];

  constructor(private readonly lines: LineCounter) {}

  report(path: string, node: Node | null | undefined, message: string): void {
    const offset = node?.range?.[0];
    if (offset === undefined) {
      this.problems.push({ path, message });
    } else {
      const { line, col } = this.lines.linePos(offset);
      this.problems.push({ path, line, column: col, message });
    }
  }

  /** The entries of a mapping, reporting keys outside `allowed`. */
  map(node: Node | null, path: string, allowed: readonly string[], what: string): Entries | undefined {
    if (!isMap(node)) {
      this.report(path, node, `${what} phải là một khối "khóa: giá trị".`);
      return undefined;
    }
    const entries: Entries = new Map();
    const seen = new Set<string>();
    for (const pair of (node as YAMLMap).items) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (key === undefined) {
        this.report(path, keyNode, 'Khóa phải là một chuỗi đơn giản.');
        continue;
      }
      if (seen.has(key)) {
        this.report(path, keyNode, `${YAML_ERRORS.DUPLICATE_KEY} (DUPLICATE_KEY).`);
        continue;
      }
      seen.add(key);
      const keyPath = join(path, key);
      if (!allowed.includes(key)) {
        this.report(
          keyPath,
          keyNode,
          `Trường "${key}" không có trong định dạng kế hoạch; các trường hợp lệ: ${allowed.join(', ')}.`,
        );
        continue;
      }
      entries.set(key, { keyNode, value: (pair.value as Node | null) ?? null });
    }
    return entries;
  }

  private scalar(entries: Entries, key: string, path: string, owner: Node, required: boolean): Scalar | undefined {
    const entry = entries.get(key);
    const at = join(path, key);
    if (!entry || entry.value === null || (isScalar(entry.value) && entry.value.value === null)) {
      if (required) this.report(at, entry?.keyNode ?? owner, `Thiếu trường bắt buộc "${key}".`);
      return undefined;
    }
    if (!isScalar(entry.value)) {
      this.report(at, entry.value, `Trường "${key}" phải là một giá trị đơn, không phải danh sách hay khối.`);
      return undefined;
    }
    return entry.value;
  }

  string(
    entries: Entries,
    key: string,
    path: string,
    owner: Node,
    options: { required?: boolean; pattern?: RegExp; hint?: string } = {},
  ): string | undefined {
    const node = this.scalar(entries, key, path, owner, options.required ?? false);
    if (!node) return undefined;
    const at = join(path, key);
    if (typeof node.value !== 'string') {
      this.report(at, node, `Trường "${key}" phải là chuỗi; hãy đặt giá trị ${String(node.value)} trong dấu nháy kép.`);
      return undefined;
    }
    const value = node.value.trim();
    if (value === '') {
      this.report(at, node, `Trường "${key}" đang để trống.`);
      return undefined;
    }
    if (options.pattern && !options.pattern.test(value)) {
      this.report(at, node, `Giá trị "${value}" của "${key}" không hợp lệ: ${options.hint}.`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(
    entries: Entries,
    key: string,
    path: string,
    owner: Node,
    values: readonly T[],
    fallback: T,
  ): T {
    const value = this.string(entries, key, path, owner);
    if (value === undefined) return fallback;
    if (!values.includes(value as T)) {
      this.report(
        join(path, key),
        entries.get(key)?.value,
        `Giá trị "${value}" của "${key}" phải là một trong: ${values.join(', ')}.`,
      );
      return fallback;
    }
    return value as T;
  }

  number(
    entries: Entries,
    key: string,
    path: string,
    owner: Node,
    options: { required?: boolean; integer?: boolean; min?: number; max?: number } = {},
  ): number | undefined {
    const node = this.scalar(entries, key, path, owner, options.required ?? false);
    if (!node) return undefined;
    const value = node.value;
    const at = join(path, key);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.report(at, node, `Trường "${key}" phải là một số.`);
      return undefined;
    }
    if (options.integer && !Number.isInteger(value)) {
      this.report(at, node, `Trường "${key}" phải là số nguyên.`);
      return undefined;
    }
    if ((options.min !== undefined && value < options.min) || (options.max !== undefined && value > options.max)) {
      this.report(at, node, `Trường "${key}" phải nằm trong khoảng ${options.min ?? '…'}–${options.max ?? '…'}.`);
      return undefined;
    }
    return value;
  }

  /** A date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a bare year is read by YAML as a number). */
  partialDate(entries: Entries, key: string, path: string, owner: Node, required: boolean): string | undefined {
    const node = this.scalar(entries, key, path, owner, required);
    if (!node) return undefined;
    const text = typeof node.value === 'number' && Number.isInteger(node.value) ? String(node.value) : node.value;
    if (typeof text !== 'string' || !isValidPartialDate(text.trim())) {
      this.report(join(path, key), node, `Trường "${key}" phải là ngày có thật dạng YYYY-MM-DD (hoặc YYYY-MM, YYYY).`);
      return undefined;
    }
    return text.trim();
  }

  fullDate(entries: Entries, key: string, path: string, owner: Node, required: boolean): string | undefined {
    const value = this.partialDate(entries, key, path, owner, required);
    if (value !== undefined && value.length !== 10) {
      this.report(join(path, key), entries.get(key)?.value, `Trường "${key}" phải là một ngày đầy đủ dạng YYYY-MM-DD.`);
      return undefined;
    }
    return value;
  }

  /** A list of agency codes, each reported on its own line. */
  codes(entries: Entries, key: string, path: string): CodeItem[] {
    const entry = entries.get(key);
    const at = join(path, key);
    if (!entry || entry.value === null || (isScalar(entry.value) && entry.value.value === null)) return [];
    if (!isSeq(entry.value)) {
      this.report(at, entry.value, `Trường "${key}" phải là danh sách mã cơ quan, ví dụ [so-khcn, so-vhttdl].`);
      return [];
    }
    const items: CodeItem[] = [];
    entry.value.items.forEach((item, index) => {
      const itemPath = `${at}[${index}]`;
      const node = item as Node;
      if (!isScalar(node) || typeof node.value !== 'string') {
        this.report(itemPath, node, 'Mã cơ quan phải là một chuỗi.');
      } else if (!SLUG.test(node.value)) {
        this.report(itemPath, node, `Mã cơ quan "${node.value}" không hợp lệ: ${SLUG_HINT}.`);
      } else if (items.some((i) => i.code === node.value)) {
        this.report(itemPath, node, `Mã cơ quan "${node.value}" bị lặp lại trong "${key}".`);
      } else {
        items.push({ code: node.value, node, path: itemPath });
      }
    });
    return items;
  }

  /** The items of a list field; a missing list is empty, and one longer than `max` is refused whole. */
  list(entries: Entries, key: string, path: string, max: number): { node: Node; path: string }[] {
    const entry = entries.get(key);
    if (!entry || entry.value === null || (isScalar(entry.value) && entry.value.value === null)) return [];
    if (!isSeq(entry.value)) {
      this.report(join(path, key), entry.value, `Trường "${key}" phải là một danh sách (mỗi mục bắt đầu bằng "- ").`);
      return [];
    }
    if (entry.value.items.length > max) {
      this.report(
        join(path, key),
        entry.value,
        `Trường "${key}" có ${entry.value.items.length} mục, nhiều hơn mức tối đa ${max} của một văn bản.`,
      );
      return [];
    }
    return entry.value.items.map((item, index) => ({ node: item as Node, path: `${join(path, key)}[${index}]` }));
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isValidPartialDate(text: string): boolean {
  const match = PARTIAL_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match;
  if (Number(y) < 1900 || Number(y) > 2200) return false;
  if (m === undefined) return true;
  if (Number(m) < 1 || Number(m) > 12) return false;
  return d === undefined || (Number(d) >= 1 && Number(d) <= lastDayOf(Number(y), Number(m)));
}

/** Widens `YYYY` / `YYYY-MM` to the first or last day they cover. */
export function widenDate(text: string, edge: 'start' | 'end'): string {
  const [y, m, d] = text.split('-');
  if (d) return text;
  if (m) return edge === 'start' ? `${y}-${m}-01` : `${y}-${m}-${String(lastDayOf(+y, +m)).padStart(2, '0')}`;
  return edge === 'start' ? `${y}-01-01` : `${y}-12-31`;
}

const ROOT_KEYS = [
  'version',
  'code',
  'documentType',
  'title',
  'number',
  'issued',
  'issuer',
  'period',
  'source',
  'tasks',
  'peaks',
  'targets',
  'reports',
] as const;
const TASK_KEYS = [
  'number',
  'name',
  'details',
  'lead',
  'coLeads',
  'coordinators',
  'leadText',
  'coordinatorsText',
  'deliverable',
  'due',
] as const;
const NATIONAL_PEAK_KEYS = ['national', 'leadUpDays', 'cadence'] as const;
const CUSTOM_PEAK_KEYS = ['key', 'name', 'day', 'window', 'leadUpDays', 'cadence'] as const;
const TARGET_KEYS = ['key', 'description', 'value', 'unit', 'year', 'comparator'] as const;
const REPORT_KEYS = ['key', 'name', 'submitters', 'recipient', 'due', 'rrule'] as const;

function readCadence(reader: Reader, entries: Entries, path: string): CadenceTargets | undefined {
  const entry = entries.get('cadence');
  if (!entry || entry.value === null) return undefined;
  const at = join(path, 'cadence');
  const cadenceEntries = reader.map(entry.value, at, CHANNEL_TYPES, 'Nhịp độ (cadence) theo kênh');
  if (!cadenceEntries) return undefined;
  const cadence: CadenceTargets = {};
  for (const channel of cadenceEntries.keys()) {
    const value = reader.number(cadenceEntries, channel, at, entry.value, { min: 0, max: 50 });
    if (value !== undefined) cadence[channel as ChannelType] = value;
  }
  return cadence;
}

function readTask(reader: Reader, node: Node, path: string): PlanTask | undefined {
  const entries = reader.map(node, path, TASK_KEYS, 'Nhiệm vụ');
  if (!entries) return undefined;
  const number = reader.string(entries, 'number', path, node, {
    required: true,
    pattern: TASK_NUMBER,
    hint: 'số thứ tự dạng "1", "1.1" hoặc "2.3", đặt trong dấu nháy kép',
  });
  const name = reader.string(entries, 'name', path, node, { required: true });
  const details = reader.string(entries, 'details', path, node);
  const lead = reader.string(entries, 'lead', path, node, { required: true, pattern: SLUG, hint: SLUG_HINT });
  const coLeadItems = reader.codes(entries, 'coLeads', path);
  const coordinatorItems = reader.codes(entries, 'coordinators', path);
  const leadText = reader.string(entries, 'leadText', path, node);
  const coordinatorsText = reader.string(entries, 'coordinatorsText', path, node);
  const deliverable = reader.string(entries, 'deliverable', path, node);
  const due = reader.string(entries, 'due', path, node);
  for (const item of coLeadItems) {
    if (item.code === lead)
      reader.report(item.path, item.node, `Cơ quan chủ trì "${lead}" không được ghi lại trong "coLeads".`);
  }
  for (const item of coordinatorItems) {
    if (item.code === lead || coLeadItems.some((c) => c.code === item.code)) {
      reader.report(item.path, item.node, `Cơ quan "${item.code}" vừa chủ trì vừa phối hợp.`);
    }
  }
  const coLeads = coLeadItems.map((i) => i.code);
  const coordinators = coordinatorItems.map((i) => i.code);
  if (number === undefined || name === undefined || lead === undefined) return undefined;
  return omitUndefined({
    number,
    name,
    details,
    lead,
    coLeads,
    coordinators,
    leadText,
    coordinatorsText,
    deliverable,
    due,
  });
}

function readPeak(reader: Reader, node: Node, path: string): PlanPeak | undefined {
  if (isMap(node) && node.has('national')) {
    const entries = reader.map(node, path, NATIONAL_PEAK_KEYS, 'Đợt cao điểm quốc gia');
    if (!entries) return undefined;
    const key = reader.string(entries, 'national', path, node, { required: true });
    if (key !== undefined && !isNationalPeakKey(key)) {
      reader.report(
        join(path, 'national'),
        entries.get('national')?.value,
        `"${key}" không phải đợt cao điểm quốc gia; dùng science-technology-day (18/5), innovation-day (01/10) hoặc digital-transformation-day (10/10).`,
      );
      return undefined;
    }
    const leadUpDays = reader.number(entries, 'leadUpDays', path, node, {
      integer: true,
      min: 0,
      max: MAX_LEAD_UP_DAYS,
    });
    const cadence = readCadence(reader, entries, path);
    if (key === undefined) return undefined;
    return omitUndefined({ type: 'national' as const, key: key as NationalPeakKey, leadUpDays, cadence });
  }

  const entries = reader.map(node, path, CUSTOM_PEAK_KEYS, 'Đợt cao điểm');
  if (!entries) return undefined;
  const key = reader.string(entries, 'key', path, node, { required: true, pattern: SLUG, hint: SLUG_HINT });
  const name = reader.string(entries, 'name', path, node, { required: true });
  const leadUpDays =
    reader.number(entries, 'leadUpDays', path, node, { integer: true, min: 0, max: MAX_LEAD_UP_DAYS }) ?? 0;
  const cadence = readCadence(reader, entries, path) ?? {};
  let start: string | undefined;
  let end: string | undefined;
  const hasDay = entries.has('day');
  const hasWindow = entries.has('window');
  if (hasDay === hasWindow) {
    reader.report(path, node, 'Đợt cao điểm phải có đúng một trong hai: "day" (một ngày) hoặc "window" (khoảng ngày).');
  } else if (hasDay) {
    start = end = reader.fullDate(entries, 'day', path, node, true);
  } else {
    const windowPath = join(path, 'window');
    const windowNode = entries.get('window')!.value;
    const window = reader.map(windowNode, windowPath, ['start', 'end'], 'Khoảng "window"');
    if (window && windowNode) {
      start = reader.fullDate(window, 'start', windowPath, windowNode, true);
      end = reader.fullDate(window, 'end', windowPath, windowNode, true);
      if (start && end && start > end) {
        reader.report(
          join(windowPath, 'end'),
          window.get('end')?.value,
          'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.',
        );
      }
    }
  }
  if (key === undefined || name === undefined || start === undefined || end === undefined || start > end)
    return undefined;
  const peak: CustomPeak = { type: 'custom', key, name, start, end, leadUpDays, cadence };
  return peak;
}

function readTarget(reader: Reader, node: Node, path: string): PlanTarget | undefined {
  const entries = reader.map(node, path, TARGET_KEYS, 'Chỉ tiêu');
  if (!entries) return undefined;
  const key = reader.string(entries, 'key', path, node, { required: true, pattern: SLUG, hint: SLUG_HINT });
  const description = reader.string(entries, 'description', path, node, { required: true });
  const unit: TargetUnit = reader.oneOf(entries, 'unit', path, node, TARGET_UNITS, 'percent');
  // A target the plan words without a figure ("Tham gia các giải thưởng…") has no value: it is reported in words.
  const value = reader.number(entries, 'value', path, node, {
    min: 0,
    max: unit === 'percent' ? 100 : undefined,
  });
  const year = reader.number(entries, 'year', path, node, { required: true, integer: true, min: 1900, max: 2200 });
  const comparator: TargetComparator = reader.oneOf(entries, 'comparator', path, node, TARGET_COMPARATORS, '>=');
  if (!entries.has('unit'))
    reader.report(join(path, 'unit'), node, 'Thiếu trường bắt buộc "unit" (percent hoặc count).');
  if (key === undefined || description === undefined || year === undefined) return undefined;
  return value === undefined ? { key, description, unit, year } : { key, description, value, unit, year, comparator };
}

function readReport(reader: Reader, node: Node, path: string, anchor: string | undefined): PlanReport | undefined {
  const entries = reader.map(node, path, REPORT_KEYS, 'Báo cáo định kỳ');
  if (!entries) return undefined;
  const key = reader.string(entries, 'key', path, node, { required: true, pattern: SLUG, hint: SLUG_HINT });
  const name = reader.string(entries, 'name', path, node, { required: true });
  const submitters = reader.codes(entries, 'submitters', path).map((i) => i.code);
  const recipient = reader.string(entries, 'recipient', path, node, { pattern: SLUG, hint: SLUG_HINT });
  const due = reader.string(entries, 'due', path, node);
  const rrule = reader.string(entries, 'rrule', path, node);
  if (entries.has('due') === entries.has('rrule')) {
    reader.report(
      path,
      node,
      'Báo cáo phải có đúng một trong hai: "due" (thời hạn như trong văn bản) hoặc "rrule" (quy tắc lặp).',
    );
  }
  if (rrule !== undefined) {
    try {
      validateRecurrence({ rrule, dtstart: anchor ?? '2025-01-01' });
    } catch (error) {
      if (!(error instanceof RecurrenceError)) throw error;
      reader.report(join(path, 'rrule'), entries.get('rrule')?.value, error.message);
      return undefined;
    }
  }
  if (key === undefined || name === undefined) return undefined;
  return omitUndefined({ key, name, submitters, recipient, due, rrule });
}

function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function checkUnique<T>(
  reader: Reader,
  items: { value: T | undefined; node: Node; path: string }[],
  keyOf: (v: T) => string,
  field: string,
  what: string,
): void {
  const seen = new Set<string>();
  for (const { value, node, path } of items) {
    if (value === undefined) continue;
    const key = keyOf(value);
    const fieldNode = isMap(node) ? ((node.get(field, true) as Node | undefined) ?? node) : node;
    if (seen.has(key)) reader.report(join(path, field), fieldNode, `${what} "${key}" bị lặp lại.`);
    seen.add(key);
  }
}

/** An unclosed quote swallows the rest of the file, so point at where the quoted value starts. */
function unclosedQuoteStart(doc: Document, offset: number): number | undefined {
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      if (quoted && node.range && node.range[0] < offset && node.range[1] >= offset) start = node.range[0];
    },
  });
  return start;
}

function syntaxProblems(doc: Document, errors: readonly YAMLError[], lines: LineCounter): PlanFileProblem[] {
  return errors.map((error) => {
    const quoteStart = error.code === 'MISSING_CHAR' ? unclosedQuoteStart(doc, error.pos[0]) : undefined;
    const position = quoteStart !== undefined ? lines.linePos(quoteStart) : error.linePos?.[0];
    return {
      path: '',
      line: position?.line,
      column: position?.col,
      message: `${YAML_ERRORS[error.code] ?? 'Lỗi cú pháp YAML'} (${error.code}).`,
    };
  });
}

/**
 * Reads one plan file (YAML, see README.md in this folder). Reports every problem with its YAML path and
 * line, in Vietnamese. Agency codes are checked for form only; whether they exist is the importer's job.
 */
export function parsePlanFile(text: string): PlanFileResult {
  const lines = new LineCounter();
  // Duplicate keys are found by Reader.map in one pass: the library's own check compares every key of a
  // mapping with every other, and a mapping of 30,000 keys then takes half a minute.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: false });
  const problems = syntaxProblems(doc, doc.errors, lines);
  // Past a broken structure every field would look missing; only duplicate keys leave the tree trustworthy.
  if (doc.errors.some((error) => error.code !== 'DUPLICATE_KEY')) return { ok: false, problems };

  const reader = new Reader(lines);
  reader.problems.push(...problems);
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) {
    return { ok: false, problems: [{ path: '', line: 1, column: 1, message: 'Tệp kế hoạch đang trống.' }] };
  }
  const entries = reader.map(root, '', ROOT_KEYS, 'Tệp kế hoạch');
  if (!entries) return { ok: false, problems: reader.problems };

  const version = reader.number(entries, 'version', '', root, { integer: true }) ?? PLAN_FILE_VERSION;
  if (version !== PLAN_FILE_VERSION) {
    const message = `Phiên bản định dạng ${version} chưa được hỗ trợ; hiện chỉ có phiên bản ${PLAN_FILE_VERSION}.`;
    reader.report('version', entries.get('version')?.value, message);
  }
  const code = reader.string(entries, 'code', '', root, { required: true, pattern: SLUG, hint: SLUG_HINT });
  const documentType: PlanDocumentType = reader.oneOf(entries, 'documentType', '', root, PLAN_DOCUMENT_TYPES, 'plan');
  const title = reader.string(entries, 'title', '', root, { required: true });
  const number = reader.string(entries, 'number', '', root, {
    pattern: DOCUMENT_NUMBER,
    hint: 'số hiệu văn bản dạng "662/KH-UBND"',
  });
  const issued = reader.partialDate(entries, 'issued', '', root, true);
  const issuer = reader.string(entries, 'issuer', '', root, { required: true, pattern: SLUG, hint: SLUG_HINT });
  const source = reader.string(entries, 'source', '', root);

  let period: PlanFile['period'] | undefined;
  const periodNode = entries.get('period')?.value ?? null;
  if (!entries.has('period')) {
    reader.report('period', root, 'Thiếu trường bắt buộc "period" (start, end).');
  } else {
    const periodEntries = reader.map(periodNode, 'period', ['start', 'end'], 'Thời kỳ "period"');
    if (periodEntries && periodNode) {
      const start = reader.partialDate(periodEntries, 'start', 'period', periodNode, true);
      const end = reader.partialDate(periodEntries, 'end', 'period', periodNode, true);
      if (start && end) {
        period = { start: widenDate(start, 'start'), end: widenDate(end, 'end') };
        if (period.start > period.end) {
          reader.report(
            'period.end',
            periodEntries.get('end')?.value,
            'Ngày kết thúc của kế hoạch phải sau ngày bắt đầu.',
          );
          period = undefined;
        }
      }
    }
  }

  const taskItems = reader
    .list(entries, 'tasks', '', MAX_PLAN_TASKS)
    .map(({ node, path }) => ({ node, path, value: readTask(reader, node, path) }));
  checkUnique(reader, taskItems, (t) => t.number, 'number', 'Số thứ tự nhiệm vụ');
  const peakItems = reader
    .list(entries, 'peaks', '', MAX_PLAN_PEAKS)
    .map(({ node, path }) => ({ node, path, value: readPeak(reader, node, path) }));
  checkUnique(reader, peakItems, (p) => p.key, 'key', 'Đợt cao điểm');
  const targetItems = reader
    .list(entries, 'targets', '', MAX_PLAN_TARGETS)
    .map(({ node, path }) => ({ node, path, value: readTarget(reader, node, path) }));
  checkUnique(reader, targetItems, (t) => t.key, 'key', 'Chỉ tiêu');
  const reportItems = reader
    .list(entries, 'reports', '', MAX_PLAN_REPORTS)
    .map(({ node, path }) => ({ node, path, value: readReport(reader, node, path, period?.start) }));
  checkUnique(reader, reportItems, (r) => r.key, 'key', 'Báo cáo');

  if (reader.problems.length > 0 || !code || !title || !issued || !issuer || !period) {
    const sorted = [...reader.problems].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    return { ok: false, problems: sorted };
  }
  const plan: PlanFile = omitUndefined({
    version: PLAN_FILE_VERSION,
    code,
    documentType,
    title,
    number,
    issued,
    issuer,
    period,
    source,
    tasks: taskItems.map((t) => t.value!),
    peaks: peakItems.map((p) => p.value!),
    targets: targetItems.map((t) => t.value!),
    reports: reportItems.map((r) => r.value!),
  });
  return { ok: true, plan };
}
