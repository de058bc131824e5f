import { inVietnam, vietnamDayOf } from '@nhip/core';
import type { ChannelType, PublicationState, StoryFormat } from '@nhip/database';

/** Local day YYYY-MM-DD as dd/MM/yyyy. */
export function formatDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** An instant as dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh. */
export function formatInstant(instant: Date | string): string {
  return inVietnam(instant).toFormat('dd/MM/yyyy HH:mm');
}

/** The local day (Asia/Ho_Chi_Minh) of an instant, YYYY-MM-DD. */
export function localDayOfInstant(instant: Date | string): string {
  return vietnamDayOf(instant);
}

/** The administrative date line's own form: "ngày 05 tháng 01 năm 2026" (day < 10 and month < 3 take a leading zero). */
export function administrativeDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const dd = String(d).padStart(2, '0');
  const mm = m < 3 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${dd} tháng ${mm} năm ${y}`;
}

export const CHANNEL_LABELS: Record<ChannelType, string> = {
  portal: 'Cổng/Trang TTĐT',
  facebook: 'Facebook',
  zalo: 'Zalo OA',
  loudspeaker: 'Truyền thanh cơ sở',
};

export const FORMAT_LABELS: Record<StoryFormat, string> = {
  news: 'Tin',
  article: 'Bài viết',
  feature: 'Phóng sự',
  video: 'Video clip',
  infographic: 'Infographic',
  broadcast: 'Bản tin phát thanh',
};

export const STATE_LABELS: Record<PublicationState, string> = {
  scheduled: 'Chờ đăng',
  publishing: 'Đang đăng',
  published: 'Đã đăng',
  failed: 'Lỗi',
  unknown: 'Chưa rõ kết quả',
  cancelled: 'Đã hủy',
  rehearsed: 'Diễn tập (không đăng)',
};

const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 1234.5 → "1.234,5". */
export function formatNumber(value: number): string {
  return NUMBER.format(value);
}
