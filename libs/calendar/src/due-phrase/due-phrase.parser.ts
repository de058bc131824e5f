import { DayWindow, DuePhraseContext, DueSpec } from './due-phrase.types';

/** "Hằng năm" tasks are due by the end of each year. */
export const YEARLY_DUE_RRULE = 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31';

/**
 * Misreadings found in the OCR of plan 662/KH-UBND (Đak Bla) after diacritics are removed
 * ("hang nim" for "hằng năm", "trudc" for "trước"). Only whole words are replaced.
 */
const OCR_WORDS: Record<string, string> = {
  nim: 'nam',
  ndm: 'nam',
  trudc: 'truoc',
  trwoc: 'truoc',
  thudng: 'thuong',
  thwong: 'thuong',
  theang: 'thang',
  hing: 'hang',
};

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** Lowercase ASCII words: NFC/NFD, case, diacritics, đ and spacing no longer matter. */
export function foldDuePhrase(phrase: string): string {
  return phrase
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/\s*([,;/])\s*/g, (_, mark: string) => (mark === '/' ? '/' : `${mark} `))
    .trim()
    .replace(/[.;,:]+$/, '')
    .split(' ')
    .map((word) => OCR_WORDS[word] ?? word)
    .join(' ');
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthWindow(year: number, month: number): DayWindow {
  return { start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
}

function quarterWindow(year: number, quarter: number): DayWindow {
  const first = (quarter - 1) * 3 + 1;
  return { start: monthWindow(year, first).start, end: monthWindow(year, first + 2).end };
}

function yearWindow(year: number): DayWindow {
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

function isYear(n: number): boolean {
  return n >= 1900 && n <= 2200;
}

class NotUnderstood extends Error {}

function fail(reason: string): never {
  throw new NotUnderstood(reason);
}

/** Splits "a, b và c" into items. */
function items(text: string): string[] {
  return text.split(/, va |, | va /).map((s) => s.trim());
}

/** Takes a shared trailing year off: "… năm 2026" or "…/2026". */
function takeYear(text: string): { rest: string; year?: number; slash?: boolean } {
  const match = /^(.*?)(?:,? nam (\d{4})|\/(\d{4})| (\d{4}))$/.exec(text);
  if (!match) return { rest: text };
  const year = Number(match[2] ?? match[3] ?? match[4]);
  if (!isYear(year)) fail(`Năm ${year} không hợp lệ.`);
  return { rest: match[1], year, slash: match[3] !== undefined };
}

type Period = { unit: 'month' | 'quarter'; value: number; year?: number };

/** "tháng 6 và tháng 9", "tháng 6 và 9", "quý II và quý III", "8/2025", "tháng 6/2026, tháng 9/2026". */
function parsePeriods(text: string, context: DuePhraseContext): DayWindow[] {
  const { rest, year: sharedYear, slash } = takeYear(text);
  // "8/2025": a bare number before "/year" is a month.
  let unit: Period['unit'] | undefined = slash ? 'month' : undefined;
  const periods: Period[] = [];
  for (const item of items(rest)) {
    let match: RegExpExecArray | null;
    if ((match = /^(?:thang )?(\d{1,2})\/(\d{4})$/.exec(item))) {
      unit = 'month';
      periods.push({ unit, value: Number(match[1]), year: Number(match[2]) });
    } else if ((match = /^thang (\d{1,2})(?: nam (\d{4}))?$/.exec(item))) {
      unit = 'month';
      periods.push({ unit, value: Number(match[1]), year: match[2] ? Number(match[2]) : undefined });
    } else if ((match = /^quy (iv|i{1,3}|[1-4])(?:\/(\d{4})| nam (\d{4}))?$/.exec(item))) {
      unit = 'quarter';
      const year = match[2] ?? match[3];
      periods.push({ unit, value: ROMAN[match[1]] ?? Number(match[1]), year: year ? Number(year) : undefined });
    } else if (unit === 'month' && /^\d{1,2}$/.test(item)) {
      periods.push({ unit, value: Number(item) });
    } else if (unit === 'quarter' && /^(iv|i{1,3}|[1-4])$/.test(item)) {
      periods.push({ unit, value: ROMAN[item] ?? Number(item) });
    } else {
      fail(`Không nhận dạng được "${item}".`);
    }
  }
  return periods.map((period) => {
    const year = period.year ?? sharedYear ?? context.year;
    if (!isYear(year)) fail(`Năm ${year} không hợp lệ.`);
    if (period.unit === 'month') {
      if (period.value < 1 || period.value > 12) fail(`Tháng ${period.value} không tồn tại.`);
      return monthWindow(year, period.value);
    }
    return quarterWindow(year, period.value);
  });
}

type Day = { day: number; month: number; year?: number; before: boolean };

/** "trước ngày 20 tháng 6", "ngày 15/6", "25/11/2025", "trước ngày 25 tháng 11 năm 2025". */
function parseDays(text: string): Day[] {
  return items(text).map((item) => {
    const match = /^(truoc )?(?:ngay )?(\d{1,2})(?:\/| thang )(\d{1,2})(?:(?:\/| nam )(\d{4}))?$/.exec(item);
    if (!match) fail(`Không nhận dạng được "${item}".`);
    const day: Day = { before: Boolean(match[1]), day: Number(match[2]), month: Number(match[3]) };
    if (match[4]) day.year = Number(match[4]);
    const probeYear = day.year ?? 2024;
    if (day.month < 1 || day.month > 12 || day.day < 1 || day.day > lastDay(probeYear, day.month)) {
      fail(`Ngày ${day.day}/${day.month} không tồn tại.`);
    }
    return day;
  });
}

function sameBefore(days: Day[]): boolean {
  const before = days[0].before;
  if (days.some((d) => d.before !== before)) fail('Các mốc lẫn "trước ngày" và "ngày".');
  return before;
}

function recurringDays(text: string): DueSpec {
  const days = parseDays(text);
  if (days.some((d) => d.year !== undefined)) fail('Mốc lặp hằng năm không được ghi năm.');
  const before = sameBefore(days);
  const months = [...new Set(days.map((d) => d.month))].sort((a, b) => a - b);
  const monthDays = [...new Set(days.map((d) => d.day))].sort((a, b) => a - b);
  // One RRULE only describes the cross product of BYMONTH and BYMONTHDAY.
  if (months.length > 1 && monthDays.length > 1) fail('Các mốc có ngày khác nhau ở các tháng khác nhau.');
  const rrule = `FREQ=YEARLY;BYMONTH=${months.join(',')};BYMONTHDAY=${monthDays.join(',')}`;
  return before ? { kind: 'recurring', rrule, before } : { kind: 'recurring', rrule };
}

function datedDays(text: string, context: DuePhraseContext): DueSpec {
  const { rest, year: sharedYear } = /\d\/\d{1,2}\/\d{4}$|thang \d{1,2} nam \d{4}$/.test(text)
    ? { rest: text, year: undefined }
    : takeYear(text);
  const days = parseDays(rest);
  const before = sameBefore(days);
  const dates = days.map((d) => {
    const year = d.year ?? sharedYear ?? context.year;
    if (d.day > lastDay(year, d.month)) fail(`Ngày ${d.day}/${d.month}/${year} không tồn tại.`);
    return `${year}-${pad(d.month)}-${pad(d.day)}`;
  });
  if (dates.length === 1) return before ? { kind: 'date', date: dates[0], before } : { kind: 'date', date: dates[0] };
  return before ? { kind: 'dates', dates, before } : { kind: 'dates', dates };
}

function parseFolded(folded: string, context: DuePhraseContext): DueSpec {
  const [head, ...tails] = folded
    .replace(/^dinh ky,? /, '')
    .replace(/,? hoac dot xuat(?: khi co yeu cau)?$/, '')
    .split(/; /);

  const ongoing = /^thuong xuyen(?: lien tuc)?(?: trong nam (\d{4}))?$/.exec(head);
  if (tails.length > 0) {
    if (!ongoing) fail('Chỉ hiểu phần sau dấu ";" khi phần trước là "Thường xuyên".');
    const peaks = tails.flatMap((tail) => {
      const match = /^cao diem (?:vao )?(.+)$/.exec(tail);
      if (!match) fail(`Không nhận dạng được "${tail}".`);
      return parsePeriods(match[1], context);
    });
    return ongoing[1] ? { kind: 'ongoing', within: yearWindow(Number(ongoing[1])), peaks } : { kind: 'ongoing', peaks };
  }
  if (ongoing) return ongoing[1] ? { kind: 'ongoing', within: yearWindow(Number(ongoing[1])) } : { kind: 'ongoing' };

  if (/^hang nam$/.test(head)) return { kind: 'yearly', rrule: YEARLY_DUE_RRULE };

  const year = /^(?:trong )?nam (\d{4})$/.exec(head);
  if (year) {
    if (!isYear(Number(year[1]))) fail(`Năm ${year[1]} không hợp lệ.`);
    return { kind: 'window', ...yearWindow(Number(year[1])) };
  }

  const yearly = /^(.+?),? hang nam$/.exec(head);
  if (yearly) return recurringDays(yearly[1]);

  if (/^(?:truoc |ngay |\d{1,2}\/\d{1,2}(?:\/\d{4})?(?:$|,| va ))/.test(head)) return datedDays(head, context);

  const windows = parsePeriods(head, context);
  return windows.length === 1 ? { kind: 'window', ...windows[0] } : { kind: 'windows', windows };
}

/**
 * Reads a due phrase from a plan ("Thường xuyên", "8/2025", "Quý II năm 2026", "trước ngày 20 tháng 6 và
 * trước ngày 20 tháng 12 hằng năm", their diacritic-free OCR spellings …). Never guesses: anything else
 * comes back as `unknown` with the phrase untouched.
 */
export function parseDuePhrase(phrase: string, context: DuePhraseContext): DueSpec {
  const folded = foldDuePhrase(phrase.normalize('NFC'));
  if (folded === '') return { kind: 'unknown', phrase, reason: 'Thời hạn đang để trống.' };
  try {
    return parseFolded(folded, context);
  } catch (error) {
    if (error instanceof NotUnderstood) {
      return { kind: 'unknown', phrase, reason: `Không hiểu thời hạn "${phrase.trim()}": ${error.message}` };
    }
    throw error;
  }
}
