import { DataSource } from 'typeorm';

export interface Counts {
  total: number;
  published: number;
  failed: number;
  unknown: number;
  pending: number;
  stories: number;
  byChannel: Record<string, number>;
  byFormat: Record<string, number>;
}

const CHANNELS = ['portal', 'facebook', 'zalo', 'loudspeaker'];
const FORMATS = ['news', 'article', 'feature', 'video', 'infographic', 'broadcast'];

/**
 * What a report over [from, to] must count for an agency, computed straight from the publications
 * table and independently of the reporting code: every publication of a story written by the agency
 * or an agency below it, whose slot falls in the local days of the period (UTC+7), except cancelled
 * ones and those for a task of a plan the report is not about. Keyed by task id ('' = no task).
 */
export async function expectedCounts(db: DataSource, agencyId: string, planIds: string[], from: string, to: string) {
  const rows: Array<{
    task: string | null;
    channel: string;
    format: string;
    state: string;
    n: number;
    stories: string[];
    ids: string[];
  }> = await db.query(
    `WITH RECURSIVE scope AS (
       SELECT id FROM agencies WHERE id = $1
       UNION ALL SELECT a.id FROM agencies a JOIN scope ON a.parent_id = scope.id
     )
     SELECT s.plan_task_id AS task, ca.type AS channel, s.format, pub.state, count(*)::int AS n,
            array_agg(DISTINCT s.id::text) AS stories, array_agg(pub.id::text) AS ids
       FROM publications pub
       JOIN variants v ON v.id = pub.variant_id
       JOIN stories s ON s.id = v.story_id
       JOIN channel_accounts ca ON ca.id = pub.channel_account_id
       LEFT JOIN plan_tasks t ON t.id = s.plan_task_id
      WHERE s.agency_id IN (SELECT id FROM scope)
        AND pub.occurrence_at >= ($3::date::timestamp AT TIME ZONE 'UTC') - interval '7 hours'
        AND pub.occurrence_at < (($4::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '7 hours'
        AND pub.state <> 'cancelled'
        AND (s.plan_task_id IS NULL OR t.plan_id = ANY($2::uuid[]))
      GROUP BY 1, 2, 3, 4`,
    [agencyId, planIds, from, to],
  );
  const byTask = new Map<string, Counts & { storySet: Set<string> }>();
  const ids = new Set<string>();
  const blank = () => ({
    total: 0,
    published: 0,
    failed: 0,
    unknown: 0,
    pending: 0,
    stories: 0,
    byChannel: Object.fromEntries(CHANNELS.map((c) => [c, 0])),
    byFormat: Object.fromEntries(FORMATS.map((f) => [f, 0])),
    storySet: new Set<string>(),
  });
  const all = blank();
  for (const r of rows) {
    r.ids.forEach((id) => ids.add(id));
    for (const c of [byTask.get(r.task ?? '') ?? byTask.set(r.task ?? '', blank()).get(r.task ?? '')!, all]) {
      c.total += r.n;
      if (r.state === 'published') {
        c.published += r.n;
        c.byChannel[r.channel] += r.n;
        c.byFormat[r.format] += r.n;
        r.stories.forEach((s) => c.storySet.add(s));
      } else if (r.state === 'failed') c.failed += r.n;
      else if (r.state === 'unknown') c.unknown += r.n;
      else c.pending += r.n;
    }
  }
  const finish = ({ storySet, ...c }: Counts & { storySet: Set<string> }): Counts => ({ ...c, stories: storySet.size });
  return {
    task: (id: string | null) => finish(byTask.get(id ?? '') ?? blank()),
    totals: finish(all),
    ids,
  };
}

export function addCounts(parts: Counts[]): Counts {
  const sum: Counts = {
    total: 0,
    published: 0,
    failed: 0,
    unknown: 0,
    pending: 0,
    stories: 0,
    byChannel: Object.fromEntries(CHANNELS.map((c) => [c, 0])),
    byFormat: Object.fromEntries(FORMATS.map((f) => [f, 0])),
  };
  for (const p of parts) {
    for (const k of ['total', 'published', 'failed', 'unknown', 'pending', 'stories'] as const) sum[k] += p[k];
    for (const c of CHANNELS) sum.byChannel[c] += p.byChannel[c];
    for (const f of FORMATS) sum.byFormat[f] += p.byFormat[f];
  }
  return sum;
}
