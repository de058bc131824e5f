import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addLocalDays, startOfLocalDay } from '@nhip/calendar';
import { DomainError } from '@nhip/core';
import type { ChannelType, SqlRow } from '@nhip/database';
import type { ReportTaskInput } from './report-assembly';
import type { ReportPublication } from './report.types';

export interface AgencyRow {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: string | null;
  /** Its own "Nơi nhận" for every report (only loaded for the reporting agency's path). */
  reportRecipients?: string[];
}

export interface PlanRow {
  id: string;
  code: string;
  number: string | null;
  title: string;
  documentType: string;
  issued: string | null;
  issuingAgency: { id: string; name: string };
  periodStart: string;
  periodEnd: string;
  targets: Array<Record<string, unknown>>;
  reportDeadlines: Array<{ key: string; name: string; submitters: string[]; recipient: string | null }>;
}

export interface PlanPeakRow {
  id: string;
  planId: string;
  key: string;
  name: string;
  startsOn: string;
  endsOn: string;
  leadUpDays: number;
  cadence: Partial<Record<ChannelType, number>>;
}

export interface FailureDetail {
  publicationId: string;
  attempts: number;
  errorCode: string | null;
  reason: string | null;
}

/** A plan is in an agency's reach when the agency issued it or leads or coordinates one of its tasks. */
const PLANS_OF = `
  SELECT p2.id FROM plans p2 WHERE p2.issuing_agency_id = ANY($1)
  UNION SELECT t2.plan_id FROM plan_tasks t2 WHERE t2.lead_agency_id = ANY($1)
  UNION SELECT t3.plan_id FROM plan_tasks t3 JOIN plan_task_coordinators c3 ON c3.plan_task_id = t3.id WHERE c3.agency_id = ANY($1)`;

/** Every read a report needs, in SQL; the report builder assembles the rows. */
@Injectable()
export class ReportDataRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The agency first, then each agency above it. */
  async agencyPath(agencyId: string): Promise<AgencyRow[]> {
    const rows = await this.db.query(
      `WITH RECURSIVE up AS (
         SELECT id, code, name, short_name, kind, parent_id, report_recipients, 0 AS depth FROM agencies WHERE id = $1
         UNION ALL
         SELECT a.id, a.code, a.name, a.short_name, a.kind, a.parent_id, a.report_recipients, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 16
       )
       SELECT id, code, name, short_name, kind, parent_id, report_recipients FROM up ORDER BY depth`,
      [agencyId],
    );
    return rows.map(mapAgency);
  }

  /** Every agency below `agencyId` with the direct child it descends from (its unit in the roll-up). */
  async descendants(agencyId: string): Promise<Array<AgencyRow & { unitId: string }>> {
    const rows = await this.db.query(
      `WITH RECURSIVE below AS (
         SELECT id, id AS unit_id, 1 AS depth FROM agencies WHERE parent_id = $1
         UNION ALL
         SELECT a.id, below.unit_id, below.depth + 1 FROM agencies a JOIN below ON a.parent_id = below.id WHERE below.depth < 16
       )
       SELECT a.id, a.code, a.name, a.short_name, a.kind, a.parent_id, below.unit_id FROM below JOIN agencies a ON a.id = below.id`,
      [agencyId],
    );
    return rows.map((r: Record<string, unknown>) => ({ ...mapAgency(r), unitId: r.unit_id as string }));
  }

  /** Plans in the agencies' reach whose period meets [from, to], or just `planId` when it is in reach. */
  async plans(agencyIds: string[], range: { from: string; to: string }, planId?: string): Promise<PlanRow[]> {
    const params: unknown[] = [agencyIds];
    const where = planId
      ? `p.id = $${params.push(planId)}`
      : `coalesce(p.period_start, '-infinity') <= $${params.push(range.to)} AND coalesce(p.period_end, 'infinity') >= $${params.push(range.from)}`;
    const rows = await this.db.query(
      `SELECT p.id, p.code, p.number, p.title, p.document_type, p.issued, p.targets, p.report_deadlines,
              to_char(p.period_start, 'YYYY-MM-DD') AS period_start, to_char(p.period_end, 'YYYY-MM-DD') AS period_end,
              a.id AS a_id, a.name AS a_name
         FROM plans p JOIN agencies a ON a.id = p.issuing_agency_id
        WHERE p.id IN (${PLANS_OF}) AND ${where}
        ORDER BY p.period_start NULLS FIRST, p.code`,
      params,
    );
    return rows.map((r: SqlRow) => ({
      id: r.id,
      code: r.code,
      number: r.number,
      title: r.title,
      documentType: r.document_type,
      issued: r.issued,
      issuingAgency: { id: r.a_id, name: r.a_name },
      periodStart: r.period_start,
      periodEnd: r.period_end,
      targets: r.targets ?? [],
      reportDeadlines: r.report_deadlines ?? [],
    }));
  }

  /** Plans issued by these agencies (a roll-up counts its subordinates' work on their own plans). */
  async plansIssuedBy(agencyIds: string[]): Promise<string[]> {
    const rows = await this.db.query(`SELECT id FROM plans WHERE issuing_agency_id = ANY($1)`, [agencyIds]);
    return rows.map((r: SqlRow) => r.id as string);
  }

  async planExists(planId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM plans WHERE id = $1`, [planId])).length > 0;
  }

  /** A report or a target value may concern a plan only when it exists and is in the agency's reach. */
  async assertPlanInReach(agencyId: string, planId: string): Promise<void> {
    if (await this.planInReach(agencyId, planId)) return;
    if (!(await this.planExists(planId))) throw DomainError.notFound('PLAN_NOT_FOUND', 'Không tìm thấy kế hoạch.');
    throw DomainError.invalid(
      'REPORT_PLAN_NOT_RELATED',
      'Kế hoạch này không do cơ quan (hoặc đơn vị trực thuộc) ban hành hay chủ trì, phối hợp nhiệm vụ nào.',
      { plan: planId },
    );
  }

  /** Whether the plan was issued by, or gives a task to, the agency or an agency below it. */
  async planInReach(agencyId: string, planId: string): Promise<boolean> {
    const rows = await this.db.query(
      `WITH RECURSIVE below AS (
         SELECT id, 0 AS depth FROM agencies WHERE id = $2
         UNION ALL SELECT a.id, below.depth + 1 FROM agencies a JOIN below ON a.parent_id = below.id WHERE below.depth < 16
       )
       SELECT 1 FROM plans p WHERE p.id = $1 AND p.id IN (${PLANS_OF.replace(/ANY\(\$1\)/g, 'ANY(ARRAY(SELECT id FROM below))')})`,
      [planId, agencyId],
    );
    return rows.length > 0;
  }

  async tasks(planIds: string[]): Promise<ReportTaskInput[]> {
    if (planIds.length === 0) return [];
    const rows = await this.db.query(
      `SELECT t.id, t.plan_id, t.number, t.name, coalesce(t.lead_text, a.name) AS lead, t.lead_agency_id
         FROM plan_tasks t LEFT JOIN agencies a ON a.id = t.lead_agency_id
        WHERE t.plan_id = ANY($1) ORDER BY t.plan_id, t.position, t.number`,
      [planIds],
    );
    return rows.map((r: SqlRow) => ({
      id: r.id,
      planId: r.plan_id,
      number: r.number,
      name: r.name,
      lead: r.lead,
      leadAgencyId: r.lead_agency_id,
    }));
  }

  /**
   * Publications of stories written by `agencyIds` whose slot falls in the local days [from, to], except
   * cancelled ones. `unitOf` maps a story's agency to its unit in the roll-up.
   */
  async publications(
    agencyIds: string[],
    range: { from: string; to: string },
    unitOf: (agencyId: string) => string,
  ): Promise<{ rows: ReportPublication[]; failures: Map<string, FailureDetail> }> {
    const raw: Array<SqlRow> = await this.db.query(
      `SELECT pub.id, pub.state, pub.occurrence_at, pub.published_at, pub.external_url, pub.attempt_count, pub.last_error,
              ca.type AS channel_type, ca.name AS account_name,
              s.id AS story_id, s.title, s.format, s.agency_id, ag.name AS agency_name,
              s.plan_task_id, t.plan_id AS task_plan_id, t.number AS task_number, pk.key AS peak_key,
              last.error_code, last.error_message
         FROM publications pub
         JOIN variants v ON v.id = pub.variant_id
         JOIN stories s ON s.id = v.story_id
         JOIN agencies ag ON ag.id = s.agency_id
         JOIN channel_accounts ca ON ca.id = pub.channel_account_id
         LEFT JOIN plan_tasks t ON t.id = s.plan_task_id
         LEFT JOIN peaks pk ON pk.id = s.peak_id
         LEFT JOIN LATERAL (
           SELECT pa.error_code, pa.error_message FROM publication_attempts pa WHERE pa.publication_id = pub.id ORDER BY pa.number DESC LIMIT 1
         ) last ON pub.state IN ('failed', 'unknown')
        WHERE s.agency_id = ANY($1) AND pub.occurrence_at >= $2 AND pub.occurrence_at < $3 AND pub.state NOT IN ('cancelled', 'rehearsed')
        ORDER BY pub.occurrence_at, pub.id`,
      [agencyIds, startOfLocalDay(range.from), startOfLocalDay(addLocalDays(range.to, 1))],
    );
    const failures = new Map<string, FailureDetail>();
    const rows = raw.map((r): ReportPublication => {
      if (r.state === 'failed' || r.state === 'unknown') {
        const last = (r.last_error ?? {}) as { code?: unknown; message?: unknown };
        failures.set(r.id, {
          publicationId: r.id,
          attempts: r.attempt_count,
          errorCode: r.error_code ?? (typeof last.code === 'string' ? last.code : null),
          reason: r.error_message ?? (typeof last.message === 'string' ? last.message : null),
        });
      }
      return {
        id: r.id,
        storyId: r.story_id,
        title: r.title,
        format: r.format,
        agency: { id: r.agency_id, name: r.agency_name },
        unitId: unitOf(r.agency_id),
        planId: r.task_plan_id ?? null,
        taskId: r.plan_task_id ?? null,
        taskNumber: r.task_number ?? null,
        peakKey: r.peak_key ?? null,
        channelType: r.channel_type,
        channelAccount: r.account_name,
        state: r.state,
        occurrenceAt: (r.occurrence_at as Date).toISOString(),
        publishedAt: r.published_at ? (r.published_at as Date).toISOString() : null,
        url: r.external_url ?? null,
      };
    });
    return { rows, failures };
  }

  /** The plans' own peaks (not the national days, which the calendar knows) that meet [from, to] with their lead-up. */
  async planPeaks(
    planIds: string[],
    range: { from: string; to: string },
    nationalKeys: string[],
  ): Promise<PlanPeakRow[]> {
    if (planIds.length === 0) return [];
    const rows = await this.db.query(
      `SELECT id, plan_id, key, name, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, lead_up_days, cadence_targets
         FROM peaks
        WHERE plan_id = ANY($1) AND NOT (key = ANY($2)) AND (starts_on - lead_up_days) <= $3::date AND ends_on >= $4::date
        ORDER BY starts_on, key`,
      [planIds, nationalKeys, range.to, range.from],
    );
    return rows.map((r: SqlRow) => ({
      id: r.id,
      planId: r.plan_id,
      key: r.key,
      name: r.name,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      leadUpDays: r.lead_up_days,
      cadence: r.cadence_targets ?? {},
    }));
  }

  /** Channel accounts of the agencies that count towards a cadence (as the calendar's gap view counts them). */
  async cadenceAccounts(
    agencyIds: string[],
  ): Promise<Array<{ agencyId: string; agencyName: string; type: ChannelType }>> {
    const rows = await this.db.query(
      `SELECT DISTINCT a.id AS agency_id, a.name, ca.type
         FROM channel_accounts ca JOIN agencies a ON a.id = ca.agency_id
        WHERE ca.agency_id = ANY($1) AND ca.status <> 'needs_reconnection'
        ORDER BY a.name, ca.type`,
      [agencyIds],
    );
    return rows.map((r: SqlRow) => ({ agencyId: r.agency_id, agencyName: r.name, type: r.type }));
  }

  /** Publications per channel account agency, type and local day that still count towards a cadence. */
  async cadenceCounts(agencyIds: string[], range: { from: string; to: string }): Promise<Map<string, number>> {
    const rows = await this.db.query(
      `SELECT ca.agency_id, ca.type, to_char((pub.occurrence_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day, count(*)::int AS n
         FROM publications pub JOIN channel_accounts ca ON ca.id = pub.channel_account_id
        WHERE ca.agency_id = ANY($1) AND pub.state IN ('scheduled', 'publishing', 'published', 'unknown')
          AND pub.occurrence_at >= $2 AND pub.occurrence_at < $3
        GROUP BY 1, 2, 3`,
      [agencyIds, startOfLocalDay(range.from), startOfLocalDay(addLocalDays(range.to, 1))],
    );
    return new Map(rows.map((r: SqlRow) => [`${r.agency_id}|${r.type}|${r.day}`, r.n as number]));
  }

  async userName(userId: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT display_name FROM users WHERE id = $1`, [userId]);
    return row?.display_name ?? null;
  }

  async agencyNamesByCode(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db.query(`SELECT code, name FROM agencies WHERE code = ANY($1)`, [codes]);
    return new Map(rows.map((r: { code: string; name: string }) => [r.code, r.name]));
  }
}

function mapAgency(r: SqlRow): AgencyRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.short_name ?? null,
    kind: r.kind,
    parentId: r.parent_id ?? null,
    ...(r.report_recipients ? { reportRecipients: r.report_recipients as string[] } : {}),
  };
}
