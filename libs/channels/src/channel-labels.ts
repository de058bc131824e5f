import type { ChannelType } from '@nhip/database';

/** The Vietnamese name of each channel type, for what people read (notifications, messages). */
export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
  portal: 'Cổng thông tin điện tử',
  facebook: 'Trang Facebook',
  zalo: 'Zalo OA',
  loudspeaker: 'Loa truyền thanh cơ sở',
};
