import type { ChannelAccountContext } from '../../channel';
import { ChannelError } from '../../channel-error';
import { isHttpUrl } from '@nhip/core';

export const WORDPRESS_PUBLISH_MODES = ['dispatch', 'wordpress-schedules'] as const;
/**
 * dispatch: Nhịp publishes at the time (status publish). wordpress-schedules: Nhịp hands the post over
 * ahead of time as `future` and WordPress's own cron publishes it.
 */
export type WordPressPublishMode = (typeof WORDPRESS_PUBLISH_MODES)[number];

/** Non-secret settings of a portal channel account. */
export interface WordPressAccountSettings {
  /** The site's home page, e.g. https://sokhcn.tuyenquang.gov.vn */
  siteUrl: string;
  publishMode?: WordPressPublishMode;
  /** Create missing categories and tags (needs the Editor role); otherwise a missing one fails the publication. */
  allowCreateTerms?: boolean;
}

/** Secrets of a portal channel account: a WordPress user and one of its Application Passwords. */
export interface WordPressCredentials {
  username: string;
  applicationPassword: string;
}

export interface WordPressAccount {
  siteUrl: string;
  publishMode: WordPressPublishMode;
  allowCreateTerms: boolean;
  /** The Authorization header value (Basic). */
  authorization: string;
}

export function readWordPressAccount(account: ChannelAccountContext): WordPressAccount {
  const settings = account.settings ?? {};
  const siteUrl = settings.siteUrl;
  if (!isHttpUrl(siteUrl)) {
    throw new ChannelError(
      'permanent',
      'wordpress.settings_invalid',
      'Tài khoản kênh cổng thông tin chưa có địa chỉ trang (siteUrl) hợp lệ, bắt đầu bằng http:// hoặc https://.',
      { details: { field: 'siteUrl' } },
    );
  }
  const publishMode = settings.publishMode ?? 'dispatch';
  if (!WORDPRESS_PUBLISH_MODES.includes(publishMode as WordPressPublishMode)) {
    throw new ChannelError(
      'permanent',
      'wordpress.settings_invalid',
      `Chế độ đăng (publishMode) "${String(publishMode)}" không hợp lệ; chọn "dispatch" hoặc "wordpress-schedules".`,
      { details: { field: 'publishMode' } },
    );
  }
  const credentials = account.credentials ?? {};
  const { username, applicationPassword } = credentials as Partial<Record<keyof WordPressCredentials, unknown>>;
  if (
    typeof username !== 'string' ||
    username === '' ||
    typeof applicationPassword !== 'string' ||
    applicationPassword === ''
  ) {
    throw new ChannelError(
      'auth_expired',
      'wordpress.credentials_missing',
      'Tài khoản kênh cổng thông tin chưa có tên đăng nhập WordPress và mật khẩu ứng dụng WordPress.',
    );
  }
  return {
    siteUrl,
    publishMode: publishMode as WordPressPublishMode,
    allowCreateTerms: settings.allowCreateTerms === true,
    authorization: `Basic ${Buffer.from(`${username}:${applicationPassword}`, 'utf8').toString('base64')}`,
  };
}
