import { CadenceTargets, NationalPeakKey } from '../peaks/national-peaks';

/** Nhịp's stable agency code, a lowercase ASCII slug (see libs/demo/data/agencies.yaml). */
export type AgencyCode = string;

export const PLAN_FILE_VERSION = 1;
export const PLAN_DOCUMENT_TYPES = ['plan', 'decision', 'guide'] as const;
/** Kế hoạch, Quyết định (phê duyệt kế hoạch), Hướng dẫn. */
export type PlanDocumentType = (typeof PLAN_DOCUMENT_TYPES)[number];
export const TARGET_UNITS = ['percent', 'count'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];
export const TARGET_COMPARATORS = ['>=', '='] as const;
export type TargetComparator = (typeof TARGET_COMPARATORS)[number];

/** One plan as read from a `*.plan.yaml` file, with defaults applied. */
export interface PlanFile {
  version: typeof PLAN_FILE_VERSION;
  /** Stable slug; importing a file with the same code updates that plan. */
  code: string;
  documentType: PlanDocumentType;
  title: string;
  /** "662/KH-UBND"; absent when the document leaves it blank. */
  number?: string;
  /** As precise as the document: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  issued: string;
  issuer: AgencyCode;
  /** Full local days; the file may write `YYYY` or `YYYY-MM`, which widen to the first/last day. */
  period: { start: string; end: string };
  /** Where the text came from (seed file, URL). */
  source?: string;
  tasks: PlanTask[];
  peaks: PlanPeak[];
  targets: PlanTarget[];
  reports: PlanReport[];
}

export interface PlanTask {
  /** As numbered in the document: "1", "1.1", "2.3". */
  number: string;
  /** Short label: the task's first line or sentence as written. */
  name: string;
  /** The task's full wording when it runs to several bullets. */
  details?: string;
  lead: AgencyCode;
  /** Further lead agencies when the document names several ("Phòng Văn hóa - Xã hội phường, các cơ sở giáo dục"). */
  coLeads: AgencyCode[];
  coordinators: AgencyCode[];
  /** The document's own wording of the lead and coordinating agencies. */
  leadText?: string;
  coordinatorsText?: string;
  deliverable?: string;
  /** "Thời gian hoàn thành / thực hiện" verbatim; read with parseDuePhrase. Absent when the document gives none. */
  due?: string;
}

export type PlanPeak = NationalPeakRef | CustomPeak;

/** A built-in national day the plan names; lead-up and cadence may be overridden for this plan. */
export interface NationalPeakRef {
  type: 'national';
  key: NationalPeakKey;
  leadUpDays?: number;
  cadence?: CadenceTargets;
}

/** A plan's own peak: one day (`start === end`) or a window of local days. */
export interface CustomPeak {
  type: 'custom';
  key: string;
  name: string;
  start: string;
  end: string;
  leadUpDays: number;
  cadence: CadenceTargets;
}

export interface PlanTarget {
  key: string;
  description: string;
  /** Absent for a target the plan words without a figure; it is then reported in words. */
  value?: number;
  unit: TargetUnit;
  year: number;
  /** ">=" for "ít nhất" (default), "=" for an exact figure; absent with the value. */
  comparator?: TargetComparator;
}

/** A periodic report the plan demands: a due phrase as written, or an explicit RRULE. */
export interface PlanReport {
  key: string;
  name: string;
  submitters: AgencyCode[];
  recipient?: AgencyCode;
  due?: string;
  rrule?: string;
}

export interface PlanFileProblem {
  /** YAML path such as `tasks[2].lead` (indexes from 0); empty for the whole file. */
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export type PlanFileResult = { ok: true; plan: PlanFile } | { ok: false; problems: PlanFileProblem[] };
