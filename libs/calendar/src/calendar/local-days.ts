import { addLocalDays, isLocalDay, localDayOf as localDayOfMs, localDayStartMs } from '../entries/local-day';

/** Local-day arithmetic for Asia/Ho_Chi_Minh (UTC+7, no daylight saving), in Date terms for services. */
export { addLocalDays, isLocalDay };

/** The instant a local day starts. */
export function startOfLocalDay(day: string): Date {
  return new Date(localDayStartMs(day));
}

/** The local day an instant falls on. */
export function localDayOf(instant: Date): string {
  return localDayOfMs(instant.getTime());
}

export function daysBetween(from: string, to: string): number {
  return Math.round((localDayStartMs(to) - localDayStartMs(from)) / 86_400_000);
}

/** Every local day from `from` through `to`, inclusive. */
export function eachLocalDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addLocalDays(day, 1)) days.push(day);
  return days;
}
