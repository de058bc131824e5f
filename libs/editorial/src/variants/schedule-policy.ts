import { validateRecurrence } from '@nhip/calendar';
import { addVietnamDays, atVietnamWallTime, DomainError, inVietnam, vietnamDayOf, vietnamWallTime } from '@nhip/core';
import type { ChannelType } from '@nhip/database';
import { occurrencesAhead } from '@nhip/publishing';

const CHANNEL_LABELS: Record<ChannelType, string> = {
  portal: 'Cổng thông tin',
  facebook: 'Facebook',
  zalo: 'Zalo',
  loudspeaker: 'Truyền thanh',
};
const vnTime = (d: Date) => inVietnam(d).toFormat("HH:mm 'ngày' dd/MM/yyyy");

/**
 * Refuses a time in the past, or closer to now than the channel's lead time (which its profile in
 * `@nhip/channels` gives), saying why.
 */
export function checkOccurrenceTime(type: ChannelType, lead: number, at: Date, now: Date): void {
  if (at.getTime() <= now.getTime()) {
    throw DomainError.invalid('SCHEDULE_IN_PAST', `Thời điểm đăng ${vnTime(at)} đã qua.`, { at: at.toISOString() });
  }
  if (at.getTime() - now.getTime() < lead * 1000) {
    throw DomainError.invalid(
      'SCHEDULE_TOO_SOON',
      `${CHANNEL_LABELS[type]} cần ít nhất ${lead >= 60 ? `${lead / 60} phút` : `${lead} giây`} để chuẩn bị; hãy chọn thời điểm muộn hơn ${vnTime(new Date(now.getTime() + lead * 1000))}.`,
      { at: at.toISOString(), minLeadSeconds: lead },
    );
  }
}

export interface VariantSchedule {
  /** First (or only) occurrence. */
  at: Date;
  /** RRULE body; occurrences are wall times in Asia/Ho_Chi_Minh anchored at `at`. */
  rrule?: string | null;
}

/** The occurrences to write as publications now: the single time, or a recurrence's next weeks. */
export function occurrencesToPlan(schedule: VariantSchedule, now: Date): Date[] {
  return schedule.rrule ? occurrencesAhead({ at: schedule.at, rrule: schedule.rrule }, now) : [schedule.at];
}

/** Checks a recurrence is acceptable as a posting schedule (bounded, not too frequent) before it is stored. */
export function checkRecurrence(schedule: VariantSchedule): void {
  if (schedule.rrule) validateRecurrence({ rrule: schedule.rrule, dtstart: vietnamWallTime(schedule.at) });
}

const SLOT = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isPostingSlot(text: string): boolean {
  return SLOT.test(text);
}

/**
 * The earliest of an account's daily posting slots (local HH:mm) at or after `earliest` that no other
 * publication of the account holds; null when none is free within `days`.
 */
export function nextFreeSlot(slots: string[], taken: Set<number>, earliest: Date, days = 60): Date | null {
  const sorted = [...new Set(slots.filter(isPostingSlot))].sort();
  if (sorted.length === 0) return null;
  const firstDay = vietnamDayOf(earliest);
  for (let d = 0; d < days; d++) {
    const day = addVietnamDays(firstDay, d);
    for (const slot of sorted) {
      const at = atVietnamWallTime(day, slot);
      if (at.getTime() >= earliest.getTime() && !taken.has(at.getTime())) return at;
    }
  }
  return null;
}
