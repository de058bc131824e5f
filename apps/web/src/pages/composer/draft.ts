import type { Schedule, Variant, VariantContent } from '../../api/types';
import { formatDate, formatTime, vnToInstant } from '../../lib/time';
import { buildRrule, parseRrule, type RecurrenceForm } from './RecurrenceEditor';

/** What the officer is editing in one channel tab, before it is saved. */
export interface VariantDraft {
  content: VariantContent;
  date: string;
  time: string;
  recurrence: RecurrenceForm;
  nextFreeSlot: boolean;
  dirty: boolean;
}

export function draftOf(variant: Variant, defaultDay?: string | null): VariantDraft {
  const at = variant.schedule.at;
  const prefill = !at && !variant.schedule.nextFreeSlot && defaultDay;
  return {
    content: variant.content,
    date: at ? formatDate(at) : prefill ? formatDate(defaultDay) : '',
    time: at ? formatTime(at) : prefill ? '08:00' : '',
    recurrence: parseRrule(variant.schedule.rrule),
    nextFreeSlot: variant.schedule.nextFreeSlot,
    dirty: Boolean(prefill),
  };
}

/** The schedule the draft asks for, or the reason it cannot be sent yet. */
export function scheduleOf(draft: VariantDraft): { schedule?: Schedule | { nextFreeSlot: true }; error?: string } {
  if (draft.nextFreeSlot) return { schedule: { nextFreeSlot: true } };
  const { rrule, error } = buildRrule(draft.recurrence);
  if (error) return { error };
  if (!draft.date.trim() && !draft.time.trim()) {
    if (rrule) return { error: 'Lịch lặp cần ngày giờ đăng lần đầu.' };
    return { schedule: { at: null, rrule: null, nextFreeSlot: false } };
  }
  const at = vnToInstant(draft.date, draft.time);
  if (!at) return { error: 'Ngày đăng phải có dạng dd/mm/yyyy và giờ dạng HH:mm (24 giờ), ví dụ 05/10/2026 và 07:30.' };
  return { schedule: { at, rrule, nextFreeSlot: false } };
}

export function draftAt(draft: VariantDraft): string | null {
  return draft.nextFreeSlot ? null : vnToInstant(draft.date, draft.time);
}

export const SUBMITTABLE_STATES = new Set(['draft', 'changes_requested']);
/** Saving any of these sends the variant back to the approval queue (the API's rule; said before it happens). */
export const REAPPROVAL_STATES = new Set(['approved', 'scheduled']);
