import type { CalendarEntry, CalendarItem } from '../calendar-item';
import { expandRecurrence } from '../recurrence/recurrence';
import { CalendarEntriesError } from './calendar-entries.error';
import { addLocalDays, DAY_MS, isLocalDay, localDayOf, localDayStartMs } from './local-day';

export const DEFAULT_MAX_ENTRIES = 5000;

export interface ExpandItemsOptions {
  /** More entries than this in the range raise CALENDAR_TOO_MANY_ENTRIES (default 5000). */
  maxEntries?: number;
}

export interface ItemSpan {
  startMs: number;
  endMs: number;
}

/**
 * The instants an item covers: [local midnight of start, local midnight of end) for all-day items,
 * [start, end) for timed ones. Throws CALENDAR_ITEM_INVALID for malformed or reversed bounds.
 */
export function itemSpan(item: CalendarItem): ItemSpan {
  const { allDay, start, end } = item;
  let startMs: number;
  let endMs: number;
  if (allDay) {
    startMs = localDayStartMs(start);
    endMs = localDayStartMs(end);
  } else {
    // A bare 'YYYY-MM-DD' would parse as UTC midnight; a timed item must carry a time.
    startMs = start.length > 10 ? Date.parse(start) : Number.NaN;
    endMs = end.length > 10 ? Date.parse(end) : Number.NaN;
  }
  if (!(allDay ? endMs > startMs : endMs >= startMs)) {
    const form = allDay
      ? 'ngày YYYY-MM-DD (kết thúc sau bắt đầu)'
      : 'thời điểm ISO theo UTC (kết thúc không trước bắt đầu)';
    throw new CalendarEntriesError(
      'CALENDAR_ITEM_INVALID',
      `Mục lịch "${item.title}" có thời gian không hợp lệ (${start} → ${end}); cần ${form}.`,
      { uid: item.uid, start, end },
    );
  }
  return { startMs, endMs };
}

/** [startMs, endMs) meets [from, to); an instant-long entry counts when it lies inside the range. */
function overlaps(startMs: number, endMs: number, fromMs: number, toMs: number): boolean {
  return startMs < toMs && (endMs > fromMs || (endMs === startMs && startMs >= fromMs));
}

function tooMany(maxEntries: number): CalendarEntriesError {
  return new CalendarEntriesError(
    'CALENDAR_TOO_MANY_ENTRIES',
    `Khoảng thời gian đã chọn có hơn ${maxEntries} mục lịch; hãy thu hẹp khoảng thời gian hoặc thêm bộ lọc.`,
    { maxEntries },
  );
}

function toEntry(item: CalendarItem, id: string, start: string, end: string, seriesId?: string): CalendarEntry {
  const {
    uid: _uid,
    rrule: _rrule,
    exdates: _exdates,
    sequence: _sequence,
    lastModified: _lastModified,
    ...rest
  } = item;
  const entry: CalendarEntry = { ...rest, id, start, end };
  if (seriesId !== undefined) entry.seriesId = seriesId;
  return entry;
}

interface Placed {
  entry: CalendarEntry;
  startMs: number;
}

const collator = new Intl.Collator('vi');

/**
 * Entries of the items that overlap [from, to): a single item as one entry, a series (RRULE in
 * Asia/Ho_Chi_Minh wall time) as one entry per occurrence, each as long as the item. All-day entries
 * cover their local days (UTC+7); timed entries carry ISO instants in UTC. Sorted by start, then title.
 * Bounded by `maxEntries`; an invalid rule raises the recurrence engine's RecurrenceError.
 */
export function expandCalendarItems(
  items: CalendarItem[],
  range: { from: Date; to: Date },
  options: ExpandItemsOptions = {},
): CalendarEntry[] {
  const fromMs = range.from.getTime();
  const toMs = range.to.getTime();
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || fromMs >= toMs) {
    throw new CalendarEntriesError('CALENDAR_RANGE_INVALID', 'Khoảng thời gian không hợp lệ: "từ" phải trước "đến".');
  }
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new CalendarEntriesError('CALENDAR_RANGE_INVALID', 'Số mục lịch tối đa phải là số nguyên dương.');
  }

  const placed: Placed[] = [];
  for (const item of items) {
    const { startMs, endMs } = itemSpan(item);
    if (!item.rrule) {
      if (!overlaps(startMs, endMs, fromMs, toMs)) continue;
      if (placed.length === maxEntries) throw tooMany(maxEntries);
      const start = item.allDay ? item.start : new Date(startMs).toISOString();
      const end = item.allDay ? item.end : new Date(endMs).toISOString();
      placed.push({ entry: toEntry(item, item.uid, start, end), startMs });
      continue;
    }

    const durationMs = endMs - startMs;
    // An occurrence that began before `from` still shows while it lasts, so look back one duration.
    const starts = expandRecurrence(
      {
        rrule: item.rrule,
        dtstart: new Date(startMs),
        exdates: item.exdates?.map((exdate) => (isLocalDay(exdate) ? exdate : new Date(exdate))),
      },
      { from: new Date(fromMs - durationMs), to: range.to },
      // Two spare: the look-back may return an occurrence that ends exactly at `from`.
      { maxCount: maxEntries - placed.length + 2, overflow: 'truncate' },
    );
    const days = Math.round(durationMs / DAY_MS);
    for (const occurrence of starts) {
      const occurrenceMs = occurrence.getTime();
      if (!overlaps(occurrenceMs, occurrenceMs + durationMs, fromMs, toMs)) continue;
      if (placed.length === maxEntries) throw tooMany(maxEntries);
      let start: string;
      let end: string;
      if (item.allDay) {
        start = localDayOf(occurrenceMs);
        end = addLocalDays(start, days);
      } else {
        start = occurrence.toISOString();
        end = new Date(occurrenceMs + durationMs).toISOString();
      }
      placed.push({ entry: toEntry(item, `${item.uid}@${start}`, start, end, item.uid), startMs: occurrenceMs });
    }
  }

  placed.sort(
    (a, b) =>
      a.startMs - b.startMs ||
      collator.compare(a.entry.title, b.entry.title) ||
      (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0),
  );
  return placed.map((p) => p.entry);
}
