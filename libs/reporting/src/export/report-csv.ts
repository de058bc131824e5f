import { stringify } from 'csv-stringify/sync';
import { planLabel } from '../model/report-assembly';
import type { ReportSnapshot } from '../model/report.types';
import { CHANNEL_LABELS, FORMAT_LABELS, formatInstant, STATE_LABELS } from '../model/vietnamese-format';

export const CSV_COLUMNS = [
  'Mã lượt đăng',
  'Mã tin bài',
  'Cơ quan',
  'Kế hoạch',
  'Nhiệm vụ số',
  'Tiêu đề',
  'Hình thức',
  'Kênh',
  'Tài khoản kênh',
  'Thời điểm đăng (giờ Việt Nam)',
  'Đã đăng lúc',
  'Trạng thái',
  'Đường dẫn',
] as const;

/**
 * The report's raw rows: one line per publication it counts (cancelled ones are not counted), with a
 * UTF-8 byte order mark so that spreadsheet programs read the diacritics correctly.
 */
export function renderReportCsv(report: ReportSnapshot): string {
  const planCodes = new Map(report.plans.map((p) => [p.id, planLabel(p)]));
  const rows = report.publications.map((p) => [
    p.id,
    p.storyId,
    p.agency.name,
    p.planId ? (planCodes.get(p.planId) ?? '') : '',
    p.taskNumber ?? '',
    p.title,
    FORMAT_LABELS[p.format],
    CHANNEL_LABELS[p.channelType],
    p.channelAccount,
    formatInstant(p.occurrenceAt),
    p.publishedAt ? formatInstant(p.publishedAt) : '',
    STATE_LABELS[p.state],
    p.url ?? '',
  ]);
  return '\uFEFF' + stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: '\r\n' });
}
