import { Injectable } from '@nestjs/common';
import {
  addLocalDays,
  CalendarService,
  CadenceGap,
  eachLocalDay,
  expandCalendarItems,
  GapService,
  localDayOf,
  NATIONAL_PEAKS,
  nationalPeakOccurrences,
  startOfLocalDay,
} from '@nhip/calendar';
import { DomainError } from '@nhip/core';
import type { ChannelType } from '@nhip/database';
import {
  AUTOMATIC_METRICS,
  automaticIndicators,
  isAutomaticMetric,
  measure,
  StoredTarget,
  targetStatus,
} from '../targets/target-measures';
import { TargetValueService } from '../targets/target-value.service';
import { countPublications, emptyCounts, groupBy, ReportTaskInput, taskRows, untiedRow } from './report-assembly';
import {
  documentHeader,
  DocumentOptions,
  initials,
  isPartyBody,
  isPeoplesCommittee,
  vietnameseQuotes,
} from './report-document';
import { AgencyRow, FailureDetail, PlanRow, ReportDataRepository } from './report-data.repository';
import { periodCutOff, ReportPeriod } from './report-period';
import {
  REPORT_SCHEMA_VERSION,
  ReportFailure,
  ReportPeak,
  ReportPlan,
  ReportPublication,
  ReportSnapshot,
  ReportTarget,
  ReportUnit,
} from './report.types';
import { formatDay, formatInstant } from './vietnamese-format';

export interface BuildRequest {
  agencyId: string;
  /** Only this plan; otherwise every plan in the agency's reach whose period meets the report's. */
  planId?: string;
  period: ReportPeriod;
  id: string;
  number: string;
  generatedAt: Date;
  generatedBy: { id: string; name: string } | null;
  /** The signer, the drafting unit and further recipients chosen for this report. */
  document?: DocumentOptions;
}

const KIND_ORDER: Record<string, number> = { department: 0, commune: 1, ward: 1, other: 2, province: 3 };
const collator = new Intl.Collator('vi');
const DOCUMENT_TYPE_NAMES: Record<string, string> = { plan: 'Kế hoạch', decision: 'Quyết định', guide: 'Hướng dẫn' };
/** How far past the period a plan's next report deadline is looked for. */
const DEADLINE_HORIZON_DAYS = 90;

/** Computes a report's JSON from the data: nothing here writes. */
@Injectable()
export class ReportBuilder {
  constructor(
    private readonly data: ReportDataRepository,
    private readonly gapService: GapService,
    private readonly calendar: CalendarService,
    private readonly targetValues: TargetValueService,
  ) {}

  async build(request: BuildRequest): Promise<ReportSnapshot> {
    const { period } = request;
    const path = await this.data.agencyPath(request.agencyId);
    if (path.length === 0) throw DomainError.notFound('AGENCY_NOT_FOUND', 'Không tìm thấy cơ quan.');
    const agency = path[0];
    if (request.planId) await this.data.assertPlanInReach(agency.id, request.planId);

    // Only the issuing body's own line: a People's Committee's departments and communes, a Party
    // committee's boards; coordinators are nobody's units.
    const descendants = (await this.data.descendants(agency.id)).filter((d) => isPartyBody(d) === isPartyBody(agency));
    const unitOf = new Map<string, string>([
      [agency.id, agency.id],
      ...descendants.map((d) => [d.id, d.unitId] as [string, string]),
    ]);
    const agencyIds = [...unitOf.keys()];

    // The report answers the plans the agency itself issued or has tasks in; a subordinate's plan is
    // that subordinate's to report on (its work still counts in the roll-up).
    const plans = await this.data.plans([agency.id], period, request.planId);
    const planIds = new Set(plans.map((p) => p.id));
    const linePlans = new Set([...planIds, ...(await this.data.plansIssuedBy(agencyIds))]);
    const tasks = await this.data.tasks([...planIds]);
    const tasksByPlan = groupBy(tasks, (t) => t.planId);

    const { rows: all, failures: failureDetails } = await this.data.publications(
      agencyIds,
      period,
      (id) => unitOf.get(id) ?? agency.id,
    );
    // Publications for a task of a plan this report is not about belong to that plan's report.
    const rows = all.filter(
      (r) =>
        r.taskId === null ||
        (r.planId !== null && (planIds.has(r.planId) || (r.unitId !== agency.id && linePlans.has(r.planId)))),
    );

    const reportPlans = await this.plans(plans, tasksByPlan, rows, agencyIds, period);
    const totals = countPublications(rows);
    const units = this.units(agency, descendants, plans, tasksByPlan, rows, planIds);
    const peaks = await this.peaks([...planIds], agencyIds, rows, period);
    const counted = { totals, plans: reportPlans, peaks };
    const targets = await this.targets(agency.id, plans, counted, period);
    const hasChildren = descendants.some((d) => d.parentId === agency.id);
    const header = documentHeader(path, {
      ...request.document,
      draftingUnit:
        request.document?.draftingUnit !== undefined
          ? request.document.draftingUnit
          : draftingUnit(agency, descendants, tasks),
      agencyRecipients: agency.reportRecipients ?? [],
      planRecipients: [
        ...new Set(reportPlans.flatMap((p) => p.deadlines.map((d) => d.recipient)).filter((r): r is string => !!r)),
      ],
    });
    const title = documentTitle(plans, agency.id, period);

    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      id: request.id,
      number: request.number,
      generatedAt: request.generatedAt.toISOString(),
      generatedBy: request.generatedBy,
      agency: {
        ...publicAgency(agency),
        parent: path[1] ? { id: path[1].id, name: path[1].name } : null,
        place: header.place,
      },
      period: { key: period.key, label: period.label, from: period.from, to: period.to },
      agencyCount: agencyIds.length,
      empty: totals.total === 0,
      notice:
        totals.total === 0
          ? `Trong kỳ báo cáo (${period.label}) không có tin, bài nào được đăng hoặc lên lịch đăng trên các kênh của ${hasChildren ? 'cơ quan và các đơn vị trực thuộc' : 'cơ quan'}.`
          : null,
      totals,
      plans: reportPlans,
      untied: untiedRow(rows, planIds),
      units,
      peaks,
      failures: this.failures(rows, failureDetails),
      targets,
      publications: rows,
      document: {
        ...header,
        title,
        basis: basisSentence(plans, agency, period),
        cutOff: periodCutOff(period),
      },
    };
  }

  private async plans(
    plans: PlanRow[],
    tasksByPlan: Map<string, ReportTaskInput[]>,
    rows: ReportPublication[],
    agencyIds: string[],
    period: ReportPeriod,
  ): Promise<ReportPlan[]> {
    const deadlines = await this.deadlines(plans, agencyIds, period);
    return plans.map((plan) => {
      const own = rows.filter((r) => r.planId === plan.id);
      return {
        id: plan.id,
        code: plan.code,
        number: plan.number,
        title: plan.title,
        issued: plan.issued
          ? plan.issued.length === 10
            ? formatDay(plan.issued)
            : plan.issued.split('-').reverse().join('/')
          : null,
        issuingAgency: plan.issuingAgency,
        reference: planReference(plan),
        tasks: taskRows(tasksByPlan.get(plan.id) ?? [], own),
        totals: countPublications(own),
        deadlines: deadlines.get(plan.id) ?? [],
      };
    });
  }

  /** Each plan's report deadlines as the calendar shows them: the first of each on or after the figures' cut-off. */
  private async deadlines(
    plans: PlanRow[],
    agencyIds: string[],
    period: ReportPeriod,
  ): Promise<Map<string, ReportPlan['deadlines']>> {
    const result = new Map<string, ReportPlan['deadlines']>();
    if (plans.every((p) => p.reportDeadlines.length === 0)) return result;
    const range = {
      from: startOfLocalDay(period.from),
      to: startOfLocalDay(addLocalDays(period.to, DEADLINE_HORIZON_DAYS)),
    };
    const items = await this.calendar.items({ agencyIds, range, filters: { kinds: ['report'] } });
    const entries = expandCalendarItems(items, range);
    const recipientCodes = plans.flatMap((p) =>
      p.reportDeadlines.map((d) => d.recipient).filter((c): c is string => Boolean(c)),
    );
    const names = await this.data.agencyNamesByCode([...new Set(recipientCodes)]);
    for (const plan of plans) {
      const list: ReportPlan['deadlines'] = [];
      for (const deadline of plan.reportDeadlines) {
        const prefix = `report:${plan.id}:${deadline.key}`;
        const first = entries
          .filter((e) => {
            const uid = e.seriesId ?? e.id;
            return (uid === prefix || uid.startsWith(`${prefix}:`)) && e.start.slice(0, 10) >= period.to;
          })
          .sort((a, b) => a.start.localeCompare(b.start))[0];
        if (first)
          list.push({
            key: deadline.key,
            name: deadline.name,
            due: formatDay(first.start.slice(0, 10)),
            recipient: deadline.recipient ? (names.get(deadline.recipient) ?? null) : null,
          });
      }
      result.set(plan.id, list);
    }
    return result;
  }

  /** The agency's own publications, then one unit per direct subordinate agency with everything below it. */
  private units(
    agency: AgencyRow,
    descendants: Array<AgencyRow & { unitId: string }>,
    plans: PlanRow[],
    tasksByPlan: Map<string, ReportTaskInput[]>,
    rows: ReportPublication[],
    planIds: ReadonlySet<string>,
  ): ReportUnit[] {
    const children = descendants
      .filter((d) => d.parentId === agency.id)
      .sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || collator.compare(a.name, b.name));
    if (children.length === 0) return [];
    const byUnit = groupBy(rows, (r) => r.unitId);
    return [{ agency, own: true }, ...children.map((c) => ({ agency: c as AgencyRow, own: false }))].map(
      ({ agency: unit, own }) => {
        const unitRows = byUnit.get(unit.id) ?? [];
        const tasks = plans.flatMap((plan) =>
          taskRows(
            tasksByPlan.get(plan.id) ?? [],
            unitRows.filter((r) => r.planId === plan.id),
          ).map((row) => ({ ...row, planId: plan.id })),
        );
        return {
          agency: publicAgency(unit),
          own,
          totals: countPublications(unitRows),
          tasks: [...tasks, { ...untiedRow(unitRows, planIds), planId: null }],
        };
      },
    );
  }

  private async peaks(
    planIds: string[],
    agencyIds: string[],
    rows: ReportPublication[],
    period: ReportPeriod,
  ): Promise<ReportPeak[]> {
    const published = rows.filter((r) => r.state === 'published');
    const inWindow = (from: string, to: string) =>
      published.filter((r) => {
        const day = localDayOf(new Date(r.occurrenceAt));
        return day >= from && day <= to;
      });
    const peaks: Array<{ sortKey: string; peak: ReportPeak }> = [];

    const years = [Number(period.from.slice(0, 4)), Number(period.to.slice(0, 4))];
    const national = nationalPeakOccurrences(years[0], years[1]).filter(
      (o) => o.start <= period.to && o.end >= period.from,
    );
    const nationalGaps = national.length
      ? await this.gapService.gaps(agencyIds, { from: period.from, to: period.to })
      : [];
    for (const occurrence of national) {
      const from = maxDay(occurrence.start, period.from);
      const to = minDay(occurrence.end, period.to);
      const gaps = nationalGaps.filter((g) => g.peak.key === occurrence.key && g.date >= from && g.date <= to);
      peaks.push(
        this.peak(
          { key: occurrence.key, name: occurrence.name, source: 'national', date: occurrence.date, from, to },
          inWindow(from, to),
          published,
          gaps,
        ),
      );
    }

    const own = await this.data.planPeaks(
      planIds,
      period,
      NATIONAL_PEAKS.map((p) => p.key),
    );
    const withCadence = own.some((p) => Object.values(p.cadence).some((n) => (n ?? 0) > 0));
    const accounts = withCadence ? await this.data.cadenceAccounts(agencyIds) : [];
    const counts = withCadence ? await this.data.cadenceCounts(agencyIds, period) : new Map<string, number>();
    for (const peak of own) {
      const from = maxDay(addLocalDays(peak.startsOn, -peak.leadUpDays), period.from);
      const to = minDay(peak.endsOn, period.to);
      peaks.push(
        this.peak(
          { key: peak.key, name: peak.name, source: 'plan', date: peak.endsOn, from, to },
          inWindow(from, to),
          published,
          cadenceGaps(peak, accounts, counts, from, to),
        ),
      );
    }
    return peaks
      .sort((a, b) => a.sortKey.localeCompare(b.sortKey) || a.peak.key.localeCompare(b.peak.key))
      .map((p) => p.peak);
  }

  private peak(
    base: { key: string; name: string; source: 'national' | 'plan'; date: string; from: string; to: string },
    inWindow: ReportPublication[],
    published: ReportPublication[],
    gaps: CadenceGap[],
  ): { sortKey: string; peak: ReportPeak } {
    const byChannel = emptyCounts().byChannel;
    for (const r of inWindow) byChannel[r.channelType] += 1;
    const linked = published.filter((r) => r.peakKey === base.key).length;
    const peak: ReportPeak = {
      ...base,
      date: formatDay(base.date),
      from: formatDay(base.from),
      to: formatDay(base.to),
      published: inWindow.length,
      byChannel,
      linked,
      covered: inWindow.length > 0 || linked > 0,
      gaps: gaps.map((g) => ({
        date: formatDay(g.date),
        agency: { id: g.agency.id, name: g.agency.name },
        channelType: g.channelType,
        expected: g.expected,
        scheduled: g.scheduled,
        missing: g.missing,
      })),
      missing: gaps.reduce((n, g) => n + g.missing, 0),
    };
    return { sortKey: base.from, peak };
  }

  private failures(rows: ReportPublication[], details: Map<string, FailureDetail>): ReportFailure[] {
    return rows
      .filter((r) => r.state === 'failed' || r.state === 'unknown')
      .map((r) => {
        const d = details.get(r.id);
        return {
          publicationId: r.id,
          title: r.title,
          agency: r.agency.name,
          channelType: r.channelType,
          channelAccount: r.channelAccount,
          at: formatInstant(r.occurrenceAt),
          state: r.state as 'failed' | 'unknown',
          attempts: d?.attempts ?? 0,
          errorCode: d?.errorCode ?? null,
          reason: d?.reason ?? null,
        };
      });
  }

  private async targets(
    agencyId: string,
    plans: PlanRow[],
    counted: Pick<ReportSnapshot, 'totals' | 'plans' | 'peaks'>,
    period: ReportPeriod,
  ): Promise<ReportTarget[]> {
    const values = await this.targetValues.valuesForReport(
      agencyId,
      plans.map((p) => p.id),
      period,
    );
    const periodYear = Number(period.to.slice(0, 4));
    const fromPlans = plans.flatMap((plan) =>
      (plan.targets as unknown as StoredTarget[]).map((target): ReportTarget => {
        const goal =
          target.value === undefined
            ? { goal: null, comparator: null, year: target.year }
            : { goal: target.value, comparator: target.comparator ?? '>=', year: target.year };
        const base = {
          key: target.key,
          planId: plan.id,
          planCode: plan.code,
          description: target.description,
          unit: target.unit,
          ...goal,
        };
        if (isAutomaticMetric(target.metric)) {
          const value = measure(target.metric, counted, plan.id);
          return {
            ...base,
            measurement: 'automatic',
            value,
            source: AUTOMATIC_METRICS[target.metric].source,
            note: null,
            valueId: null,
            enteredBy: null,
            enteredAt: null,
            status: targetStatus(goal, value, periodYear),
          };
        }
        const entered = values.get(`${plan.id}|${target.key}`);
        return {
          ...base,
          measurement: 'manual',
          value: entered?.value ?? null,
          source: entered?.source ?? null,
          note: entered?.note ?? null,
          valueId: entered?.id ?? null,
          enteredBy: entered?.enteredByName ?? null,
          enteredAt: entered?.updatedAt ?? null,
          status: targetStatus(goal, entered?.value ?? null, periodYear),
        };
      }),
    );
    return [...automaticIndicators(counted), ...fromPlans];
  }
}

function publicAgency(a: AgencyRow) {
  return { id: a.id, code: a.code, name: a.name, shortName: a.shortName, kind: a.kind };
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

/** Days of a plan's own peak where an agency's channel had fewer items than the peak's cadence asks. */
function cadenceGaps(
  peak: { key: string; name: string; cadence: Partial<Record<ChannelType, number>> },
  accounts: Array<{ agencyId: string; agencyName: string; type: ChannelType }>,
  counts: Map<string, number>,
  from: string,
  to: string,
): CadenceGap[] {
  const gaps: CadenceGap[] = [];
  if (from > to) return gaps;
  for (const date of eachLocalDay(from, to)) {
    for (const account of accounts) {
      const expected = peak.cadence[account.type] ?? 0;
      if (expected <= 0) continue;
      const have = counts.get(`${account.agencyId}|${account.type}|${date}`) ?? 0;
      if (have >= expected) continue;
      gaps.push({
        date,
        peak: { key: peak.key, name: peak.name },
        agency: { id: account.agencyId, code: '', name: account.agencyName },
        channelType: account.type,
        expected,
        scheduled: have,
        missing: expected - have,
      });
    }
  }
  return gaps;
}

/**
 * "Kế hoạch số 662/KH-UBND ngày 26/11/2025 của Ủy ban nhân dân phường Đăk Bla"; without the issuer when the
 * reporting agency issued it (the sentence names it already), and without a second "Kế hoạch" when the
 * title starts with one.
 */
function planReference(plan: PlanRow, reportingAgencyId?: string): string {
  const kind = DOCUMENT_TYPE_NAMES[plan.documentType] ?? 'Kế hoạch';
  const title = vietnameseQuotes(plan.title.trim());
  const ref = plan.number
    ? `${kind} số ${plan.number}`
    : title.toLocaleLowerCase('vi').startsWith(kind.toLocaleLowerCase('vi'))
      ? title
      : `${kind} “${title}”`;
  const issued =
    plan.issued && plan.issued.length === 10
      ? ` ngày ${formatDay(plan.issued)}`
      : plan.issued
        ? ` năm ${plan.issued.slice(0, 4)}`
        : '';
  const issuer = plan.issuingAgency.id === reportingAgencyId ? '' : ` của ${plan.issuingAgency.name}`;
  return `${ref}${issued}${issuer}`;
}

/** The summary line: "Kết quả 6 tháng đầu năm 2026 thực hiện Kế hoạch số 662/KH-UBND ngày 26/11/2025". */
function documentTitle(plans: PlanRow[], agencyId: string, period: ReportPeriod): string {
  if (plans.length === 1) return `Kết quả ${period.label} thực hiện ${planReference(plans[0], agencyId)}`;
  if (plans.length > 1) return `Kết quả công tác truyền thông ${period.label} thực hiện ${plans.length} kế hoạch`;
  return `Kết quả công tác truyền thông ${period.label}`;
}

/** The opening sentence, naming the agency once and printing the cut-off of the figures. */
function basisSentence(plans: PlanRow[], agency: AgencyRow, period: ReportPeriod): string {
  const what = `kết quả ${period.label} (${periodCutOff(period)})`;
  if (plans.length === 0) return `${agency.name} báo cáo ${what} về công tác truyền thông như sau:`;
  return `Thực hiện ${plans.map((p) => planReference(p, agency.id)).join('; ')}, ${agency.name} báo cáo ${what} như sau:`;
}

/**
 * The drafting unit on the archive line ("Lưu: VT, VHXH."): the direct subordinate that leads most of the
 * plans' tasks, as its initials; none when the agency has no such office.
 */
function draftingUnit(
  agency: AgencyRow,
  descendants: Array<AgencyRow & { unitId: string }>,
  tasks: ReportTaskInput[],
): string | null {
  const children = new Map(descendants.filter((d) => d.parentId === agency.id).map((d) => [d.id, d]));
  const counts = new Map<string, number>();
  for (const t of tasks)
    if (t.leadAgencyId && children.has(t.leadAgencyId))
      counts.set(t.leadAgencyId, (counts.get(t.leadAgencyId) ?? 0) + 1);
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (!best) return null;
  const office = children.get(best[0])!;
  if (isPeoplesCommittee(office)) return null;
  const place = agency.name.replace(/^(ủy ban nhân dân|uỷ ban nhân dân)\s+/i, '');
  const name = office.name.endsWith(` ${place}`) ? office.name.slice(0, -place.length).trim() : office.name;
  return initials(name.replace(/^phòng\s+/i, ''));
}
