import { CHANNEL_TYPES, STORY_FORMATS } from '@nhip/database';
import type { ChannelType, StoryFormat } from '@nhip/database';
import type { PublicationCounts, ReportLink, ReportPublication, TaskRow } from './report.types';

/** A plan task as the report lists it. */
export interface ReportTaskInput {
  id: string;
  planId: string;
  number: string;
  name: string;
  lead: string | null;
  leadAgencyId?: string | null;
}

const UNTIED_TASK_LABEL = 'Tin, bài không gắn với nhiệm vụ của kế hoạch';

export function emptyCounts(): PublicationCounts {
  return {
    total: 0,
    published: 0,
    failed: 0,
    unknown: 0,
    pending: 0,
    stories: 0,
    byChannel: Object.fromEntries(CHANNEL_TYPES.map((c) => [c, 0])) as Record<ChannelType, number>,
    byFormat: Object.fromEntries(STORY_FORMATS.map((f) => [f, 0])) as Record<StoryFormat, number>,
  };
}

/** Counts publications; cancelled and rehearsed ones never reach a report. */
export function countPublications(rows: readonly ReportPublication[]): PublicationCounts {
  const counts = emptyCounts();
  const stories = new Set<string>();
  for (const row of rows) {
    counts.total += 1;
    switch (row.state) {
      case 'published':
        counts.published += 1;
        counts.byChannel[row.channelType] += 1;
        counts.byFormat[row.format] += 1;
        stories.add(row.storyId);
        break;
      case 'failed':
        counts.failed += 1;
        break;
      case 'unknown':
        counts.unknown += 1;
        break;
      default:
        counts.pending += 1;
    }
  }
  counts.stories = stories.size;
  return counts;
}

/** Adds counts field by field; `stories` adds too, which is right when the parts share no story. */
export function sumCounts(parts: readonly PublicationCounts[]): PublicationCounts {
  const sum = emptyCounts();
  for (const part of parts) {
    sum.total += part.total;
    sum.published += part.published;
    sum.failed += part.failed;
    sum.unknown += part.unknown;
    sum.pending += part.pending;
    sum.stories += part.stories;
    for (const c of CHANNEL_TYPES) sum.byChannel[c] += part.byChannel[c];
    for (const f of STORY_FORMATS) sum.byFormat[f] += part.byFormat[f];
  }
  return sum;
}

function linksOf(rows: readonly ReportPublication[]): ReportLink[] {
  return rows
    .filter((r) => r.state === 'published' && r.url)
    .map((r) => ({
      publicationId: r.id,
      title: r.title,
      channelType: r.channelType,
      format: r.format,
      publishedAt: r.publishedAt ?? r.occurrenceAt,
      url: r.url!,
    }))
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
}

/** One row per task (in plan order), whatever it produced; publications are matched by task id. */
export function taskRows(tasks: readonly ReportTaskInput[], rows: readonly ReportPublication[]): TaskRow[] {
  const byTask = groupBy(rows, (r) => r.taskId ?? '');
  return tasks.map((task) => {
    const own = byTask.get(task.id) ?? [];
    return {
      taskId: task.id,
      number: task.number,
      name: task.name,
      lead: task.lead,
      counts: countPublications(own),
      links: linksOf(own),
    };
  });
}

/** Publications tied to no task of the report's plans (a subordinate's own plan included). */
export function untiedRow(rows: readonly ReportPublication[], planIds: ReadonlySet<string>): TaskRow {
  const own = rows.filter((r) => r.taskId === null || (r.planId !== null && !planIds.has(r.planId)));
  return {
    taskId: null,
    number: '',
    name: UNTIED_TASK_LABEL,
    lead: null,
    counts: countPublications(own),
    links: linksOf(own),
  };
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The place in the date line: "Đăk Bla" from "Ủy ban nhân dân phường Đăk Bla". */
export function placeName(name: string): string {
  return name
    .replace(/^(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+/i, '')
    .replace(/^(tỉnh|thành phố|phường|xã|thị trấn|đặc khu|huyện|quận|thị xã)\s+/i, '')
    .trim();
}

/** How a person names a plan: its official number ("662/KH-UBND"), or its title when it has none. */
export function planLabel(plan: { number: string | null; title: string }): string {
  return plan.number ?? plan.title;
}
