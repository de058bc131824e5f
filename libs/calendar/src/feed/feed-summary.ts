import type { CalendarItem } from '../calendar-item';
import type { PublicationDay } from '../calendar/calendar.service';
import { addLocalDays } from '../calendar/local-days';
import { CHANNEL_TYPE_LABELS, statusLabel } from './feed-labels';

const collator = new Intl.Collator('vi');

/**
 * One all-day event per local day and channel type, counting the publications of that day (by state)
 * instead of listing them: a province's feed stays the same size whether its communes post ten times a
 * day or once. `scope` names whose publications these are ("Các đơn vị cấp dưới") and keys the UIDs,
 * so the same day and channel keeps its UID from one download to the next.
 */
export function publicationDayItems(
  rows: PublicationDay[],
  scope: { key: string; label: string; agency: CalendarItem['agency'] },
): CalendarItem[] {
  const groups = new Map<string, PublicationDay[]>();
  for (const row of rows) {
    const key = `${row.day}:${row.channelType}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const items: CalendarItem[] = [];
  for (const [key, group] of groups) {
    const { day, channelType } = group[0];
    const total = group.reduce((sum, r) => sum + r.count, 0);
    const last = group.reduce((max, r) => (r.lastModified > max ? r.lastModified : max), group[0].lastModified);
    const states = group
      .map((r) => ({ label: statusLabel(r.state), count: r.count }))
      .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
    const channel = CHANNEL_TYPE_LABELS[channelType] ?? channelType;
    items.push({
      uid: `summary:${scope.key}:${key}`,
      kind: 'publication',
      title: `${scope.label}: ${total} bài trên ${channel}`,
      description: states.map((s) => `${s.label}: ${s.count}`).join('\n'),
      start: day,
      end: addLocalDays(day, 1),
      allDay: true,
      status: group.every((r) => r.state === 'cancelled') ? 'cancelled' : 'scheduled',
      agency: scope.agency,
      links: {},
      categories: ['publication', channelType, 'summary'],
      lastModified: last.toISOString(),
    });
  }
  return items;
}
