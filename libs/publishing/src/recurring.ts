import { expandRecurrence, validateRecurrence } from '@nhip/calendar';
import { vietnamWallTime } from '@nhip/core';

/** How far ahead a recurring schedule is written out as publication rows; the reconciler extends it. */
export const PLAN_AHEAD_DAYS = 30;
export const PLAN_AHEAD_MAX = 100;

/** The occurrences to hold as rows now: the next weeks of a recurrence (Vietnam wall time, anchored at `at`). */
export function occurrencesAhead(schedule: { at: Date; rrule: string }, now: Date): Date[] {
  const rule = validateRecurrence({ rrule: schedule.rrule, dtstart: vietnamWallTime(schedule.at) });
  const from = new Date(Math.max(now.getTime(), schedule.at.getTime()));
  return expandRecurrence(
    rule,
    { from, to: new Date(from.getTime() + PLAN_AHEAD_DAYS * 86_400_000) },
    { maxCount: PLAN_AHEAD_MAX, overflow: 'truncate' },
  );
}
