import { VIETNAM_UTC_OFFSET_MS } from '@nhip/vocabulary';

/**
 * Calendar days in Asia/Ho_Chi_Minh. The zone has kept UTC+7 without daylight saving since June 1975
 * (and the feed's VTIMEZONE says exactly that), so a local day is a fixed 24-hour span of UTC and
 * day arithmetic needs no time-zone database on the hot paths.
 */
export const LOCAL_UTC_OFFSET_MS = VIETNAM_UTC_OFFSET_MS;
export const DAY_MS = 24 * 60 * 60 * 1000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** UTC midnight of a 'YYYY-MM-DD' day (the day's fields as a UTC date), or NaN when it is no real date. */
function dayFieldsMs(day: string): number {
  if (day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(day, 0, 4);
  const month = digits(day, 5, 7);
  const date = digits(day, 8, 10);
  // Date.UTC reads years 0–99 as 1900–1999.
  if (!(year >= 100 && month >= 1 && month <= 12 && date >= 1)) return Number.NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (date > DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0)) return Number.NaN;
  return Date.UTC(year, month - 1, date);
}

export function isLocalDay(value: string): boolean {
  return !Number.isNaN(dayFieldsMs(value));
}

/** The instant (ms) at which a local day begins: 'YYYY-MM-DD' 00:00 in Asia/Ho_Chi_Minh. NaN for a malformed day. */
export function localDayStartMs(day: string): number {
  return dayFieldsMs(day) - LOCAL_UTC_OFFSET_MS;
}

/** The local day 'YYYY-MM-DD' that contains an instant. */
export function localDayOf(instantMs: number): string {
  return new Date(instantMs + LOCAL_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day `days` after `day` (both 'YYYY-MM-DD'). */
export function addLocalDays(day: string, days: number): string {
  return new Date(dayFieldsMs(day) + days * DAY_MS).toISOString().slice(0, 10);
}
