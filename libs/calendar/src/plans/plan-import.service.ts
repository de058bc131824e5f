import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { DomainError } from '@nhip/core';
import { AgencyEntity, PeakEntity, PlanEntity, PlanTaskAgencyEntity, PlanTaskEntity } from '@nhip/database';
import { parseDuePhrase } from '../due-phrase/due-phrase.parser';
import type { DueSpec } from '../due-phrase/due-phrase.types';
import { findNationalPeak } from '../peaks/national-peaks';
import { parsePlanFile } from '../plan-file/plan-file.parser';
import type { PlanFile, PlanFileProblem } from '../plan-file/plan-file.types';

export interface PlanImportResult {
  planId: string;
  code: string;
  created: boolean;
  tasks: number;
  peaks: number;
  reports: number;
  /** Due phrases kept verbatim because they could not be read; never guessed. */
  flagged: Array<{ task: string; phrase: string; reason: string }>;
}

export interface ImportOptions {
  actorUserId?: string | null;
  /**
   * Called with the issuing agency before anything is written, and again with the stored plan's issuer
   * when the file names another one (the API checks the caller's role at each).
   */
  authorize?: (issuingAgencyId: string) => Promise<void>;
}

/** A plan's report deadline as stored on the plan: what the file said, and how it was read. */
export interface StoredReportDeadline {
  key: string;
  name: string;
  submitters: string[];
  recipient: string | null;
  due: string | null;
  spec: DueSpec;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Imports a plan file; importing the same plan code again updates it in place. */
@Injectable()
export class PlanImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async importText(text: string, options: ImportOptions = {}): Promise<PlanImportResult> {
    const parsed = parsePlanFile(text.normalize('NFC'));
    if (!parsed.ok) throw invalidFile(parsed.problems);
    return this.importPlan(parsed.plan, options);
  }

  async importPlan(plan: PlanFile, options: ImportOptions = {}): Promise<PlanImportResult> {
    const agencies = await this.resolveAgencies(plan);
    const issuerId = agencies.get(plan.issuer)!;
    await options.authorize?.(issuerId);

    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`nhip.plan.${plan.code}`]);
      const existing = await manager.findOne(PlanEntity, { where: { code: plan.code } });
      // The plan as stored belongs to its current issuer: re-importing it (even naming another issuer)
      // needs the same right there, or anyone could take another agency's plan over.
      if (existing?.issuingAgencyId && existing.issuingAgencyId !== issuerId) {
        await options.authorize?.(existing.issuingAgencyId);
      }
      const year = Number(plan.period.start.slice(0, 4));
      const reports: StoredReportDeadline[] = plan.reports.map((r) => ({
        key: r.key,
        name: r.name,
        submitters: r.submitters,
        recipient: r.recipient ?? null,
        due: r.due ?? null,
        spec: r.rrule ? { kind: 'recurring', rrule: r.rrule } : parseDuePhrase(r.due ?? '', { year }),
      }));
      const row = manager.create(PlanEntity, {
        ...(existing ?? {}),
        code: plan.code,
        title: plan.title,
        number: plan.number ?? null,
        documentType: plan.documentType,
        issued: plan.issued,
        issuedOn: plan.issued.length === 10 ? plan.issued : null,
        source: plan.source ?? null,
        issuingAgencyId: issuerId,
        periodStart: plan.period.start,
        periodEnd: plan.period.end,
        targets: plan.targets,
        reportDeadlines: reports,
      });
      const saved = await manager.save(PlanEntity, row);

      const flagged = await this.replaceTasks(manager, saved.id, plan, agencies, year);
      const peaks = await this.replacePeaks(manager, saved.id, plan);
      await this.audit.record(
        {
          action: existing ? 'plan.updated' : 'plan.imported',
          subjectType: 'plan',
          subjectId: saved.id,
          actorUserId: options.actorUserId ?? null,
          agencyId: issuerId,
          data: { code: plan.code, tasks: plan.tasks.length, flagged: flagged.length },
        },
        manager,
      );
      return {
        planId: saved.id,
        code: plan.code,
        created: !existing,
        tasks: plan.tasks.length,
        peaks,
        reports: reports.length,
        flagged,
      };
    });
  }

  /** Every agency code the plan names must exist; each unknown one is reported at its path. */
  private async resolveAgencies(plan: PlanFile): Promise<Map<string, string>> {
    const references: Array<[string, string]> = [['issuer', plan.issuer]];
    plan.tasks.forEach((t, i) => {
      references.push([`tasks[${i}].lead`, t.lead]);
      t.coLeads.forEach((c, j) => references.push([`tasks[${i}].coLeads[${j}]`, c]));
      t.coordinators.forEach((c, j) => references.push([`tasks[${i}].coordinators[${j}]`, c]));
    });
    plan.reports.forEach((r, i) => {
      r.submitters.forEach((s, j) => references.push([`reports[${i}].submitters[${j}]`, s]));
      if (r.recipient) references.push([`reports[${i}].recipient`, r.recipient]);
    });
    const codes = [...new Set(references.map(([, code]) => code))];
    const rows = await this.db
      .getRepository(AgencyEntity)
      .find({ where: { code: In(codes) }, select: { id: true, code: true } });
    const ids = new Map(rows.map((a) => [a.code, a.id]));
    const problems: PlanFileProblem[] = references
      .filter(([, code]) => !ids.has(code))
      .map(([path, code]) => ({ path, message: `Không có cơ quan mã "${code}" trong hệ thống.` }));
    if (problems.length) throw invalidFile(problems, 'PLAN_UNKNOWN_AGENCIES');
    return ids;
  }

  private async replaceTasks(
    manager: EntityManager,
    planId: string,
    plan: PlanFile,
    agencies: Map<string, string>,
    year: number,
  ) {
    const existing = await manager.find(PlanTaskEntity, { where: { planId } });
    const byNumber = new Map(existing.map((t) => [t.number, t]));
    const flagged: PlanImportResult['flagged'] = [];
    // Every task in one batch of statements, not three round trips per task: a plan is one transaction,
    // held as briefly as its size allows.
    const rows = plan.tasks.map((task, position) => {
      const spec = task.due ? parseDuePhrase(task.due, { year }) : null;
      if (spec?.kind === 'unknown') flagged.push({ task: task.number, phrase: spec.phrase, reason: spec.reason });
      return manager.create(PlanTaskEntity, {
        ...(byNumber.get(task.number) ?? {}),
        planId,
        number: task.number,
        name: task.name,
        details: task.details ?? null,
        leadAgencyId: agencies.get(task.lead)!,
        leadText: task.leadText ?? null,
        coordinatorsText: task.coordinatorsText ?? null,
        deliverable: task.deliverable ?? null,
        duePhrase: task.due ?? null,
        dueSpec: spec as Record<string, unknown> | null,
        dueFlagged: spec?.kind === 'unknown',
        position,
      });
    });
    const saved = await manager.save(PlanTaskEntity, rows, { chunk: 100 });
    const kept = new Set(saved.map((t) => t.id));
    if (saved.length) await manager.delete(PlanTaskAgencyEntity, { planTaskId: In([...kept]) });
    const links = plan.tasks.flatMap((task, i) => {
      const roles = new Map<string, 'co_lead' | 'coordinator'>();
      task.coordinators.forEach((c) => roles.set(agencies.get(c)!, 'coordinator'));
      task.coLeads.forEach((c) => roles.set(agencies.get(c)!, 'co_lead'));
      roles.delete(saved[i].leadAgencyId!);
      return [...roles].map(([agencyId, role]) => ({ planTaskId: saved[i].id, agencyId, role }));
    });
    for (let i = 0; i < links.length; i += 500) await manager.insert(PlanTaskAgencyEntity, links.slice(i, i + 500));
    const removed = existing.filter((t) => !kept.has(t.id)).map((t) => t.id);
    if (removed.length) await manager.delete(PlanTaskEntity, { id: In(removed) });
    return flagged;
  }

  /** Upserts by key so that stories linked to a peak keep their link across re-imports. */
  private async replacePeaks(manager: EntityManager, planId: string, plan: PlanFile): Promise<number> {
    const existing = await manager.find(PeakEntity, { where: { planId } });
    const byKey = new Map(existing.map((p) => [p.key, p]));
    const kept = new Set<string>();
    for (const peak of plan.peaks) {
      let values: Partial<PeakEntity>;
      if (peak.type === 'national') {
        const national = findNationalPeak(peak.key)!;
        const startYear = Number(plan.period.start.slice(0, 4));
        let day = `${startYear}-${pad(national.month)}-${pad(national.day)}`;
        if (day < plan.period.start) day = `${startYear + 1}-${pad(national.month)}-${pad(national.day)}`;
        values = {
          key: peak.key,
          name: national.name,
          kind: 'day',
          startsOn: day,
          endsOn: day,
          rrule: `FREQ=YEARLY;BYMONTH=${national.month};BYMONTHDAY=${national.day}`,
          leadUpDays: peak.leadUpDays ?? national.leadUpDays,
          cadenceTargets: (peak.cadence ?? national.cadence) as Record<string, number>,
        };
      } else {
        values = {
          key: peak.key,
          name: peak.name,
          kind: peak.start === peak.end ? 'day' : 'window',
          startsOn: peak.start,
          endsOn: peak.end,
          rrule: null,
          leadUpDays: peak.leadUpDays,
          cadenceTargets: peak.cadence as Record<string, number>,
        };
      }
      const saved = await manager.save(
        PeakEntity,
        manager.create(PeakEntity, { ...(byKey.get(peak.key) ?? {}), ...values, planId, agencyId: null }),
      );
      kept.add(saved.id);
    }
    const removed = existing.filter((p) => !kept.has(p.id)).map((p) => p.id);
    if (removed.length) await manager.delete(PeakEntity, { id: In(removed) });
    return plan.peaks.length;
  }
}

/** An error body lists at most this many problems; the message gives the full count. */
const MAX_LISTED_PROBLEMS = 50;

function invalidFile(problems: PlanFileProblem[], code = 'PLAN_FILE_INVALID') {
  const listed = problems.length > MAX_LISTED_PROBLEMS ? ` (liệt kê ${MAX_LISTED_PROBLEMS} lỗi đầu)` : '';
  const message =
    code === 'PLAN_UNKNOWN_AGENCIES'
      ? `Kế hoạch nhắc tới ${problems.length} mã cơ quan không có trong hệ thống${listed}.`
      : `Tệp kế hoạch có ${problems.length} lỗi; xem danh sách trong "details.problems"${listed}.`;
  return DomainError.invalid(code, message, {
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    ...(problems.length > MAX_LISTED_PROBLEMS ? { total: problems.length } : {}),
  });
}
