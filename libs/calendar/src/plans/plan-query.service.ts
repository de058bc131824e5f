import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@nhip/core';
import type { SqlRow } from '@nhip/database';

export interface PlanSummary {
  id: string;
  code: string;
  title: string;
  number: string | null;
  documentType: string;
  issued: string | null;
  issuingAgencyId: string;
  periodStart: string;
  periodEnd: string;
  tasks: number;
}

export interface PlanDetail extends Omit<PlanSummary, 'tasks'> {
  source: string | null;
  targets: unknown[];
  reportDeadlines: unknown[];
  tasks: Array<{
    id: string;
    number: string;
    name: string;
    details: string | null;
    deliverable: string | null;
    due: { phrase: string | null; spec: unknown; flagged: boolean };
    leadAgencyId: string | null;
    leadText: string | null;
    coordinatorsText: string | null;
    agencies: Array<{ agencyId: string; role: 'co_lead' | 'coordinator' }>;
  }>;
  /** The plan's peaks (national days and its own windows), for a story to serve. */
  peaks: Array<{ id: string; key: string; name: string; startsOn: string; endsOn: string }>;
}

/** Reading imported plans: the list an agency can see, and one plan with its tasks. */
@Injectable()
export class PlanQueryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async listVisible(agencyIds: string[]): Promise<PlanSummary[]> {
    const rows = await this.db.query(
      `SELECT p.id, p.code, p.title, p.number, p.document_type, p.issued, p.issuing_agency_id,
              to_char(p.period_start, 'YYYY-MM-DD') AS period_start, to_char(p.period_end, 'YYYY-MM-DD') AS period_end,
              (SELECT count(*)::int FROM plan_tasks t WHERE t.plan_id = p.id) AS tasks
         FROM plans p
        WHERE p.issuing_agency_id = ANY($1)
           OR EXISTS (SELECT 1 FROM plan_tasks t WHERE t.plan_id = p.id AND t.lead_agency_id = ANY($1))
           OR EXISTS (SELECT 1 FROM plan_tasks t JOIN plan_task_coordinators c ON c.plan_task_id = t.id WHERE t.plan_id = p.id AND c.agency_id = ANY($1))
        ORDER BY p.period_start DESC, p.code`,
      [agencyIds],
    );
    return rows.map(mapSummary);
  }

  async get(planId: string): Promise<PlanDetail> {
    const [plan] = await this.db.query(
      `SELECT p.*, to_char(p.period_start, 'YYYY-MM-DD') AS period_start, to_char(p.period_end, 'YYYY-MM-DD') AS period_end,
              (SELECT count(*)::int FROM plan_tasks t WHERE t.plan_id = p.id) AS tasks
         FROM plans p WHERE p.id = $1`,
      [planId],
    );
    if (!plan) throw DomainError.notFound('PLAN_NOT_FOUND', 'Không tìm thấy kế hoạch.');
    const tasks = await this.db.query(
      `SELECT t.id, t.number, t.name, t.details, t.deliverable, t.due_phrase, t.due_spec, t.due_flagged, t.lead_agency_id, t.lead_text, t.coordinators_text,
              coalesce((SELECT json_agg(json_build_object('agencyId', c.agency_id, 'role', c.role)) FROM plan_task_coordinators c WHERE c.plan_task_id = t.id), '[]') AS agencies
         FROM plan_tasks t WHERE t.plan_id = $1 ORDER BY t.position`,
      [planId],
    );
    const peaks: SqlRow[] = await this.db.query(
      `SELECT id, key, name, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
         FROM peaks WHERE plan_id = $1 ORDER BY starts_on, key`,
      [planId],
    );
    return {
      ...mapSummary(plan),
      peaks: peaks.map((k) => ({ id: k.id, key: k.key, name: k.name, startsOn: k.starts_on, endsOn: k.ends_on })),
      source: plan.source,
      targets: plan.targets,
      reportDeadlines: plan.report_deadlines,
      tasks: tasks.map((t: SqlRow) => ({
        id: t.id,
        number: t.number,
        name: t.name,
        details: t.details,
        deliverable: t.deliverable,
        due: { phrase: t.due_phrase, spec: t.due_spec, flagged: t.due_flagged },
        leadAgencyId: t.lead_agency_id,
        leadText: t.lead_text,
        coordinatorsText: t.coordinators_text,
        agencies: t.agencies,
      })),
    };
  }

  /** The agency a plan belongs to, for access checks. */
  async issuingAgency(planId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT issuing_agency_id FROM plans WHERE id = $1`, [planId]);
    if (!row) throw DomainError.notFound('PLAN_NOT_FOUND', 'Không tìm thấy kế hoạch.');
    return row.issuing_agency_id;
  }
}

function mapSummary(p: Record<string, unknown>): PlanSummary {
  return {
    id: p.id as string,
    code: p.code as string,
    title: p.title as string,
    number: p.number as string | null,
    documentType: p.document_type as string,
    issued: p.issued as string | null,
    issuingAgencyId: p.issuing_agency_id as string,
    periodStart: p.period_start as string,
    periodEnd: p.period_end as string,
    tasks: p.tasks as number,
  };
}
