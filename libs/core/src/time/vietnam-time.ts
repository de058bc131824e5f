import { DateTime } from 'luxon';
import { VIETNAM_TIME_ZONE } from '@nhip/vocabulary';

/** An instant in Asia/Ho_Chi_Minh, for formatting and calendar arithmetic (luxon). */
export function inVietnam(instant: Date | string | number): DateTime {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  return DateTime.fromMillis(ms, { zone: VIETNAM_TIME_ZONE });
}

/** The local day 'YYYY-MM-DD' an instant falls on in Vietnam. */
export function vietnamDayOf(instant: Date | string | number): string {
  return inVietnam(instant).toFormat('yyyy-MM-dd');
}

/** The Vietnam wall time of an instant, 'YYYY-MM-DDTHH:mm:ss' (no offset): what RRULEs are anchored at. */
export function vietnamWallTime(instant: Date | string | number): string {
  return inVietnam(instant).toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

/** The instant of a wall time in Vietnam: a day 'YYYY-MM-DD' and a time 'HH:mm' or 'HH:mm:ss' (default midnight). */
export function atVietnamWallTime(day: string, time = '00:00'): Date {
  const at = DateTime.fromISO(`${day}T${time}`, { zone: VIETNAM_TIME_ZONE });
  if (!at.isValid) throw new RangeError(`Not a wall time: ${day} ${time}`);
  return at.toJSDate();
}

/** The day `days` after a local day, both 'YYYY-MM-DD'. */
export function addVietnamDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: VIETNAM_TIME_ZONE }).plus({ days }).toFormat('yyyy-MM-dd');
}

/**
 * The Vietnam wall-clock fields of an instant as a UTC Date: for formats with no time zones (spreadsheet
 * cells), which show a Date's UTC fields.
 */
export function vietnamWallClockAsUtc(instant: Date | string | number): Date {
  return inVietnam(instant).setZone('UTC', { keepLocalTime: true }).toJSDate();
}
