import type { ChannelType } from '@nhip/database';

/**
 * `variant`: a channel variant still in the editorial workflow (draft, returned, waiting for approval,
 * approved without a usable time) at the time it proposes. Only the calendar of people who work in the
 * agency shows it; feeds to partner agencies never do (`FEED_KINDS`).
 */
export const CALENDAR_KINDS = ['publication', 'task', 'peak', 'report', 'variant'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
export const FEED_KINDS = CALENDAR_KINDS.filter((k) => k !== 'variant');

/**
 * One thing on the calendar: a single event, or a recurring series (`rrule`). The calendar API
 * expands series into entries within the requested range; the iCalendar feed keeps them as series.
 */
export interface CalendarItem {
  /** Stable across requests and feeds, e.g. "task:<uuid>", "peak:national:digital-transformation-day:2026". */
  uid: string;
  kind: CalendarKind;
  title: string;
  description?: string;
  /**
   * All-day items: a local date 'YYYY-MM-DD' (Asia/Ho_Chi_Minh). Timed items: an ISO instant in UTC.
   * For a series this is the first occurrence.
   */
  start: string;
  /** Exclusive end, same form as start (an all-day item on 10/10 ends '…-10-11'). */
  end: string;
  allDay: boolean;
  /** RFC 5545 RRULE body (no "RRULE:" prefix, no DTSTART), in Asia/Ho_Chi_Minh wall time, anchored at `start`. */
  rrule?: string;
  /** Occurrence starts removed from the series, same form as start. */
  exdates?: string[];
  status: string;
  agency: { id: string; code: string; name: string } | null;
  channel?: { type: ChannelType; accountId: string; name: string };
  links: Record<string, string>;
  categories?: string[];
  /** A publication still waiting after its time: why, in Vietnamese (the state alone would say "Đã lên lịch"). */
  overdue?: string;
  /** RFC 5545 SEQUENCE: how many times the item was revised (a publication's version − 1). */
  sequence?: number;
  /** ISO instant of the item's last change, written as LAST-MODIFIED. */
  lastModified?: string;
}

/** One occurrence, as the calendar API returns it. */
export interface CalendarEntry extends Omit<CalendarItem, 'uid' | 'rrule' | 'exdates' | 'sequence' | 'lastModified'> {
  /** The item's uid, plus the occurrence start for a series ("task:…@2026-06-20"). */
  id: string;
  seriesId?: string;
}
