/**
 * Calendar days in Asia/Ho_Chi_Minh. The zone has kept UTC+7 without daylight saving since June 1975
 * (and the feed's VTIMEZONE says exactly that), so a local day is a fixed 24-hour span of UTC and
 * day arithmetic needs no time-zone database on the hot paths.
 */
export const LOCAL_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight of a 'YYYY-MM-DD' day (the day's fields as a UTC date), or NaN when it is no real date. */
function dayFieldsMs(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) return Number.NaN;
  const [, y, m, d] = match;
  const ms = Date.UTC(+y, +m - 1, +d);
  const back = new Date(ms);
  return back.getUTCFullYear() === +y && back.getUTCMonth() === +m - 1 && back.getUTCDate() === +d ? ms : Number.NaN;
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
