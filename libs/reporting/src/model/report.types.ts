import type { ChannelType, PublicationState, StoryFormat } from '@nhip/database';

export const REPORT_SCHEMA_VERSION = 1;

/**
 * Publication counts of one row of a report (a task, an agency, the whole report). Every publication
 * that is not cancelled counts once in `total` and in exactly one of published, failed, unknown and
 * pending; `byChannel` and `byFormat` split the published ones, so each sums to `published`.
 */
export interface PublicationCounts {
  total: number;
  published: number;
  failed: number;
  unknown: number;
  /** Scheduled or being published: not yet out. */
  pending: number;
  /** Distinct stories with at least one published publication. */
  stories: number;
  byChannel: Record<ChannelType, number>;
  byFormat: Record<StoryFormat, number>;
}

export interface ReportLink {
  publicationId: string;
  title: string;
  channelType: ChannelType;
  format: StoryFormat;
  /** ISO instant. */
  publishedAt: string;
  url: string;
}

export interface TaskRow {
  /** null for the row of publications tied to no task of the report's plans. */
  taskId: string | null;
  number: string;
  name: string;
  lead: string | null;
  counts: PublicationCounts;
  /** Published items with an address, oldest first. */
  links: ReportLink[];
}

export interface ReportPlan {
  id: string;
  code: string;
  number: string | null;
  title: string;
  /** dd/MM/yyyy, or the year / month as precise as the document. */
  issued: string | null;
  /** How the report cites it: "Kế hoạch số 662/KH-UBND ngày 26/11/2025 của Ủy ban nhân dân phường Đăk Bla". */
  reference: string;
  issuingAgency: { id: string; name: string };
  tasks: TaskRow[];
  totals: PublicationCounts;
  /** Report deadlines of the plan that this period answers (the first on or after the figures' cut-off). */
  deadlines: Array<{ key: string; name: string; due: string; recipient: string | null }>;
}

export interface ReportAgency {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
}

/** One subordinate agency of the roll-up (or the reporting agency's own publications, `own: true`). */
export interface ReportUnit {
  agency: ReportAgency;
  own: boolean;
  totals: PublicationCounts;
  /** Its task table: the tasks of the report's plans, then the untied row. */
  tasks: Array<TaskRow & { planId: string | null }>;
}

export interface PeakGap {
  /** dd/MM/yyyy. */
  date: string;
  agency: { id: string; name: string };
  channelType: ChannelType;
  expected: number;
  scheduled: number;
  missing: number;
}

export interface ReportPeak {
  key: string;
  name: string;
  source: 'national' | 'plan';
  /** The peak day (national) or the window's last day, dd/MM/yyyy. */
  date: string;
  /** Lead-up window through the day, clipped to the period; dd/MM/yyyy. */
  from: string;
  to: string;
  /** Published in the window. */
  published: number;
  byChannel: Record<ChannelType, number>;
  /** Published in the period by stories linked to this peak. */
  linked: number;
  covered: boolean;
  /** Day × agency × channel type where the peak's cadence was not met (national peaks and plan peaks with a cadence). */
  gaps: PeakGap[];
  missing: number;
}

export interface ReportFailure {
  publicationId: string;
  title: string;
  agency: string;
  channelType: ChannelType;
  channelAccount: string;
  /** dd/MM/yyyy HH:mm. */
  at: string;
  state: 'failed' | 'unknown';
  attempts: number;
  errorCode: string | null;
  reason: string | null;
}

export type TargetMeasurement = 'automatic' | 'manual';
export type TargetStatus = 'met' | 'not_met' | 'in_progress' | 'not_entered' | 'counted';

export interface ReportTarget {
  key: string;
  /** null for Nhịp's own indicators, which belong to no plan. */
  planId: string | null;
  planCode: string | null;
  description: string;
  unit: 'percent' | 'count';
  comparator: '>=' | '=' | null;
  goal: number | null;
  year: number | null;
  measurement: TargetMeasurement;
  value: number | null;
  /** Where the value comes from: "Nhịp tự động đếm …" or the source an officer entered. */
  source: string | null;
  note: string | null;
  /** The hand-entered value row, for its audit trail. */
  valueId: string | null;
  enteredBy: string | null;
  /** ISO instant. */
  enteredAt: string | null;
  status: TargetStatus;
}

/** A publication row of the report, the raw data behind every count (and the CSV). */
export interface ReportPublication {
  id: string;
  storyId: string;
  title: string;
  format: StoryFormat;
  agency: { id: string; name: string };
  unitId: string;
  planId: string | null;
  taskId: string | null;
  taskNumber: string | null;
  peakKey: string | null;
  channelType: ChannelType;
  channelAccount: string;
  state: Exclude<PublicationState, 'cancelled'>;
  /** ISO instants. */
  occurrenceAt: string;
  publishedAt: string | null;
  url: string | null;
}

export interface ReportSnapshot {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  id: string;
  /** The number as printed, its figure left blank for the register: "      /BC-UBND". */
  number: string;
  /** ISO instant. */
  generatedAt: string;
  generatedBy: { id: string; name: string } | null;
  agency: ReportAgency & { parent: { id: string; name: string } | null; place: string };
  period: { key: string; label: string; from: string; to: string };
  /** Every agency counted: the reporting agency and all below it. */
  agencyCount: number;
  empty: boolean;
  /** A sentence for the reader when nothing was published or scheduled. */
  notice: string | null;
  totals: PublicationCounts;
  plans: ReportPlan[];
  /** Publications tied to no task of these plans. */
  untied: TaskRow;
  units: ReportUnit[];
  peaks: ReportPeak[];
  failures: ReportFailure[];
  targets: ReportTarget[];
  publications: ReportPublication[];
  document: ReportDocument;
  /** The text people write; absent in reports generated before drafts could be edited. */
  narrative?: ReportNarrative;
}

/**
 * What the drafting officer writes, or keeps of what Nhịp pre-filled from the data: the parts of the
 * report the figures cannot say. Lines are separated by "\n"; an empty part prints as a dotted line.
 */
export interface ReportNarrative {
  /** What was done under each task of the plans, by task id: events, people reached, links. */
  taskResults: Record<string, string>;
  /** Tồn tại, hạn chế. */
  shortcomings: string;
  /** Nguyên nhân. */
  causes: string;
  /** Phương hướng, nhiệm vụ kỳ tới. */
  nextTasks: string;
  /** Đề xuất, kiến nghị. */
  proposals: string;
}

export interface ReportSigner {
  /** "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ"; null when the head signs in their own name. */
  authority: string | null;
  /** "KT. CHỦ TỊCH" when a deputy signs for the head. */
  deputy: string | null;
  title: string;
  /** The signer's full name, printed under the signature; null until chosen. */
  name: string | null;
}

/** What the document says about who issues it, to whom, and under which layout. */
export interface ReportDocument {
  /** State form (Decree 30/2020 Appendix I) or the Party's own (Hướng dẫn 36-HD/VPTW). */
  layout: 'state' | 'party';
  /** The body above the issuer, where the form has one ("UBND TỈNH QUẢNG NGÃI" above a department). */
  superior: string | null;
  issuer: string;
  /** The number with the blank the clerk fills from the register: "      /BC-UBND", "      -BC/BTGDVTU". */
  number: string;
  /** The place in the date line: "Đăk Bla". */
  place: string;
  /** The summary line (trích yếu). */
  title: string;
  /** The opening sentence: what the report answers, and the period with its cut-off. */
  basis: string;
  /** "số liệu tính từ ngày 15/12/2025 đến ngày 14/06/2026". */
  cutOff: string;
  signer: ReportSigner;
  /** "Nơi nhận", the archive line last. */
  recipients: string[];
}
