import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ChannelType } from '@nhip/database';
import type { CalendarItem, CalendarKind } from '../calendar-item';
import type { DayWindow, DueSpec } from '../due-phrase/due-phrase.types';
import { NATIONAL_PEAKS } from '../peaks/national-peaks';
import type { StoredReportDeadline } from '../plans/plan-import.service';
import { expandRecurrence } from '../recurrence/recurrence';
import { addLocalDays, localDayOf, startOfLocalDay } from './local-days';
import { CalendarEntriesError } from '../entries/calendar-entries.error';
import { DEFAULT_MAX_ENTRIES } from '../entries/expand-items';

export interface CalendarFilters {
  kinds?: CalendarKind[];
  channelTypes?: ChannelType[];
  campaignId?: string;
  planTaskId?: string;
  statuses?: string[];
}

export interface CalendarQuery {
  /** Agencies whose items are shown: already limited to what the caller may see. */
  agencyIds: string[];
  range: { from: Date; to: Date };
  filters?: CalendarFilters;
  /** Variants still in the editorial workflow too (the agency's own calendar, never a partner's feed). */
  workInProgress?: boolean;
  /**
   * At most this many publications: counted in SQL first, and more raise CALENDAR_TOO_MANY_ENTRIES
   * before any row is loaded. Default DEFAULT_MAX_ENTRIES.
   */
  maxPublications?: number;
}

export interface SummaryQuery {
  /** This agency on its own, and each of its direct subordinates with its subtree. */
  agencyId?: string;
  /** Without `agencyId`: the agencies the caller sees; the topmost of them become the units. */
  visible?: string[];
  range: { from: Date; to: Date };
  channelTypes?: ChannelType[];
}

export interface PublicationDay {
  /** Local day 'YYYY-MM-DD' (Asia/Ho_Chi_Minh). */
  day: string;
  channelType: ChannelType;
  state: string;
  count: number;
  lastModified: Date;
}

/** One agency's publications counted: days['2026-10-01'].facebook.published = 3. */
export interface CalendarSummaryUnit {
  agency: { id: string; code: string; name: string };
  /** True for the asked agency's own channel accounts; false for a subordinate with its subtree. */
  own: boolean;
  total: number;
  days: Record<string, Partial<Record<ChannelType, Record<string, number>>>>;
}

/** A publication takes a moment; a quarter of an hour keeps it visible in day and week views. */
const PUBLICATION_MINUTES = 15;
const TITLE_LIMIT = 120;
/** Dispatch takes seconds; a scheduled publication this far past its time is late, and people are told why. */
const OVERDUE_AFTER_MS = 5 * 60_000;

function overdueReason(r: {
  ca_status: string;
  ca_status_reason: string | null;
  next_attempt_at: Date | null;
  last_error: { message?: string } | null;
}): string {
  if (r.ca_status === 'needs_reconnection')
    return `Quá giờ đăng: tài khoản kênh cần kết nối lại${r.ca_status_reason ? ` (${r.ca_status_reason})` : ''}; bài sẽ đi khi kết nối lại.`;
  if (r.ca_status === 'paused') return 'Quá giờ đăng: tài khoản kênh đang tạm dừng; bài sẽ đi khi tiếp tục đăng.';
  if (r.last_error?.message && r.next_attempt_at)
    return `Quá giờ đăng: lượt trước bị lỗi (${r.last_error.message}); thử lại lúc ${vnDateTime(r.next_attempt_at)}.`;
  return 'Quá giờ đăng: bài chưa được gửi lên kênh.';
}
const vnDateTime = (d: Date) => {
  const local = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${local.slice(11, 16)} ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
};

const shorten = (text: string) => (text.length > TITLE_LIMIT ? `${text.slice(0, TITLE_LIMIT - 1).trimEnd()}…` : text);
const vnDayMonth = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
const untilOf = (day: string) => day.replace(/-/g, '');

/**
 * Builds the calendar's items — publications, plan tasks, peaks and report deadlines — for a set of
 * agencies. Recurring things stay series here; the API expands them, the feed keeps them as RRULEs.
 */
@Injectable()
export class CalendarService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async items(query: CalendarQuery): Promise<CalendarItem[]> {
    const filters = query.filters ?? {};
    const onlyPublications = Boolean(filters.channelTypes?.length || filters.campaignId);
    const wants = (kind: CalendarKind) =>
      (!filters.kinds?.length || filters.kinds.includes(kind)) &&
      (kind === 'publication' || kind === 'variant' || !onlyPublications);

    const none = Promise.resolve<CalendarItem[]>([]);
    const withPeaks = wants('peak') && !filters.planTaskId;
    // Independent queries, so they run together on the pool instead of one after another.
    const groups = await Promise.all([
      withPeaks ? this.nationalPeaks(query.range) : [],
      withPeaks ? this.planPeaks(query) : none,
      wants('task') ? this.tasks(query) : none,
      wants('report') && !filters.planTaskId ? this.reports(query) : none,
      wants('publication') ? this.publications(query) : none,
      query.workInProgress && wants('variant') ? this.workInProgress(query) : none,
    ]);
    const items = ([] as CalendarItem[]).concat(...groups);
    return filters.statuses?.length ? items.filter((i) => filters.statuses!.includes(i.status)) : items;
  }

  /**
   * Publications counted in SQL per unit × local day × channel type × state. With `agencyId` the units
   * are the agency itself (its own channel accounts) and each direct subordinate with everything below
   * it; without, the topmost agencies of `visible`, each with its subtree. A province's month is a few
   * thousand counts however many publications it holds.
   */
  async summary(query: SummaryQuery): Promise<CalendarSummaryUnit[]> {
    // First which agencies count towards which unit (a few thousand rows at most), so that the count
    // below filters accounts by a plain list the planner can estimate, and reads publications by index.
    const scope: Array<{ id: string; unit: string }> = await this.db.query(
      `WITH RECURSIVE roots AS (
         SELECT id FROM agencies WHERE $1::uuid IS NOT NULL AND parent_id = $1::uuid
         UNION ALL
         SELECT id FROM agencies
          WHERE $1::uuid IS NULL AND id = ANY($2::uuid[]) AND (parent_id IS NULL OR NOT parent_id = ANY($2::uuid[]))
       ), tree AS (
         SELECT id, id AS unit FROM roots
         UNION ALL SELECT a.id, t.unit FROM agencies a JOIN tree t ON a.parent_id = t.id
       )
       SELECT id, unit FROM tree UNION ALL SELECT id, id FROM agencies WHERE id = $1::uuid`,
      [query.agencyId ?? null, query.visible ?? []],
    );
    const ids = scope.map((r) => r.id);
    const params: unknown[] = [ids, scope.map((r) => r.unit), query.range.from, query.range.to];
    const channel = query.channelTypes?.length ? `AND ca.type = ANY($${params.push(query.channelTypes)})` : '';
    const rows: Array<{ unit: string; day: string; type: ChannelType; state: string; n: number }> = await this.db.query(
      `SELECT m.unit, to_char(pub.occurrence_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day,
              ca.type, pub.state, count(*)::int AS n
         FROM channel_accounts ca
         JOIN publications pub ON pub.channel_account_id = ca.id AND pub.occurrence_at >= $3 AND pub.occurrence_at < $4
         JOIN unnest($1::uuid[], $2::uuid[]) AS m(id, unit) ON m.id = ca.agency_id
        WHERE ca.agency_id = ANY($1::uuid[]) ${channel}
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 2, 3, 4`,
      params,
    );
    const unitIds = [...new Set(rows.map((r) => r.unit))];
    const agencies: Array<{ id: string; code: string; name: string }> = unitIds.length
      ? await this.db.query(`SELECT id, code, name FROM agencies WHERE id = ANY($1::uuid[])`, [unitIds])
      : [];
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const units = new Map<string, CalendarSummaryUnit>();
    for (const r of rows) {
      let unit = units.get(r.unit);
      if (!unit) {
        unit = { agency: byId.get(r.unit)!, own: r.unit === query.agencyId, total: 0, days: {} };
        units.set(r.unit, unit);
      }
      const day = (unit.days[r.day] ??= {});
      const states = (day[r.type] ??= {});
      states[r.state] = r.n;
      unit.total += r.n;
    }
    const list = [...units.values()];
    const collator = new Intl.Collator('vi');
    return list.sort((x, y) => Number(y.own) - Number(x.own) || collator.compare(x.agency.name, y.agency.name));
  }

  /**
   * The publications of `agencyIds` counted per local day × channel type × state, with the latest
   * change in each group: what a feed shows instead of thousands of events.
   */
  async publicationDays(query: {
    agencyIds: string[];
    range: { from: Date; to: Date };
    channelTypes?: ChannelType[];
  }): Promise<PublicationDay[]> {
    const params: unknown[] = [query.agencyIds, query.range.from, query.range.to];
    const channel = query.channelTypes?.length ? `AND ca.type = ANY($${params.push(query.channelTypes)})` : '';
    const rows: Array<{ day: string; type: ChannelType; state: string; n: number; last: Date }> = await this.db.query(
      `SELECT to_char(pub.occurrence_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, ca.type, pub.state,
              count(*)::int AS n, max(pub.updated_at) AS last
         FROM channel_accounts ca
         JOIN publications pub ON pub.channel_account_id = ca.id AND pub.occurrence_at >= $2 AND pub.occurrence_at < $3
        WHERE ca.agency_id = ANY($1) ${channel}
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      params,
    );
    return rows.map((r) => ({ day: r.day, channelType: r.type, state: r.state, count: r.n, lastModified: r.last }));
  }

  /** The three national days, every year, each as a yearly series covering its lead-up and the day. */
  private nationalPeaks(range: { from: Date }): CalendarItem[] {
    const year = Number(localDayOf(range.from).slice(0, 4));
    return NATIONAL_PEAKS.map((peak) => {
      const day = `${year}-${String(peak.month).padStart(2, '0')}-${String(peak.day).padStart(2, '0')}`;
      const start = addLocalDays(day, -peak.leadUpDays);
      return {
        uid: `peak:national:${peak.key}`,
        kind: 'peak' as const,
        title: `Cao điểm: ${peak.name} (${vnDayMonth(day)})`,
        description: `Đợt cao điểm ${peak.leadUpDays} ngày trước và trong ngày ${vnDayMonth(day)} hằng năm.`,
        start,
        end: addLocalDays(day, 1),
        allDay: true,
        rrule: `FREQ=YEARLY;BYMONTH=${Number(start.slice(5, 7))};BYMONTHDAY=${Number(start.slice(8, 10))}`,
        status: 'peak',
        agency: null,
        links: {},
        categories: ['peak', peak.key],
      };
    });
  }

  private async planPeaks(query: CalendarQuery): Promise<CalendarItem[]> {
    const rows: Array<{
      id: string;
      key: string;
      name: string;
      starts_on: string;
      ends_on: string;
      lead_up_days: number;
      plan_id: string;
      a_id: string;
      a_code: string;
      a_name: string;
    }> = await this.db.query(
      `SELECT k.id, k.key, k.name, to_char(k.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(k.ends_on, 'YYYY-MM-DD') AS ends_on, k.lead_up_days, k.plan_id,
                a.id AS a_id, a.code AS a_code, a.name AS a_name
           FROM peaks k JOIN plans p ON p.id = k.plan_id JOIN agencies a ON a.id = p.issuing_agency_id
          WHERE k.rrule IS NULL AND p.id IN (${VISIBLE_PLANS})`,
      [query.agencyIds],
    );
    return rows.map((r) => ({
      uid: `peak:${r.id}`,
      kind: 'peak' as const,
      title: `Cao điểm: ${r.name}`,
      start: addLocalDays(r.starts_on, -r.lead_up_days),
      end: addLocalDays(r.ends_on, 1),
      allDay: true,
      status: 'peak',
      agency: { id: r.a_id, code: r.a_code, name: r.a_name },
      links: { plan: `/api/v1/plans/${r.plan_id}` },
      categories: ['peak', r.key],
    }));
  }

  private async tasks(query: CalendarQuery): Promise<CalendarItem[]> {
    const params: unknown[] = [query.agencyIds];
    let extra = '';
    if (query.filters?.planTaskId) {
      params.push(query.filters.planTaskId);
      extra = ` AND t.id = $${params.length}`;
    }
    const rows: Array<{
      id: string;
      number: string;
      name: string;
      deliverable: string | null;
      due_phrase: string | null;
      due_spec: DueSpec | null;
      plan_id: string;
      plan_title: string;
      period_start: string;
      period_end: string;
      a_id: string | null;
      a_code: string | null;
      a_name: string | null;
    }> = await this.db.query(
      `SELECT t.id, t.number, t.name, t.deliverable, t.due_phrase, t.due_spec, p.id AS plan_id, p.title AS plan_title,
              to_char(p.period_start, 'YYYY-MM-DD') AS period_start, to_char(p.period_end, 'YYYY-MM-DD') AS period_end,
              a.id AS a_id, a.code AS a_code, a.name AS a_name
         FROM plan_tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN agencies a ON a.id = t.lead_agency_id
        WHERE (p.issuing_agency_id = ANY($1) OR t.lead_agency_id = ANY($1)
               OR EXISTS (SELECT 1 FROM plan_task_coordinators c WHERE c.plan_task_id = t.id AND c.agency_id = ANY($1)))${extra}
        ORDER BY p.code, t.position`,
      params,
    );
    return rows.flatMap((r) => {
      const base = {
        kind: 'task' as const,
        title: shorten(`Nhiệm vụ ${r.number}: ${r.name}`),
        description: [
          `Kế hoạch: ${r.plan_title}`,
          r.deliverable && `Sản phẩm: ${r.deliverable}`,
          r.due_phrase && `Thời gian: ${r.due_phrase}`,
        ]
          .filter(Boolean)
          .join('\n'),
        allDay: true,
        agency: r.a_id ? { id: r.a_id, code: r.a_code!, name: r.a_name! } : null,
        links: { plan: `/api/v1/plans/${r.plan_id}` },
        categories: ['task'],
      };
      return dueItems(r.due_spec, { start: r.period_start, end: r.period_end }).map(
        ({ ongoing, before: _before, ...due }, i, all) => ({
          ...base,
          ...due,
          uid: all.length > 1 ? `task:${r.id}:${i}` : `task:${r.id}`,
          status: ongoing ? 'ongoing' : 'due',
        }),
      );
    });
  }

  private async reports(query: CalendarQuery): Promise<CalendarItem[]> {
    const rows: Array<{
      id: string;
      title: string;
      report_deadlines: StoredReportDeadline[];
      period_start: string;
      period_end: string;
      a_id: string;
      a_code: string;
      a_name: string;
    }> = await this.db.query(
      `SELECT p.id, p.title, p.report_deadlines, to_char(p.period_start, 'YYYY-MM-DD') AS period_start, to_char(p.period_end, 'YYYY-MM-DD') AS period_end,
                a.id AS a_id, a.code AS a_code, a.name AS a_name
           FROM plans p JOIN agencies a ON a.id = p.issuing_agency_id
          WHERE p.id IN (${VISIBLE_PLANS})`,
      [query.agencyIds],
    );
    return rows.flatMap((r) =>
      r.report_deadlines.flatMap((report) =>
        dueItems(report.spec, { start: r.period_start, end: r.period_end })
          .filter((due) => !due.ongoing)
          .map((due, i, all) => ({
            uid: all.length > 1 ? `report:${r.id}:${report.key}:${i}` : `report:${r.id}:${report.key}`,
            kind: 'report' as const,
            title: shorten(`Hạn báo cáo: ${report.name}${due.before ? ` (trước ngày ${due.before})` : ''}`),
            description: [`Kế hoạch: ${r.title}`, report.due && `Thời hạn: ${report.due}`].filter(Boolean).join('\n'),
            start: due.start,
            end: due.end,
            allDay: true,
            ...(due.rrule ? { rrule: due.rrule } : {}),
            status: 'due',
            agency: { id: r.a_id, code: r.a_code, name: r.a_name },
            links: { plan: `/api/v1/plans/${r.id}` },
            categories: ['report'],
          })),
      ),
    );
  }

  private async publications(query: CalendarQuery): Promise<CalendarItem[]> {
    const f = query.filters ?? {};
    const params: unknown[] = [query.agencyIds, query.range.from, query.range.to];
    const where: string[] = [];
    if (f.channelTypes?.length) where.push(`ca.type = ANY($${params.push(f.channelTypes)})`);
    if (f.campaignId) where.push(`s.campaign_id = $${params.push(f.campaignId)}`);
    if (f.planTaskId) where.push(`s.plan_task_id = $${params.push(f.planTaskId)}`);
    if (f.statuses?.length) where.push(`pub.state = ANY($${params.push(f.statuses)})`);
    const filter = where.map((w) => `AND ${w}`).join(' ');
    const storyJoin =
      f.campaignId || f.planTaskId
        ? 'JOIN variants v ON v.id = pub.variant_id JOIN stories s ON s.id = v.story_id'
        : '';
    const max = query.maxPublications ?? DEFAULT_MAX_ENTRIES;
    // Count first, from the (account, time) index, so a range too large is refused before loading a row.
    const [{ n }]: Array<{ n: number }> = await this.db.query(
      `SELECT count(*)::int AS n
         FROM publications pub
         JOIN channel_accounts ca ON ca.id = pub.channel_account_id
         ${storyJoin}
        WHERE ca.agency_id = ANY($1) AND pub.occurrence_at >= $2 AND pub.occurrence_at < $3 ${filter}`,
      params,
    );
    if (n > max) throw tooManyPublications(n, max);
    const rows: Array<{
      id: string;
      occurrence_at: Date;
      state: string;
      external_url: string | null;
      version: number;
      updated_at: Date;
      title: string;
      story_id: string;
      variant_id: string;
      ca_id: string;
      ca_type: ChannelType;
      ca_name: string;
      a_id: string;
      a_code: string;
      a_name: string;
      ca_status: string;
      ca_status_reason: string | null;
      next_attempt_at: Date | null;
      last_error: { message?: string } | null;
    }> = await this.db.query(
      `SELECT pub.id, pub.occurrence_at, pub.state, pub.external_url, pub.version, pub.updated_at, s.title, s.id AS story_id, v.id AS variant_id,
                ca.id AS ca_id, ca.type AS ca_type, ca.name AS ca_name, a.id AS a_id, a.code AS a_code, a.name AS a_name,
                ca.status AS ca_status, ca.status_reason AS ca_status_reason, pub.next_attempt_at, pub.last_error
           FROM publications pub
           JOIN variants v ON v.id = pub.variant_id
           JOIN stories s ON s.id = v.story_id
           JOIN channel_accounts ca ON ca.id = pub.channel_account_id
           JOIN agencies a ON a.id = ca.agency_id
          WHERE ca.agency_id = ANY($1) AND pub.occurrence_at >= $2 AND pub.occurrence_at < $3
                ${filter}
          ORDER BY pub.occurrence_at
          LIMIT ${max}`,
      params,
    );
    const now = Date.now();
    return rows.map((r) => ({
      uid: `publication:${r.id}`,
      kind: 'publication' as const,
      title: shorten(r.title),
      start: r.occurrence_at.toISOString(),
      end: new Date(r.occurrence_at.getTime() + PUBLICATION_MINUTES * 60_000).toISOString(),
      allDay: false,
      status: r.state,
      agency: { id: r.a_id, code: r.a_code, name: r.a_name },
      channel: { type: r.ca_type, accountId: r.ca_id, name: r.ca_name },
      links: {
        ...(r.external_url ? { external: r.external_url } : {}),
        channelAccount: `/api/v1/channel-accounts/${r.ca_id}`,
        story: `/api/v1/stories/${r.story_id}`,
        variant: `/api/v1/variants/${r.variant_id}`,
      },
      categories: ['publication', r.ca_type],
      sequence: r.version - 1,
      lastModified: r.updated_at.toISOString(),
      ...(r.state === 'scheduled' && r.occurrence_at.getTime() < now - OVERDUE_AFTER_MS
        ? { overdue: overdueReason(r) }
        : {}),
    }));
  }

  /**
   * Variants not scheduled yet but with a time of their own: drafts, returned ones, those waiting for
   * approval (a dragged item among them) and approved ones whose time could not be used. A scheduled
   * variant shows through its publications instead.
   */
  private async workInProgress(query: CalendarQuery): Promise<CalendarItem[]> {
    const f = query.filters ?? {};
    const params: unknown[] = [query.agencyIds, query.range.from, query.range.to];
    const where: string[] = [];
    if (f.channelTypes?.length) where.push(`ca.type = ANY($${params.push(f.channelTypes)})`);
    if (f.campaignId) where.push(`s.campaign_id = $${params.push(f.campaignId)}`);
    if (f.planTaskId) where.push(`s.plan_task_id = $${params.push(f.planTaskId)}`);
    const rows: Array<{
      id: string;
      scheduled_at: Date;
      rrule: string | null;
      state: string;
      title: string;
      story_id: string;
      ca_id: string;
      ca_type: ChannelType;
      ca_name: string;
      a_id: string;
      a_code: string;
      a_name: string;
    }> = await this.db.query(
      `SELECT v.id, v.scheduled_at, v.rrule, v.state, s.title, s.id AS story_id,
                ca.id AS ca_id, ca.type AS ca_type, ca.name AS ca_name, a.id AS a_id, a.code AS a_code, a.name AS a_name
           FROM variants v
           JOIN stories s ON s.id = v.story_id
           JOIN channel_accounts ca ON ca.id = v.channel_account_id
           JOIN agencies a ON a.id = ca.agency_id
          WHERE ca.agency_id = ANY($1)
            AND v.state IN ('draft', 'changes_requested', 'submitted', 'approved')
            AND v.scheduled_at IS NOT NULL AND v.scheduled_at < $3 AND (v.rrule IS NOT NULL OR v.scheduled_at >= $2)
                ${where.map((w) => `AND ${w}`).join(' ')}
          ORDER BY v.scheduled_at`,
      params,
    );
    return rows.map((r) => ({
      uid: `variant:${r.id}`,
      kind: 'variant' as const,
      title: shorten(r.title),
      start: r.scheduled_at.toISOString(),
      end: new Date(r.scheduled_at.getTime() + PUBLICATION_MINUTES * 60_000).toISOString(),
      allDay: false,
      ...(r.rrule ? { rrule: r.rrule } : {}),
      status: r.state,
      agency: { id: r.a_id, code: r.a_code, name: r.a_name },
      channel: { type: r.ca_type, accountId: r.ca_id, name: r.ca_name },
      links: {
        channelAccount: `/api/v1/channel-accounts/${r.ca_id}`,
        story: `/api/v1/stories/${r.story_id}`,
        variant: `/api/v1/variants/${r.id}`,
      },
      categories: ['variant', r.ca_type],
    }));
  }
}

function tooManyPublications(count: number, maxEntries: number): CalendarEntriesError {
  return new CalendarEntriesError(
    'CALENDAR_TOO_MANY_ENTRIES',
    `Khoảng thời gian đã chọn có ${count} bài đăng, nhiều hơn ${maxEntries} mục lịch; hãy xem bảng tổng hợp (/api/v1/calendar/summary), thu hẹp khoảng thời gian, chọn một đơn vị cấp dưới hoặc thêm bộ lọc.`,
    { count, maxEntries },
  );
}

/** A plan is visible when it was issued by, or gives a task to, one of the agencies. */
const VISIBLE_PLANS = `
  SELECT p2.id FROM plans p2 WHERE p2.issuing_agency_id = ANY($1)
  UNION SELECT t2.plan_id FROM plan_tasks t2 WHERE t2.lead_agency_id = ANY($1)
  UNION SELECT t3.plan_id FROM plan_tasks t3 JOIN plan_task_coordinators c3 ON c3.plan_task_id = t3.id WHERE c3.agency_id = ANY($1)`;

interface DueItem {
  start: string;
  end: string;
  rrule?: string;
  ongoing?: boolean;
  /** "dd/MM" when the phrase says "before" that day. */
  before?: string;
}

/** Turns a parsed due phrase into calendar spans within the plan's period; unknown phrases yield nothing. */
export function dueItems(spec: DueSpec | null, period: DayWindow): DueItem[] {
  const span = (w: DayWindow, ongoing = false): DueItem => ({ start: w.start, end: addLocalDays(w.end, 1), ongoing });
  const day = (d: string, before?: boolean): DueItem => ({
    start: d,
    end: addLocalDays(d, 1),
    before: before ? vnDayMonth(d) : undefined,
  });
  if (!spec) return [span(period, true)];
  switch (spec.kind) {
    case 'ongoing':
      return [span(spec.within ?? period, true)];
    case 'date':
      return [day(spec.date, spec.before)];
    case 'dates':
      return spec.dates.map((d) => day(d, spec.before));
    case 'window':
      return [span(spec)];
    case 'windows':
      return spec.windows.map((w) => span(w));
    case 'yearly':
    case 'recurring': {
      const rrule = `${spec.rrule};UNTIL=${untilOf(period.end)}`;
      const [first] = expandRecurrence(
        { rrule, dtstart: period.start },
        {
          from: startOfLocalDay(period.start),
          to: startOfLocalDay(addLocalDays(period.end, 1)),
        },
        { maxCount: 1, overflow: 'truncate' },
      );
      if (!first) return [];
      const start = localDayOf(first);
      const before =
        spec.kind === 'recurring' && spec.before ? `${start.slice(8, 10)}/${start.slice(5, 7)}` : undefined;
      return [{ start, end: addLocalDays(start, 1), rrule, before: before && listBefore(spec.rrule, before) }];
    }
    case 'unknown':
      return [];
  }
}

/** "20/06 và 20/12" for a rule with several months, so the title says every deadline of the series. */
function listBefore(rrule: string, fallback: string): string {
  const months = /BYMONTH=([\d,]+)/.exec(rrule)?.[1].split(',');
  const day = /BYMONTHDAY=(\d+)/.exec(rrule)?.[1];
  if (!months || !day || months.length < 2) return fallback;
  return months.map((m) => `${day.padStart(2, '0')}/${m.padStart(2, '0')}`).join(' và ');
}
