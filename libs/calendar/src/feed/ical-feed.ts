import ical, {
  escape,
  ICalCalendar,
  ICalCalendarData,
  ICalCalendarMethod,
  ICalEvent,
  ICalDateTimeValue,
  ICalEventData,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import type { CalendarItem } from '../calendar-item';
import { isLocalDay, localDayStartMs, LOCAL_UTC_OFFSET_MS, DAY_MS } from '../entries/local-day';
import { itemSpan } from '../entries/expand-items';
import { CALENDAR_TIME_ZONE, expandRecurrence, validateRecurrence } from '../recurrence/recurrence';
import { RecurrenceError } from '../recurrence/recurrence.error';
import { CHANNEL_TYPE_LABELS, KIND_LABELS, statusLabel } from './feed-labels';
import { HoChiMinhDateTime } from './ho-chi-minh-date-time';
import { foldIcalLines } from './ical-fold';

export interface IcalFeedOptions {
  /** X-WR-CALNAME / NAME, shown by calendar apps as the calendar's title (Vietnamese). */
  name: string;
  description?: string;
  /** The feed's own address; also the base for relative `links.self`. */
  url?: string;
  /** How often subscribers should refresh (REFRESH-INTERVAL and X-PUBLISHED-TTL); default 60. */
  refreshMinutes?: number;
  /** PRODID value, e.g. "-//Nhip//Lich truyen thong//VI". */
  prodId?: string;
  /**
   * DTSTAMP of every event; default now. Pass a value that only moves when the feed's content does
   * (e.g. the latest change among the items) so the same content renders the same bytes for ETag.
   */
  stamp?: Date;
}

export const DEFAULT_FEED_REFRESH_MINUTES = 60;
export const DEFAULT_FEED_PRODID = '-//Nhip//Lich truyen thong//VI';

// Plan tasks (ongoing, due), peaks and report deadlines are facts of the plan, not drafts.
const CONFIRMED_STATUSES = new Set([
  'approved',
  'scheduled',
  'publishing',
  'published',
  'confirmed',
  'planned',
  'done',
  'completed',
  'ongoing',
  'due',
  'peak',
]);
const CANCELLED_STATUSES = new Set(['cancelled', 'canceled']);

/** Approved, scheduled or published (and plan facts) are CONFIRMED, cancelled is CANCELLED, anything else (draft, in review, failed…) TENTATIVE. */
export function icalStatusOf(status: string): ICalEventStatus {
  if (CONFIRMED_STATUSES.has(status)) return ICalEventStatus.CONFIRMED;
  if (CANCELLED_STATUSES.has(status)) return ICalEventStatus.CANCELLED;
  return ICalEventStatus.TENTATIVE;
}

/** Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975, so one STANDARD block describes it. */
const VIETNAM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${CALENDAR_TIME_ZONE}`,
  `X-LIC-LOCATION:${CALENDAR_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:+07',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

function vtimezone(timezone: string): string | null {
  return timezone === CALENDAR_TIME_ZONE ? VIETNAM_VTIMEZONE : null;
}

const END_CALENDAR = 'END:VCALENDAR';
const END_TIMEZONE = 'END:VTIMEZONE\r\n';

/** 'YYYYMMDD' or 'YYYYMMDDTHHmmss' of an instant's Asia/Ho_Chi_Minh wall time. */
function localStamp(instantMs: number, dateOnly: boolean): string {
  const iso = new Date(instantMs + LOCAL_UTC_OFFSET_MS).toISOString();
  const day = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  return dateOnly ? day : `${day}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

function utcStamp(instantMs: number): string {
  const iso = new Date(instantMs).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** The local day beginning at `dayStartMs` as the Date whose UTC fields ical-generator writes for VALUE=DATE. */
function dayValue(dayStartMs: number): Date {
  return new Date(dayStartMs + LOCAL_UTC_OFFSET_MS);
}

/**
 * RRULE and EXDATE lines for a series. The rule is checked and normalised by the recurrence engine
 * (which also keeps stray CR/LF out of the feed); UNTIL is rewritten as RFC 5545 §3.3.10 requires —
 * a DATE for an all-day DTSTART, a UTC time for a DTSTART with TZID — with the same meaning as the
 * engine's local wall-time UNTIL.
 */
function recurrenceLines(item: CalendarItem, startMs: number, written?: Map<string, string>): string {
  // Many agencies share a series (the same report deadlines, the same national days): check each once per feed.
  const key = `${item.allDay ? 'D' : 'T'}${startMs}\u0000${item.rrule}\u0000${item.exdates?.join('\u0000') ?? ''}`;
  const known = written?.get(key);
  if (known !== undefined) return known;
  const valid = validateRecurrence({ rrule: item.rrule!, dtstart: new Date(startMs) });
  let rule = valid.rrule;
  if (valid.options.until) {
    const untilMs = valid.options.until.getTime() - LOCAL_UTC_OFFSET_MS;
    const until = item.allDay ? localStamp(untilMs, true) : utcStamp(untilMs);
    rule = rule.replace(/UNTIL=[^;]*/, `UNTIL=${until}`);
  }
  let lines = `RRULE:${rule}`;

  const excluded: string[] = [];
  for (const exdate of item.exdates ?? []) {
    const day = isLocalDay(exdate);
    const ms = day ? localDayStartMs(exdate) : Date.parse(exdate);
    if (Number.isNaN(ms))
      throw new RecurrenceError('RECURRENCE_INVALID', `EXDATE "${exdate}" không phải ngày giờ hợp lệ.`);
    if (item.allDay) {
      // The engine drops an all-day occurrence for a day, or for an instant at that day's local midnight.
      if ((ms + LOCAL_UTC_OFFSET_MS) % DAY_MS === 0) excluded.push(localStamp(ms, true));
    } else if (day) {
      // A whole local day excludes every start on it; EXDATE needs each start as a date-time.
      const starts = expandRecurrence(
        valid,
        { from: new Date(ms), to: new Date(ms + DAY_MS) },
        { overflow: 'truncate' },
      );
      for (const start of starts) excluded.push(localStamp(start.getTime(), false));
    } else {
      excluded.push(localStamp(ms, false));
    }
  }
  if (excluded.length > 0) {
    lines += item.allDay
      ? `\nEXDATE;VALUE=DATE:${excluded.join(',')}`
      : `\nEXDATE;TZID=${CALENDAR_TIME_ZONE}:${excluded.join(',')}`;
  }
  written?.set(key, lines);
  return lines;
}

function describe({ description, kind, agency, channel, status }: CalendarItem): string {
  let text = description ? `${description}\n\n` : '';
  text += `Loại: ${KIND_LABELS[kind] ?? kind}`;
  if (agency) text += `\nCơ quan: ${agency.name}`;
  if (channel) text += `\nKênh: ${CHANNEL_TYPE_LABELS[channel.type] ?? channel.type} — ${channel.name}`;
  text += `\nTrạng thái: ${statusLabel(status)}`;
  return text.normalize('NFC');
}

function categoriesOf({ kind, channel, categories }: CalendarItem): { name: string }[] {
  const names: string[] = [kind];
  if (channel) names.push(channel.type);
  for (const category of categories ?? []) {
    const name = category.normalize('NFC');
    if (name && !names.includes(name)) names.push(name);
  }
  return names.map((name) => ({ name }));
}

const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:/i;

/** links.self as an absolute URI (a calendar app cannot follow a relative one), or null. */
function itemUrl(self: string | undefined, base: string | undefined): string | null {
  if (!self) return null;
  if (ABSOLUTE_URI.test(self)) return self;
  if (!base) return null;
  try {
    return new URL(self, base).href;
  } catch {
    return null;
  }
}

const LINE_BREAK = /[\r\n]/g;

/**
 * The fields of one VEVENT; exported for the benchmark, which feeds the same fields to ical-generator
 * alone. `seriesWritten` carries the RRULE/EXDATE lines already worked out for this feed.
 */
export function icalEventData(
  item: CalendarItem,
  stamp: Date,
  baseUrl?: string,
  seriesWritten?: Map<string, string>,
): ICalEventData {
  const { uid, allDay, rrule, title, status, links } = item;
  const { startMs, endMs } = itemSpan(item);
  let start: ICalDateTimeValue;
  let end: ICalDateTimeValue;
  if (allDay) {
    start = dayValue(startMs);
    end = dayValue(endMs);
  } else if (rrule) {
    // The RRULE's times are Asia/Ho_Chi_Minh wall times, so the series is anchored there, not in UTC.
    start = new HoChiMinhDateTime(startMs);
    end = new HoChiMinhDateTime(endMs);
  } else {
    start = new Date(startMs);
    end = new Date(endMs);
  }
  const id = `${uid}@nhip`;
  return {
    // UID is written unescaped; a line break would end the property early.
    id: id.includes('\n') || id.includes('\r') ? id.replace(LINE_BREAK, '') : id,
    stamp,
    allDay,
    start,
    end,
    timezone: !allDay && rrule ? CALENDAR_TIME_ZONE : null,
    repeating: rrule ? recurrenceLines(item, startMs, seriesWritten) : null,
    summary: title.normalize('NFC'),
    description: describe(item),
    status: icalStatusOf(status),
    categories: categoriesOf(item),
    // A subscribed editorial calendar informs; it should not mark the subscriber busy.
    transparency: ICalEventTransparency.TRANSPARENT,
    url: itemUrl(links.self, baseUrl),
    sequence: item.sequence ?? 0,
    lastModified: item.lastModified ? new Date(item.lastModified) : null,
  };
}

/** The calendar's own properties as ical-generator takes them; exported for the benchmark. */
export function icalCalendarData(options: IcalFeedOptions): ICalCalendarData {
  const refreshMinutes = options.refreshMinutes ?? DEFAULT_FEED_REFRESH_MINUTES;
  if (!Number.isFinite(refreshMinutes) || refreshMinutes <= 0) {
    throw new RangeError('refreshMinutes must be a positive number');
  }
  const prodId = options.prodId ?? DEFAULT_FEED_PRODID;
  return {
    // ical-generator writes NAME, X-WR-CALNAME and X-WR-CALDESC unescaped.
    name: escape(options.name.normalize('NFC'), false),
    description: options.description ? escape(options.description.normalize('NFC'), false) : null,
    url: options.url ?? null,
    prodId: prodId.startsWith('-') ? prodId.slice(1) : prodId,
    method: ICalCalendarMethod.PUBLISH,
    scale: 'GREGORIAN',
    ttl: Math.round(refreshMinutes * 60),
    timezone: { name: CALENDAR_TIME_ZONE, generator: vtimezone },
  };
}

/** The VCALENDAR head (properties, then the VTIMEZONE) as ical-generator writes it, without END:VCALENDAR. */
function calendarHead(options: IcalFeedOptions): string {
  const head = ical(icalCalendarData(options)).toString();
  // ical-generator writes VTIMEZONE before the last calendar properties; RFC 5545 §3.4 wants every
  // property before the first component, so the block moves to the end of the head.
  const body = head.slice(0, head.lastIndexOf(END_CALENDAR));
  const zoneStart = body.indexOf('BEGIN:VTIMEZONE');
  const zoneEnd = body.indexOf(END_TIMEZONE, zoneStart) + END_TIMEZONE.length;
  return body.slice(0, zoneStart) + body.slice(zoneEnd) + body.slice(zoneStart, zoneEnd);
}

/**
 * An RFC 5545 calendar of the items: one VEVENT per item, a series kept as one VEVENT with RRULE and
 * EXDATE. ical-generator writes the calendar head and every VEVENT. The events' parent calendar has no
 * time zone, so DTSTAMP and single timed events are UTC, all-day events are VALUE=DATE, and only
 * timed series carry TZID=Asia/Ho_Chi_Minh. We fold the lines ourselves: ICalCalendar.toString()
 * folds the whole text one character at a time through a fresh TextEncoder, about 1.3 s for 2,000
 * events; foldIcalLines gives the same 75-octet lines in linear time.
 */
export function renderIcalFeed(items: CalendarItem[], options: IcalFeedOptions): string {
  const stamp = options.stamp ?? new Date();
  const parent = new ICalCalendar();
  const seriesWritten = new Map<string, string>();
  const parts = [calendarHead(options)];
  for (const item of items) {
    parts.push(foldIcalLines(new ICalEvent(icalEventData(item, stamp, options.url, seriesWritten), parent).toString()));
  }
  parts.push(`${END_CALENDAR}\r\n`);
  // One flat string, so the caller's hash (ETag) and response do not pay for flattening a rope.
  return parts.join('');
}
