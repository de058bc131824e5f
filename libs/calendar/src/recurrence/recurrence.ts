import { DateTime } from 'luxon';
import { VIETNAM_TIME_ZONE } from '@nhip/vocabulary';
import { Options, RRule } from 'rrule';
import { RecurrenceError } from './recurrence.error';

export const CALENDAR_TIME_ZONE = VIETNAM_TIME_ZONE;
export const DEFAULT_MAX_OCCURRENCES = 1000;
/** Occurrences walked from DTSTART (including those before the range) before giving up. */
export const MAX_ITERATIONS = 100_000;
const MAX_TIMES_PER_DAY = 24;
const MIN_YEAR = 1970;
const MAX_YEAR = 2200;

/**
 * A wall-clock time in Asia/Ho_Chi_Minh written `YYYY-MM-DDTHH:mm[:ss]`, or a day `YYYY-MM-DD`
 * (its local midnight). A `Date` is an instant and is converted to local wall time.
 */
export type LocalDateTimeInput = string | Date;

export interface RecurrenceRule {
  /** The RRULE value, with or without the `RRULE:` prefix, e.g. `FREQ=WEEKLY;BYDAY=MO,TH`. */
  rrule: string;
  dtstart: LocalDateTimeInput;
  /** Excluded starts: a local wall time or instant excludes that start; a `YYYY-MM-DD` day excludes every start on that local day. */
  exdates?: LocalDateTimeInput[];
}

export interface ExpandOptions {
  maxCount?: number;
  /** `throw` (default) raises RECURRENCE_TOO_MANY past maxCount; `truncate` returns the first maxCount. */
  overflow?: 'throw' | 'truncate';
}

export interface ValidRecurrence {
  /** Normalised RRULE value without prefix. */
  rrule: string;
  frequency: 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY';
  /** Local wall time of DTSTART encoded as UTC fields ("floating"). */
  dtstartWall: Date;
  exclusions: Exclusions;
  options: Partial<Options>;
}

interface Exclusions {
  instants: Set<number>;
  days: Set<string>;
}

const PART_RULES: Record<string, RegExp> = {
  FREQ: /^(SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)$/,
  INTERVAL: /^[1-9]\d{0,3}$/,
  COUNT: /^[1-9]\d{0,5}$/,
  UNTIL: /^\d{8}(T\d{6}Z?)?$/,
  BYSECOND: /^\d{1,2}(,\d{1,2})*$/,
  BYMINUTE: /^\d{1,2}(,\d{1,2})*$/,
  BYHOUR: /^\d{1,2}(,\d{1,2})*$/,
  BYDAY: /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)(,([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU))*$/,
  BYMONTHDAY: /^[+-]?\d{1,2}(,[+-]?\d{1,2})*$/,
  BYYEARDAY: /^[+-]?\d{1,3}(,[+-]?\d{1,3})*$/,
  BYWEEKNO: /^[+-]?\d{1,2}(,[+-]?\d{1,2})*$/,
  BYMONTH: /^\d{1,2}(,\d{1,2})*$/,
  BYSETPOS: /^[+-]?\d{1,3}(,[+-]?\d{1,3})*$/,
  WKST: /^(MO|TU|WE|TH|FR|SA|SU)$/,
};

const RANGES: Record<string, [number, number, boolean]> = {
  BYSECOND: [0, 60, false],
  BYMINUTE: [0, 59, false],
  BYHOUR: [0, 23, false],
  BYMONTHDAY: [1, 31, true],
  BYYEARDAY: [1, 366, true],
  BYWEEKNO: [1, 53, true],
  BYMONTH: [1, 12, false],
  BYSETPOS: [1, 366, true],
};

const MAX_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function invalid(message: string): RecurrenceError {
  return new RecurrenceError('RECURRENCE_INVALID', message);
}

function listOf(value: string | undefined): number[] {
  return value === undefined ? [] : value.split(',').map(Number);
}

function splitParts(rrule: string): Map<string, string> {
  const body = rrule.trim().replace(/^RRULE:/i, '');
  if (body === '') throw invalid('Quy tắc lặp (RRULE) đang để trống.');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw invalid(`Thành phần "${part}" của quy tắc lặp không đúng dạng TÊN=GIÁ_TRỊ.`);
    const key = part.slice(0, eq).trim().toUpperCase();
    const value = part
      .slice(eq + 1)
      .trim()
      .toUpperCase();
    const pattern = PART_RULES[key];
    if (!pattern) throw invalid(`Quy tắc lặp có thành phần không được hỗ trợ: ${key}.`);
    if (parts.has(key)) throw invalid(`Thành phần ${key} xuất hiện nhiều lần trong quy tắc lặp.`);
    if (!pattern.test(value)) throw invalid(`Giá trị "${value}" của ${key} không hợp lệ.`);
    const range = RANGES[key];
    if (range) {
      const [min, max, signed] = range;
      for (const n of listOf(value)) {
        const magnitude = Math.abs(n);
        if ((n < 0 && !signed) || magnitude < min || magnitude > max) {
          throw invalid(`Giá trị ${n} của ${key} nằm ngoài khoảng cho phép (${signed ? '±' : ''}${min}–${max}).`);
        }
      }
    }
    parts.set(key, value);
  }
  if (!parts.has('FREQ')) throw invalid('Quy tắc lặp thiếu FREQ (tần suất).');
  if (parts.has('COUNT') && parts.has('UNTIL')) throw invalid('Quy tắc lặp không được có đồng thời COUNT và UNTIL.');
  return parts;
}

function checkFrequency(parts: Map<string, string>): ValidRecurrence['frequency'] {
  const freq = parts.get('FREQ')!;
  if (freq === 'SECONDLY' || freq === 'MINUTELY' || freq === 'HOURLY') {
    throw new RecurrenceError(
      'RECURRENCE_TOO_FREQUENT',
      `Tần suất ${freq} quá dày cho lịch truyền thông; chỉ cho phép lặp theo ngày, tuần, tháng hoặc năm.`,
    );
  }
  const timesPerDay =
    Math.max(1, listOf(parts.get('BYHOUR')).length) *
    Math.max(1, listOf(parts.get('BYMINUTE')).length) *
    Math.max(1, listOf(parts.get('BYSECOND')).length);
  if (timesPerDay > MAX_TIMES_PER_DAY) {
    throw new RecurrenceError(
      'RECURRENCE_TOO_FREQUENT',
      `Quy tắc lặp tạo ${timesPerDay} lần trong một ngày; tối đa ${MAX_TIMES_PER_DAY} lần/ngày.`,
    );
  }
  return freq as ValidRecurrence['frequency'];
}

/**
 * rrule walks period by period until year 9999 when no candidate ever matches (a daily rule on
 * 30 February spins for seconds), so rules that can never produce a start are rejected up front.
 */
function checkSatisfiable(
  parts: Map<string, string>,
  frequency: ValidRecurrence['frequency'],
  dtstartWall: Date,
): void {
  const months = listOf(parts.get('BYMONTH'));
  const monthDays = listOf(parts.get('BYMONTHDAY'));
  if (months.length > 0 && monthDays.length > 0) {
    const exists = months.some((m) => monthDays.some((d) => Math.abs(d) <= MAX_MONTH_DAYS[m - 1]));
    if (!exists)
      throw invalid('Quy tắc lặp không bao giờ xảy ra: ngày trong BYMONTHDAY không có trong các tháng BYMONTH.');
  }
  const byDay = parts.get('BYDAY');
  if (byDay && /\d/.test(byDay) && frequency !== 'MONTHLY' && frequency !== 'YEARLY') {
    throw invalid('BYDAY có số thứ tự (ví dụ 2MO) chỉ dùng được với FREQ=MONTHLY hoặc FREQ=YEARLY.');
  }
  if (parts.has('BYWEEKNO') && frequency !== 'YEARLY') throw invalid('BYWEEKNO chỉ dùng được với FREQ=YEARLY.');
  // RFC 5545 §3.3.10 forbids these pairs; rrule would accept them and may walk for a long time.
  if (parts.has('BYYEARDAY') && frequency !== 'YEARLY') throw invalid('BYYEARDAY chỉ dùng được với FREQ=YEARLY.');
  if (parts.has('BYMONTHDAY') && frequency === 'WEEKLY') throw invalid('BYMONTHDAY không dùng được với FREQ=WEEKLY.');
  if (parts.has('BYSETPOS') && frequency !== 'MONTHLY' && frequency !== 'YEARLY') {
    throw invalid('BYSETPOS chỉ được hỗ trợ với FREQ=MONTHLY hoặc FREQ=YEARLY.');
  }
  const interval = Number(parts.get('INTERVAL') ?? '1');
  if (frequency === 'DAILY' && byDay && interval % 7 === 0) {
    const startDay = WEEKDAY_CODES[(dtstartWall.getUTCDay() + 6) % 7];
    if (!byDay.split(',').includes(startDay)) {
      throw invalid(
        'Quy tắc lặp không bao giờ xảy ra: bước nhảy là bội của 7 ngày nhưng BYDAY không chứa thứ của DTSTART.',
      );
    }
  }
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Local wall time as a Date whose UTC fields hold the Asia/Ho_Chi_Minh fields. */
export function toWallTime(input: LocalDateTimeInput, what = 'thời điểm'): Date {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw invalid(`${what} không hợp lệ.`);
    const local = DateTime.fromJSDate(input, { zone: CALENDAR_TIME_ZONE });
    return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
  }
  const match = LOCAL_PATTERN.exec(input.trim());
  if (!match) throw invalid(`${what} "${input}" phải có dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:mm theo giờ Việt Nam.`);
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
  const local = DateTime.fromObject(
    { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s },
    { zone: CALENDAR_TIME_ZONE },
  );
  if (!local.isValid) throw invalid(`${what} "${input}" không phải ngày giờ có thật.`);
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
}

/** The instant of a wall time produced by toWallTime or by rrule. */
export function fromWallTime(wall: Date): Date {
  return DateTime.fromObject(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
    },
    { zone: CALENDAR_TIME_ZONE },
  ).toJSDate();
}

function wallDay(wall: Date): string {
  return wall.toISOString().slice(0, 10);
}

function buildExclusions(exdates: LocalDateTimeInput[] | undefined): Exclusions {
  const exclusions: Exclusions = { instants: new Set(), days: new Set() };
  for (const exdate of exdates ?? []) {
    if (typeof exdate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(exdate.trim())) {
      exclusions.days.add(wallDay(toWallTime(exdate, 'EXDATE')));
    } else {
      exclusions.instants.add(toWallTime(exdate, 'EXDATE').getTime());
    }
  }
  return exclusions;
}

function checkYear(wall: Date, what: string): void {
  const year = wall.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) throw invalid(`${what} phải nằm trong khoảng năm ${MIN_YEAR}–${MAX_YEAR}.`);
}

/** Checks an RRULE (with its DTSTART and EXDATEs) and returns it ready to expand; throws RecurrenceError. */
export function validateRecurrence(rule: RecurrenceRule): ValidRecurrence {
  const parts = splitParts(rule.rrule);
  const frequency = checkFrequency(parts);
  const dtstartWall = toWallTime(rule.dtstart, 'DTSTART');
  checkYear(dtstartWall, 'DTSTART');
  checkSatisfiable(parts, frequency, dtstartWall);
  const normalised = [...parts].map(([k, v]) => `${k}=${v}`).join(';');
  let options: Partial<Options>;
  try {
    options = RRule.parseString(normalised);
  } catch (error) {
    throw invalid(`Quy tắc lặp không hợp lệ: ${(error as Error).message}.`);
  }
  const until = parts.get('UNTIL');
  if (until && options.until) {
    // UNTIL with Z is an instant; without it, a floating local time (which rrule already parsed as wall fields).
    options.until = until.endsWith('Z') ? toWallTime(options.until) : options.until;
    checkYear(options.until, 'UNTIL');
  }
  return { rrule: normalised, frequency, dtstartWall, exclusions: buildExclusions(rule.exdates), options };
}

/** Whole 400-year cycles keep weekdays and leap years identical, so shifting by them changes nothing but the year. */
function shiftYears(date: Date, years: number): Date {
  const shifted = new Date(date.getTime());
  shifted.setUTCFullYear(date.getUTCFullYear() + years);
  return shifted;
}

/**
 * Starts of a recurrence within [from, to), as UTC instants of Asia/Ho_Chi_Minh wall times.
 * Always bounded: by the range, by maxCount, and by MAX_ITERATIONS occurrences walked from DTSTART.
 */
export function expandRecurrence(
  rule: RecurrenceRule | ValidRecurrence,
  range: { from: Date; to: Date },
  options: ExpandOptions = {},
): Date[] {
  const valid = 'frequency' in rule ? rule : validateRecurrence(rule);
  const maxCount = options.maxCount ?? DEFAULT_MAX_OCCURRENCES;
  if (!Number.isInteger(maxCount) || maxCount < 1) {
    throw new RecurrenceError('RECURRENCE_RANGE_INVALID', 'Số lần lặp tối đa phải là số nguyên dương.');
  }
  if (Number.isNaN(range.from.getTime()) || Number.isNaN(range.to.getTime()) || range.from >= range.to) {
    throw new RecurrenceError(
      'RECURRENCE_RANGE_INVALID',
      'Khoảng thời gian cần xem không hợp lệ: "từ" phải trước "đến".',
    );
  }
  const fromWall = toWallTime(range.from);
  const toWall = toWallTime(range.to);
  if (valid.dtstartWall >= toWall) return [];
  if (toWall.getUTCFullYear() > MAX_YEAR) {
    throw new RecurrenceError(
      'RECURRENCE_RANGE_INVALID',
      `Khoảng thời gian cần xem phải kết thúc trước năm ${MAX_YEAR + 1}.`,
    );
  }

  // Moves the range close to rrule's year-9999 stop, so a rule with no start after the range ends walks at most ~400 years.
  const shift = Math.floor((9999 - toWall.getUTCFullYear() - 1) / 400) * 400;
  const engine = new RRule({
    ...valid.options,
    dtstart: shiftYears(valid.dtstartWall, shift),
    until: valid.options.until ? shiftYears(valid.options.until, shift) : null,
    tzid: null,
  });
  const fromShifted = shiftYears(fromWall, shift).getTime();
  const toShifted = shiftYears(toWall, shift).getTime();

  const found: Date[] = [];
  let walked = 0;
  let overflowed = false;
  let exhausted = false;
  engine.all((shiftedWall) => {
    walked += 1;
    if (walked > MAX_ITERATIONS) {
      exhausted = true;
      return false;
    }
    const time = shiftedWall.getTime();
    if (time >= toShifted) return false;
    if (time < fromShifted) return true;
    const wall = shiftYears(shiftedWall, -shift);
    if (valid.exclusions.instants.has(wall.getTime()) || valid.exclusions.days.has(wallDay(wall))) return true;
    if (found.length === maxCount) {
      overflowed = true;
      return false;
    }
    found.push(fromWallTime(wall));
    return true;
  });

  if (exhausted) {
    throw new RecurrenceError(
      'RECURRENCE_TOO_MANY',
      `Quy tắc lặp phải duyệt quá ${MAX_ITERATIONS} lần để tới khoảng cần xem; hãy đặt DTSTART gần khoảng đó hơn.`,
    );
  }
  if (overflowed && (options.overflow ?? 'throw') === 'throw') {
    throw new RecurrenceError(
      'RECURRENCE_TOO_MANY',
      `Quy tắc lặp tạo hơn ${maxCount} lần trong khoảng thời gian cần xem; hãy thu hẹp khoảng thời gian hoặc giảm tần suất.`,
    );
  }
  return found;
}

const ICAL_VALUE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

function icalToInput(value: string, params: string, what: string): LocalDateTimeInput {
  const tzid = /;TZID=([^;:]+)/i.exec(params)?.[1];
  if (tzid && tzid !== CALENDAR_TIME_ZONE) {
    throw invalid(`${what} dùng múi giờ ${tzid}; Nhịp chỉ nhận ${CALENDAR_TIME_ZONE} hoặc giờ UTC (hậu tố Z).`);
  }
  const match = ICAL_VALUE.exec(value.trim());
  if (!match) throw invalid(`${what} "${value}" không đúng dạng iCalendar (YYYYMMDD hoặc YYYYMMDDTHHmmss).`);
  const [, y, mo, d, h, mi, s, z] = match;
  if (h === undefined) return `${y}-${mo}-${d}`;
  if (z) return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/**
 * Reads the iCalendar form (`DTSTART;TZID=Asia/Ho_Chi_Minh:20260105T063000`, `RRULE:…`, `EXDATE…` lines).
 * Floating times and TZID=Asia/Ho_Chi_Minh are local; a Z suffix is UTC.
 */
export function parseRecurrenceText(text: string): RecurrenceRule {
  let rrule: string | undefined;
  let dtstart: LocalDateTimeInput | undefined;
  const exdates: LocalDateTimeInput[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) throw invalid(`Dòng "${line}" không đúng dạng TÊN:GIÁ_TRỊ của iCalendar.`);
    const head = line.slice(0, colon);
    const name = head.split(';')[0].toUpperCase();
    const params = head.slice(name.length);
    const value = line.slice(colon + 1);
    if (name === 'RRULE') {
      if (rrule !== undefined) throw invalid('Chỉ hỗ trợ một dòng RRULE.');
      rrule = value;
    } else if (name === 'DTSTART') {
      dtstart = icalToInput(value, params, 'DTSTART');
    } else if (name === 'EXDATE') {
      for (const item of value.split(',')) exdates.push(icalToInput(item, params, 'EXDATE'));
    } else {
      throw invalid(`Dòng ${name} không được hỗ trợ; chỉ nhận DTSTART, RRULE và EXDATE.`);
    }
  }
  if (rrule === undefined) throw invalid('Thiếu dòng RRULE.');
  if (dtstart === undefined) throw invalid('Thiếu dòng DTSTART.');
  return { rrule, dtstart, exdates };
}
