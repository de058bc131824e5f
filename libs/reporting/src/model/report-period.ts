import { addLocalDays, daysBetween, isLocalDay } from '@nhip/calendar';
import { DomainError } from '@nhip/core';
import { formatDay } from './vietnamese-format';

/** What a caller may ask for: a half-year, a whole year, or a range of local days. */
export type ReportPeriodInput = string | { from: string; to: string };

export interface ReportPeriod {
  /** "2026-H1", "2026-H2", "2026" or "custom". */
  key: string;
  /** Inclusive local days, YYYY-MM-DD. */
  from: string;
  to: string;
  /** As the document says it: "6 tháng đầu năm 2026". */
  label: string;
}

/** The cut-off as printed in the report: "số liệu tính từ ngày 15/12/2025 đến ngày 14/6/2026". */
export function periodCutOff(period: { from: string; to: string }): string {
  return `số liệu tính từ ngày ${formatDay(period.from)} đến ngày ${formatDay(period.to)}`;
}

const HALF = /^(\d{4})-H([12])$/;
const YEAR = /^(\d{4})$/;
/** A custom range is at most one year: the plans ask for half-yearly and yearly reports. */
export const MAX_PERIOD_DAYS = 366;

/** Reads the period of a report; anything else is REPORT_PERIOD_INVALID with a Vietnamese message. */
export function parseReportPeriod(input: unknown): ReportPeriod {
  if (typeof input === 'string') {
    const half = HALF.exec(input.trim());
    if (half) {
      const year = Number(half[1]);
      checkYear(year);
      // Decree 09/2019/NĐ-CP Art. 12: six-month figures run from 15/12 of the year before to 14/6; the
      // second half-year, by the same rule, from 15/6 to 14/12.
      return half[2] === '1'
        ? { key: `${year}-H1`, from: `${year - 1}-12-15`, to: `${year}-06-14`, label: `6 tháng đầu năm ${year}` }
        : { key: `${year}-H2`, from: `${year}-06-15`, to: `${year}-12-14`, label: `6 tháng cuối năm ${year}` };
    }
    const whole = YEAR.exec(input.trim());
    if (whole) {
      const year = Number(whole[1]);
      checkYear(year);
      // Art. 12: a yearly report's figures run from 15/12 of the year before to 14/12.
      return { key: String(year), from: `${year - 1}-12-15`, to: `${year}-12-14`, label: `năm ${year}` };
    }
    throw invalid(input);
  }
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const { from, to } = input as { from?: unknown; to?: unknown };
    if (typeof from !== 'string' || typeof to !== 'string' || !isLocalDay(from) || !isLocalDay(to)) {
      throw DomainError.invalid(
        'REPORT_PERIOD_INVALID',
        'Kỳ báo cáo {from, to} phải gồm hai ngày có thật dạng YYYY-MM-DD.',
        { period: input },
      );
    }
    if (to < from)
      throw DomainError.invalid(
        'REPORT_PERIOD_INVALID',
        'Ngày bắt đầu kỳ báo cáo phải trước hoặc trùng ngày kết thúc.',
        { period: input },
      );
    checkYear(Number(from.slice(0, 4)));
    checkYear(Number(to.slice(0, 4)));
    if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) {
      throw DomainError.invalid(
        'REPORT_PERIOD_TOO_LONG',
        `Kỳ báo cáo dài tối đa ${MAX_PERIOD_DAYS} ngày; hãy chọn đến trước ngày ${formatDay(addLocalDays(from, MAX_PERIOD_DAYS))}.`,
        { period: input },
      );
    }
    return { key: 'custom', from, to, label: `từ ngày ${formatDay(from)} đến ngày ${formatDay(to)}` };
  }
  throw invalid(input);
}

/** Whether a value has the shape of a period, for DTO validation (the service checks the rest). */
export function isReportPeriodInput(value: unknown): value is ReportPeriodInput {
  try {
    parseReportPeriod(value);
    return true;
  } catch {
    return false;
  }
}

function checkYear(year: number) {
  if (year < 2000 || year > 2100)
    throw DomainError.invalid('REPORT_PERIOD_INVALID', 'Năm của kỳ báo cáo phải từ 2000 đến 2100.', { year });
}

function invalid(input: unknown) {
  return DomainError.invalid(
    'REPORT_PERIOD_INVALID',
    'Kỳ báo cáo phải là "YYYY-H1" (6 tháng đầu năm), "YYYY-H2" (6 tháng cuối năm), "YYYY" (cả năm) hoặc {from, to}.',
    { period: typeof input === 'string' ? input.slice(0, 40) : (input ?? null) },
  );
}
