import type { ChannelType, Role } from '../api/types';

export const CHANNEL_LABELS: Record<ChannelType, string> = {
  portal: 'Cổng thông tin',
  facebook: 'Facebook',
  zalo: 'Zalo OA',
  loudspeaker: 'Truyền thanh cơ sở',
};

export const CHANNEL_SHORT: Record<ChannelType, string> = {
  portal: 'Web',
  facebook: 'FB',
  zalo: 'Zalo',
  loudspeaker: 'Loa',
};

export const STATE_LABELS: Record<string, string> = {
  draft: 'Bản nháp',
  submitted: 'Chờ duyệt',
  changes_requested: 'Cần chỉnh sửa',
  approved: 'Đã duyệt',
  scheduled: 'Đã lên lịch',
  publishing: 'Đang đăng',
  published: 'Đã đăng',
  failed: 'Đăng lỗi',
  unknown: 'Chưa rõ kết quả',
  cancelled: 'Đã hủy',
  rehearsed: 'Đã diễn tập',
  ongoing: 'Thường xuyên',
  due: 'Đến hạn',
  peak: 'Cao điểm',
};

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Xem',
  officer: 'Cán bộ truyền thông',
  editor: 'Biên tập / duyệt',
  admin: 'Quản trị',
};

export const ROLES: Role[] = ['viewer', 'officer', 'editor', 'admin'];

const ROLE_RANK: Record<Role, number> = { viewer: 0, officer: 1, editor: 2, admin: 3 };
export const atLeast = (role: Role | undefined, minimum: Role) =>
  role !== undefined && ROLE_RANK[role] >= ROLE_RANK[minimum];

export const AGENCY_KIND_LABELS: Record<string, string> = {
  province: 'Tỉnh / thành phố',
  department: 'Sở, ban, ngành',
  commune: 'Xã',
  ward: 'Phường',
  other: 'Khác',
  party: 'Cấp ủy, ban đảng',
  front: 'Mặt trận, đoàn thể',
  press: 'Báo chí',
  enterprise: 'Doanh nghiệp',
  partner: 'Đối tác phối hợp',
};

export const ACCOUNT_STATUS_LABELS: Record<string, string> = {
  active: 'Đang hoạt động',
  paused: 'Tạm dừng',
  needs_reconnection: 'Cần kết nối lại',
  not_connected: 'Chưa kết nối',
};

/** Wherever the sandbox appears. */
export const SANDBOX_LABEL = 'Môi trường thử nghiệm';

/** A sandbox account's own feed, served by the api. */
export const sandboxFeedUrl = (accountId: string) => `/api/v1/sandbox/accounts/${accountId}`;

export const FORMAT_LABELS: Record<string, string> = {
  news: 'Tin',
  article: 'Bài',
  feature: 'Phóng sự',
  video: 'Video clip',
  infographic: 'Infographic',
  broadcast: 'Bản tin phát thanh',
};

export const AUDIENCE_LABELS: Record<string, string> = {
  officials: 'Cán bộ, công chức',
  businesses: 'Doanh nghiệp',
  residents: 'Người dân',
  students: 'Học sinh, sinh viên',
  elderly: 'Người cao tuổi',
  ethnic_minorities: 'Đồng bào dân tộc thiểu số',
};

export const LANGUAGE_LABELS: Record<string, string> = {
  vi: 'Tiếng Việt',
  hnj: 'Tiếng Mông',
  tay: 'Tiếng Tày',
  nut: 'Tiếng Nùng',
  bdq: 'Tiếng Ba Na',
  sed: 'Tiếng Xơ Đăng',
  jra: 'Tiếng Gia Rai',
  km: 'Tiếng Khmer',
};

export const LEVEL_LABELS: Record<string, string> = { normal: 'Thường', priority: 'Ưu tiên', emergency: 'Khẩn cấp' };

export const NOTIFICATION_LABELS: Record<string, string> = {
  approval_requested: 'Cần duyệt',
  changes_requested: 'Yêu cầu chỉnh sửa',
  approved: 'Đã duyệt',
  schedule_missed: 'Lỡ giờ đăng',
  publication_failed: 'Đăng lỗi',
  reconciler_stalled: 'Đối soát ngừng chạy',
  report_deadline: 'Hạn báo cáo',
  relay_offered: 'Tin dùng chung',
  relay_reminder: 'Nhắc tin dùng chung',
};

export const OUTCOME_LABELS: Record<string, string> = {
  succeeded: 'Thành công',
  retryable: 'Lỗi tạm thời',
  rate_limited: 'Vượt giới hạn tần suất',
  auth_expired: 'Hết hạn đăng nhập kênh',
  permanent: 'Lỗi không thể tự khắc phục',
  unknown: 'Chưa rõ kết quả',
  rehearsed: 'Diễn tập (không gửi)',
};

export const KIND_LABELS: Record<string, string> = {
  publication: 'Bài đăng',
  task: 'Nhiệm vụ',
  peak: 'Cao điểm',
  report: 'Hạn báo cáo',
  variant: 'Nội dung chưa lên lịch',
};

const FIELD_LABELS: Record<string, string> = {
  title: 'Tiêu đề',
  html: 'Nội dung',
  excerpt: 'Tóm tắt',
  categories: 'Chuyên mục',
  tags: 'Thẻ',
  featuredImage: 'Ảnh đại diện',
  message: 'Nội dung',
  link: 'Liên kết',
  photos: 'Ảnh',
  author: 'Tác giả',
  description: 'Mô tả',
  cover: 'Ảnh bìa',
  body: 'Nội dung',
  script: 'Kịch bản đọc',
  level: 'Mức độ',
  stations: 'Cụm loa',
  airWindows: 'Khung giờ phát',
  at: 'Thời điểm đăng',
  rrule: 'Lặp lại',
  nextFreeSlot: 'Khung giờ trống kế tiếp',
};

/** "content.title" → "Nội dung · Tiêu đề", "schedule.at" → "Lịch · Thời điểm đăng". */
export function fieldLabel(path: string): string {
  const [head, ...rest] = path.split('.');
  const group = head === 'content' ? 'Nội dung' : head === 'schedule' ? 'Lịch đăng' : (FIELD_LABELS[head] ?? head);
  if (!rest.length) return group;
  const key = rest[0].replace(/\[\d+\]$/, '');
  return `${group} · ${FIELD_LABELS[key] ?? rest.join('.')}`;
}
