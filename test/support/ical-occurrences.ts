import { sync, type VEvent } from 'node-ical';

/**
 * Reading a feed as a calendar app would, with node-ical (an independent parser): its events, and the
 * occurrences of each within a range, computed only from what node-ical read.
 */
const DAY_MS = 86_400_000;

export function parseIcs(text: string) {
  const parsed = sync.parseICS(text);
  const events = new Map<string, VEvent>();
  for (const component of Object.values(parsed)) {
    if (component?.type === 'VEVENT') events.set(component.uid, component as VEvent);
  }
  return { calendar: parsed.vcalendar!, events };
}

/** node-ical keeps URL;VALUE=URI as {params, val}. */
export const urlOf = (event: VEvent) => {
  const url = event.url as unknown;
  return url && typeof url === 'object' ? (url as { val: string }).val : (url as string | undefined);
};
export const unfolded = (text: string) => text.replace(/\r\n /g, '').split('\r\n');
const pad = (n: number) => String(n).padStart(2, '0');
/** node-ical gives a VALUE=DATE as a Date at the host's local midnight of that day. */
const dateOnlyDay = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
const localDayStart = (day: string) => Date.parse(`${day}T00:00:00+07:00`);

/**
 * Occurrences of one parsed VEVENT that meet [from, to), each as "uid|start", computed only from what
 * node-ical read: its rrule object, its EXDATEs, DTSTART and DTEND. An all-day occurrence covers its
 * local day(s) in Vietnam, as the calendar API defines.
 */
export function nodeIcalOccurrences(event: VEvent, range: { from: Date; to: Date }): string[] {
  const uid = event.uid.replace(/@nhip$/, '');
  const fromMs = range.from.getTime();
  const toMs = range.to.getTime();
  if (event.datetype === 'date') {
    const first = dateOnlyDay(event.start);
    const lengthMs = localDayStart(dateOnlyDay(event.end!)) - localDayStart(first);
    let days = [first];
    if (event.rrule) {
      const excluded = new Set(Object.values(event.exdate ?? {}).map(dateOnlyDay));
      days = event.rrule
        .between(new Date(fromMs - lengthMs - 2 * DAY_MS), new Date(toMs + 2 * DAY_MS), true)
        .map(dateOnlyDay)
        .filter((day) => !excluded.has(day));
    }
    return days
      .filter((day) => localDayStart(day) < toMs && localDayStart(day) + lengthMs > fromMs)
      .map((day) => `${uid}|${day}`);
  }
  const lengthMs = event.end!.getTime() - event.start.getTime();
  let starts = [event.start.getTime()];
  if (event.rrule) {
    const excluded = new Set(Object.values(event.exdate ?? {}).map((date) => date.getTime()));
    starts = event.rrule
      .between(new Date(fromMs - lengthMs - 1000), range.to, true)
      .map((date) => date.getTime())
      .filter((start) => !excluded.has(start));
  }
  return starts
    .filter((start) => start < toMs && (start + lengthMs > fromMs || (lengthMs === 0 && start >= fromMs)))
    .map((start) => `${uid}|${new Date(start).toISOString()}`);
}
