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

const CONFIRMED_STATUSES = new Set(['approved', 'scheduled', 'publishing', 'published', 'confirmed', 'planned', 'done', 'completed']);
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

/** A 'YYYY-MM-DD' day as the Date whose UTC fields ical-generator writes for VALUE=DATE. */
function dayValue(day: string): Date {
  return new Date(localDayStartMs(day) + LOCAL_UTC_OFFSET_MS);
}

/**
 * RRULE and EXDATE lines for a series. The rule is checked and normalised by the recurrence engine
 * (which also keeps stray CR/LF out of the feed); UNTIL is rewritten as RFC 5545 §3.3.10 requires —
 * a DATE for an all-day DTSTART, a UTC time for a DTSTART with TZID — with the same meaning as the
 * engine's local wall-time UNTIL.
 */
function recurrenceLines(item: CalendarItem, startMs: number): string {
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
    if (item.allDay) {
      // The engine drops an all-day occurrence for a day, or for an instant at that day's local midnight.
      const ms = isLocalDay(exdate) ? localDayStartMs(exdate) : Date.parse(exdate);
      if ((ms + LOCAL_UTC_OFFSET_MS) % DAY_MS === 0) excluded.push(localStamp(ms, true));
    } else if (isLocalDay(exdate)) {
      // A whole local day excludes every start on it; EXDATE needs each start as a date-time.
      const dayStart = localDayStartMs(exdate);
      const starts = expandRecurrence(valid, { from: new Date(dayStart), to: new Date(dayStart + DAY_MS) }, { overflow: 'truncate' });
      for (const start of starts) excluded.push(localStamp(start.getTime(), false));
    } else {
      const ms = Date.parse(exdate);
      if (!Number.isNaN(ms)) excluded.push(localStamp(ms, false));
    }
  }
  if (excluded.length > 0) {
    lines += item.allDay
      ? `\nEXDATE;VALUE=DATE:${excluded.join(',')}`
      : `\nEXDATE;TZID=${CALENDAR_TIME_ZONE}:${excluded.join(',')}`;
  }
  return lines;
}

function describe(item: CalendarItem): string {
  const lines: string[] = [];
  if (item.description) lines.push(item.description.normalize('NFC'), '');
  lines.push(`Loại: ${KIND_LABELS[item.kind] ?? item.kind}`);
  if (item.agency) lines.push(`Cơ quan: ${item.agency.name.normalize('NFC')}`);
  if (item.channel) {
    lines.push(`Kênh: ${CHANNEL_TYPE_LABELS[item.channel.type] ?? item.channel.type} — ${item.channel.name.normalize('NFC')}`);
  }
  lines.push(`Trạng thái: ${statusLabel(item.status)}`);
  return lines.join('\n');
}

function categoriesOf(item: CalendarItem): { name: string }[] {
  const names = new Set<string>([item.kind]);
  if (item.channel) names.add(item.channel.type);
  for (const category of item.categories ?? []) if (category) names.add(category.normalize('NFC'));
  return [...names].map((name) => ({ name }));
}

const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:/i;

/** links.self as an absolute URI (a calendar app cannot follow a relative one), or null. */
function itemUrl(item: CalendarItem, base: string | undefined): string | null {
  const self = item.links.self;
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

/** The fields of one VEVENT; exported for the benchmark, which feeds the same fields to ical-generator alone. */
export function icalEventData(item: CalendarItem, stamp: Date, baseUrl?: string): ICalEventData {
  const { startMs, endMs } = itemSpan(item);
  let start: ICalDateTimeValue;
  let end: ICalDateTimeValue;
  if (item.allDay) {
    start = dayValue(item.start);
    end = dayValue(item.end);
  } else if (item.rrule) {
    // The RRULE's times are Asia/Ho_Chi_Minh wall times, so the series is anchored there, not in UTC.
    start = new HoChiMinhDateTime(startMs);
    end = new HoChiMinhDateTime(endMs);
  } else {
    start = new Date(startMs);
    end = new Date(endMs);
  }
  const uid = `${item.uid}@nhip`;
  return {
    // UID is written unescaped; a line break would end the property early.
    id: uid.includes('\n') || uid.includes('\r') ? uid.replace(LINE_BREAK, '') : uid,
    stamp,
    allDay: item.allDay,
    start,
    end,
    timezone: !item.allDay && item.rrule ? CALENDAR_TIME_ZONE : null,
    repeating: item.rrule ? recurrenceLines(item, startMs) : null,
    summary: item.title.normalize('NFC'),
    description: describe(item),
    status: icalStatusOf(item.status),
    categories: categoriesOf(item),
    // A subscribed editorial calendar informs; it should not mark the subscriber busy.
    transparency: ICalEventTransparency.TRANSPARENT,
    url: itemUrl(item, baseUrl),
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
  let text = calendarHead(options);
  for (const item of items) {
    text += foldIcalLines(new ICalEvent(icalEventData(item, stamp, options.url), parent).toString());
  }
  return `${text}${END_CALENDAR}\r\n`;
}
