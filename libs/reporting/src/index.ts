export * from './reporting.module';
export * from './report.service';
export * from './model/report.types';
export { parseReportPeriod, isReportPeriodInput, MAX_PERIOD_DAYS } from './model/report-period';
export type { ReportPeriod, ReportPeriodInput } from './model/report-period';
export type { DocumentOptions, SignerChoice } from './model/report-document';
export { CHANNEL_LABELS, FORMAT_LABELS, STATE_LABELS, formatDay, formatInstant } from './model/vietnamese-format';
export { TargetValueService, MIN_SOURCE_LENGTH } from './targets/target-value.service';
export type { TargetValueInput, TargetValueView } from './targets/target-value.service';
export { AUTOMATIC_METRICS, TARGET_STATUS_LABELS } from './targets/target-measures';
export {
  ReportReminderService,
  REMINDER_DAYS,
  REPORT_DEADLINE_NOTIFICATION,
} from './reminders/report-reminder.service';
export type { ReminderRun } from './reminders/report-reminder.service';
export { renderReportDocx, NATIONAL_MOTTO } from './export/report-docx';
export { renderReportXlsx, XLSX_SHEETS, COUNT_HEADERS, countCells } from './export/report-xlsx';
export { renderReportCsv, CSV_COLUMNS } from './export/report-csv';
export { NARRATIVE_MAX_LENGTH } from './model/report-narrative';
export type { FigureChange } from './model/report-narrative';
