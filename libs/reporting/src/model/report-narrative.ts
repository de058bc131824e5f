import { addLocalDays, nationalPeakOccurrences } from '@nhip/calendar';
import { CHANNEL_TYPES, ChannelType } from '@nhip/database';
import { vietnameseQuotes } from './report-document';
import type { ReportNarrative, ReportSnapshot } from './report.types';
import { formatDay, formatNumber } from './vietnamese-format';

/** The longest text one part of a report takes: some ten pages. */
export const NARRATIVE_MAX_LENGTH = 20_000;

/** Channel names as a sentence says them. */
const CHANNELS_IN_PROSE: Record<ChannelType, string> = {
  portal: 'cổng/trang thông tin điện tử',
  facebook: 'Facebook',
  zalo: 'Zalo OA',
  loudspeaker: 'truyền thanh cơ sở',
};

/** "Plan 662" without "của Ủy ban nhân dân …", for sentences that already say whose it is. */
const shortReference = (reference: string) => reference.replace(/ của .*$/, '');

/**
 * The draft's text as Nhịp can pre-fill it from the data, for the officer to edit: what was published
 * under each task, the shortcomings measured against what the plans set (tasks with nothing published,
 * targets not met), and next period's tasks from the plans with the national peaks ahead. Causes and
 * proposals are for people to write; they start empty.
 */
export function draftNarrative(report: ReportSnapshot): ReportNarrative {
  const taskResults: Record<string, string> = {};
  for (const plan of report.plans)
    for (const task of plan.tasks) {
      if (!task.taskId || task.counts.published === 0) continue;
      const channels = CHANNEL_TYPES.filter((c) => task.counts.byChannel[c] > 0)
        .map((c) => `${CHANNELS_IN_PROSE[c]} ${formatNumber(task.counts.byChannel[c])}`)
        .join(', ');
      taskResults[task.taskId] =
        `Đã đăng, phát ${formatNumber(task.counts.published)} lượt tin, bài về ${formatNumber(task.counts.stories)} nội dung (${channels}).`;
    }

  const shortcomings: string[] = [];
  for (const plan of report.plans) {
    const idle = plan.tasks.filter((t) => t.counts.published === 0).map((t) => t.number);
    if (idle.length)
      shortcomings.push(
        `- Nhiệm vụ ${idle.join(', ')} của ${shortReference(plan.reference)} chưa có tin, bài được đăng, phát trong kỳ.`,
      );
  }
  const notMet = report.targets.filter((t) => t.planId !== null && t.status === 'not_met');
  if (notMet.length)
    shortcomings.push(`- Chưa đạt chỉ tiêu: ${notMet.map((t) => t.description.replace(/\.$/, '')).join('; ')}.`);

  const from = addLocalDays(report.period.to, 1);
  const until = addLocalDays(report.period.to, 184);
  const year = Number(from.slice(0, 4));
  const peaks = nationalPeakOccurrences(year, year + 1).filter((p) => p.date >= from && p.date <= until);
  const next: string[] = [];
  for (const plan of report.plans) {
    if (report.plans.length > 1) next.push(`- Thực hiện ${shortReference(plan.reference)}:`);
    for (const t of plan.tasks) next.push(`- ${vietnameseQuotes(t.name)}${/[.;:]$/.test(t.name) ? '' : '.'}`);
  }
  if (peaks.length)
    next.push(
      `- Tổ chức truyền thông các đợt cao điểm: ${peaks.map((p) => `${p.name} (${formatDay(p.date)})`).join('; ')}.`,
    );
  if (next.length === 0) next.push('- Tiếp tục thực hiện công tác truyền thông theo kế hoạch.');

  return { taskResults, shortcomings: shortcomings.join('\n'), causes: '', nextTasks: next.join('\n'), proposals: '' };
}

/** The report's text: as edited, or (for a report generated before drafts could be edited) as pre-filled. */
export function narrativeOf(report: ReportSnapshot): ReportNarrative {
  return report.narrative ?? draftNarrative(report);
}

/** One change of a figure between two builds of a draft, as the officer reads it. */
export interface FigureChange {
  what: string;
  before: number | null;
  after: number | null;
}

/** What changed in the figures between two builds of the same report: totals, each task, each target. */
export function figureChanges(before: ReportSnapshot, after: ReportSnapshot): FigureChange[] {
  const changes: FigureChange[] = [];
  const compare = (what: string, a: number | null | undefined, b: number | null | undefined) => {
    if ((a ?? null) !== (b ?? null)) changes.push({ what, before: a ?? null, after: b ?? null });
  };
  compare('Tổng số lượt đăng, phát thành công', before.totals.published, after.totals.published);
  compare('Tổng số lượt tin, bài trong kỳ', before.totals.total, after.totals.total);
  const tasksOf = (r: ReportSnapshot) =>
    new Map(r.plans.flatMap((p) => p.tasks.map((t) => [`${p.id}:${t.taskId}`, { plan: p, task: t }] as const)));
  const was = tasksOf(before);
  for (const [key, { plan, task }] of tasksOf(after)) {
    const old = was.get(key);
    compare(
      `Nhiệm vụ ${task.number} (${shortReference(plan.reference)}): lượt đăng, phát thành công`,
      old?.task.counts.published ?? null,
      task.counts.published,
    );
  }
  compare('Tin, bài không gắn nhiệm vụ', before.untied.counts.published, after.untied.counts.published);
  const targetsBefore = new Map(before.targets.map((t) => [`${t.planId}:${t.key}`, t]));
  for (const t of after.targets) {
    if (t.planId === null) continue;
    compare(`Chỉ tiêu: ${t.description}`, targetsBefore.get(`${t.planId}:${t.key}`)?.value ?? null, t.value);
  }
  return changes;
}
