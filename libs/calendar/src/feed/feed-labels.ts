import type { ChannelType } from '@nhip/database';
import type { CalendarKind } from '../calendar-item';

/** Vietnamese names shown to subscribers in event descriptions. */
export const KIND_LABELS: Record<CalendarKind, string> = {
  publication: 'Bài đăng',
  task: 'Nhiệm vụ',
  peak: 'Đợt cao điểm',
  report: 'Báo cáo',
  variant: 'Nội dung chưa lên lịch',
};

export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
  portal: 'Cổng thông tin điện tử',
  facebook: 'Trang Facebook',
  zalo: 'Zalo OA',
  loudspeaker: 'Loa truyền thanh cơ sở',
};

const STATUS_LABELS: Record<string, string> = {
  draft: 'Bản nháp',
  submitted: 'Chờ duyệt',
  changes_requested: 'Cần chỉnh sửa',
  approved: 'Đã duyệt',
  scheduled: 'Đã lên lịch',
  publishing: 'Đang đăng',
  published: 'Đã đăng',
  failed: 'Đăng không thành công',
  unknown: 'Chưa rõ kết quả đăng',
  cancelled: 'Đã hủy',
  planned: 'Theo kế hoạch',
  confirmed: 'Đã xác nhận',
  done: 'Đã hoàn thành',
  completed: 'Đã hoàn thành',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}
