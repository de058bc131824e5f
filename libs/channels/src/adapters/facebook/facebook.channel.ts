import { createHmac } from 'node:crypto';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import type {
  ChannelAccountContext,
  ChannelAdapter,
  ConnectionCheck,
  PublishOptions,
  PublishResult,
  ValidationProblem,
} from '../../channel';
import { ChannelError } from '../../channel-error';
import type { FacebookPost, MediaRef } from '../../content/channel-content';
import {
  facebookError,
  facebookHttpError,
  facebookTransportError,
  FacebookCallPhase,
  FacebookGraphError,
} from './facebook.errors';
import { hasFacebookMarker, withFacebookMarker } from './facebook.marker';
import { FACEBOOK_RULES, validateFacebookPost } from './facebook.rules';

export interface FacebookChannelOptions {
  /** Graph API root including its version. */
  graphBaseUrl?: string;
  timeoutMs?: number;
  http?: AxiosInstance;
  /**
   * Let Facebook hold the post (`published=false` + `scheduled_publish_time`) when `publishAt` lies in
   * Graph's window (10 minutes to 30 days ahead); otherwise the post is published at dispatch.
   */
  nativeScheduling?: boolean;
  /** The app's secret: each call then carries `appsecret_proof`, HMAC-SHA256(secret, token) in hex. */
  appSecret?: string;
}

/** Non-secret settings of a Facebook Page account. */
export interface FacebookSettings {
  pageId: string;
}

/** Secrets of a Facebook Page account. */
export interface FacebookCredentials {
  pageAccessToken: string;
}

export const FACEBOOK_DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com/v23.0';

/** How far back `lookup` scans the Page's posts (pages of 100). An unknown outcome is resolved within hours. */
const LOOKUP_PAGES = 3;
const LOOKUP_PAGE_SIZE = 100;
/** Margin kept inside Graph's scheduling window for travel time and clock skew. */
const SCHEDULE_MARGIN_MS = 60_000;

type Params = Record<string, string | number | boolean | undefined>;

interface GraphPost {
  id: string;
  message?: string;
  permalink_url?: string;
  created_time?: string;
  scheduled_publish_time?: number | string;
}

interface GraphList<T> {
  data?: T[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string };
}

/**
 * Facebook Page posts through the Graph API: text and link posts to `/{page-id}/feed`, one photo to
 * `/{page-id}/photos`, several photos as unpublished uploads attached to one feed post. Every post
 * carries an invisible marker of its idempotency key (see facebook.marker.ts), which `lookup` searches
 * for and which also turns Facebook's own duplicate check (code 506) into proof of an earlier success.
 */
export class FacebookChannel implements ChannelAdapter<'facebook'> {
  readonly type = 'facebook' as const;
  // A created post (or its unpublished photos) is read back at once through the page's feed.
  readonly visibilityWindowMs = 0;
  private readonly graphBaseUrl: string;
  private readonly timeoutMs: number;
  private readonly http: AxiosInstance;
  private readonly nativeScheduling: boolean;
  private readonly appSecret?: string;

  constructor(options: FacebookChannelOptions = {}) {
    this.graphBaseUrl = (options.graphBaseUrl ?? FACEBOOK_DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.http = options.http ?? axios.create();
    this.nativeScheduling = options.nativeScheduling ?? false;
    this.appSecret = options.appSecret;
  }

  validate(content: unknown): ValidationProblem[] {
    return validateFacebookPost(content);
  }

  async publish(
    account: ChannelAccountContext,
    content: FacebookPost,
    options: PublishOptions,
  ): Promise<PublishResult> {
    const problems = validateFacebookPost(content);
    if (problems.length) {
      throw new ChannelError(
        'permanent',
        'facebook.invalid_content',
        `Bài đăng Facebook chưa hợp lệ: ${problems.map((p) => p.message).join(' ')}`,
        {
          details: { problems },
        },
      );
    }
    const { pageId, token } = this.target(account);
    const message = withFacebookMarker(content.message.normalize('NFC'), options.idempotencyKey);
    const scheduledAt = this.nativeScheduleTime(options.publishAt);
    const photos = content.photos ?? [];
    try {
      // Graph schedules multi-photo posts through attached_media; a scheduled single photo goes the same way.
      if (photos.length === 1 && scheduledAt === undefined)
        return await this.publishPhoto(pageId, token, message, photos[0]);
      if (photos.length >= 1) return await this.publishWithPhotos(pageId, token, message, photos, scheduledAt);
      return await this.publishFeed(pageId, token, { message, link: content.link || undefined }, scheduledAt);
    } catch (error) {
      if (error instanceof ChannelError && error.code === 'facebook.506')
        return this.resolveDuplicate(account, options.idempotencyKey, error);
      throw error;
    }
  }

  async lookup(account: ChannelAccountContext, idempotencyKey: string): Promise<PublishResult | null> {
    const { pageId, token } = this.target(account);
    let after: string | undefined;
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const list = await this.graph<GraphList<GraphPost>>(
        'GET',
        `${pageId}/posts`,
        { fields: 'id,message,permalink_url,created_time', limit: LOOKUP_PAGE_SIZE, after },
        token,
        'read',
      );
      const found = (list.data ?? []).find((post) => hasFacebookMarker(post.message, idempotencyKey));
      if (found)
        return {
          externalId: found.id,
          url: found.permalink_url ?? postUrl(found.id),
          publishedAt: graphTime(found.created_time),
          response: { id: found.id, foundIn: 'posts' },
        };
      after = list.paging?.next ? list.paging.cursors?.after : undefined;
      if (!after) break;
    }
    // Natively scheduled posts are not in /posts until they go live.
    const scheduled = await this.graph<GraphList<GraphPost>>(
      'GET',
      `${pageId}/scheduled_posts`,
      { fields: 'id,message,scheduled_publish_time', limit: LOOKUP_PAGE_SIZE },
      token,
      'read',
    );
    const found = (scheduled.data ?? []).find((post) => hasFacebookMarker(post.message, idempotencyKey));
    if (found) {
      return {
        externalId: found.id,
        url: postUrl(found.id),
        response: { id: found.id, foundIn: 'scheduled_posts', scheduledPublishTime: found.scheduled_publish_time },
      };
    }
    return null;
  }

  async remove(account: ChannelAccountContext, externalId: string): Promise<void> {
    const { token } = this.target(account);
    if (!/^[\w.-]+$/.test(externalId)) {
      throw new ChannelError('permanent', 'facebook.invalid_id', `Mã bài đăng Facebook không hợp lệ: ${externalId}`);
    }
    try {
      await this.graph('DELETE', externalId, {}, token, 'write');
    } catch (error) {
      // Already deleted (by an editor on Facebook, or by an earlier attempt whose answer was lost).
      if (error instanceof ChannelError && error.code === 'facebook.100' && error.options.details?.subcode === 33)
        return;
      throw error;
    }
  }

  async checkConnection(account: ChannelAccountContext): Promise<ConnectionCheck> {
    try {
      const { pageId, token } = this.target(account);
      const page = await this.graph<{ id?: string; name?: string }>('GET', pageId, { fields: 'name' }, token, 'read');
      return {
        ok: true,
        message: `Đã kết nối Trang Facebook “${page.name ?? pageId}”.`,
        details: { pageId, name: page.name },
      };
    } catch (error) {
      if (error instanceof ChannelError)
        return { ok: false, message: error.message, details: { kind: error.kind, code: error.code } };
      throw error;
    }
  }

  private async publishFeed(
    pageId: string,
    token: string,
    post: { message: string; link?: string },
    scheduledAt: number | undefined,
    attachedMedia: string[] = [],
  ) {
    const params: Params = { message: post.message, link: post.link };
    attachedMedia.forEach((id, i) => (params[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id })));
    if (scheduledAt !== undefined) Object.assign(params, { published: false, scheduled_publish_time: scheduledAt });
    const created = await this.graph<{ id: string }>('POST', `${pageId}/feed`, params, token, 'write');
    return {
      externalId: created.id,
      url: postUrl(created.id),
      response: {
        id: created.id,
        scheduledPublishTime: scheduledAt,
        attachedMedia: attachedMedia.length ? attachedMedia : undefined,
      },
    };
  }

  private async publishPhoto(pageId: string, token: string, message: string, photo: MediaRef): Promise<PublishResult> {
    const created = await this.graph<{ id: string; post_id?: string }>(
      'POST',
      `${pageId}/photos`,
      { url: photo.url, caption: message, alt_text_custom: photo.alt },
      token,
      'write',
    );
    // The post (not the photo) is what lookup finds and remove deletes.
    const postId = created.post_id ?? created.id;
    return { externalId: postId, url: postUrl(postId), response: { id: postId, photoId: created.id } };
  }

  private async publishWithPhotos(
    pageId: string,
    token: string,
    message: string,
    photos: MediaRef[],
    scheduledAt: number | undefined,
  ) {
    const mediaIds: string[] = [];
    for (const photo of photos) {
      const uploaded = await this.graph<{ id: string }>(
        'POST',
        `${pageId}/photos`,
        {
          url: photo.url,
          caption: photo.caption?.normalize('NFC'),
          alt_text_custom: photo.alt,
          published: false,
          // Photos attached to a scheduled post must be uploaded as temporary.
          temporary: scheduledAt !== undefined ? true : undefined,
        },
        token,
        'staging',
      );
      mediaIds.push(uploaded.id);
    }
    return this.publishFeed(pageId, token, { message }, scheduledAt, mediaIds);
  }

  private async resolveDuplicate(
    account: ChannelAccountContext,
    idempotencyKey: string,
    duplicate: ChannelError,
  ): Promise<PublishResult> {
    const existing = await this.lookup(account, idempotencyKey);
    if (existing) return { ...existing, response: { ...existing.response, duplicate: true } };
    throw new ChannelError(
      'permanent',
      'facebook.506',
      'Facebook báo bài đăng trùng với một bài vừa đăng, nhưng không tìm thấy bài nào mang mã của lần đăng này; cần kiểm tra Trang.',
      { details: duplicate.options.details },
    );
  }

  private nativeScheduleTime(publishAt: Date | undefined): number | undefined {
    if (!this.nativeScheduling || !publishAt) return undefined;
    const lead = publishAt.getTime() - Date.now();
    if (lead < FACEBOOK_RULES.scheduleMinLeadMs + SCHEDULE_MARGIN_MS) return undefined;
    if (lead > FACEBOOK_RULES.scheduleMaxLeadMs - SCHEDULE_MARGIN_MS) return undefined;
    return Math.floor(publishAt.getTime() / 1000);
  }

  private target(account: ChannelAccountContext): { pageId: string; token: string } {
    const pageId = account.settings?.pageId;
    if ((typeof pageId !== 'string' && typeof pageId !== 'number') || !/^[\w.-]+$/.test(String(pageId))) {
      throw new ChannelError(
        'permanent',
        'facebook.settings',
        'Tài khoản Facebook chưa có mã Trang hợp lệ: nhập mã Trang ở Quản trị › Tài khoản kênh.',
      );
    }
    const token = account.credentials?.pageAccessToken;
    if (typeof token !== 'string' || token === '') {
      throw new ChannelError(
        'auth_expired',
        'facebook.no_credentials',
        'Tài khoản Facebook chưa có mã truy cập Trang; cần kết nối lại Trang.',
      );
    }
    return { pageId: String(pageId), token };
  }

  /**
   * One Graph call. The token travels in the Authorization header, never in a URL (URLs end up in proxy
   * and server logs); with the app's secret configured, `appsecret_proof` goes with it.
   */
  private async graph<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    params: Params,
    token: string,
    phase: FacebookCallPhase,
  ): Promise<T> {
    const fields: Record<string, string> = {};
    if (this.appSecret) fields.appsecret_proof = createHmac('sha256', this.appSecret).update(token).digest('hex');
    for (const [key, value] of Object.entries(params)) if (value !== undefined) fields[key] = String(value);
    let response: AxiosResponse;
    try {
      response = await this.http.request({
        method,
        url: `${this.graphBaseUrl}/${path}`,
        params: method === 'POST' ? undefined : fields,
        data: method === 'POST' ? new URLSearchParams(fields).toString() : undefined,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        timeout: this.timeoutMs,
        validateStatus: () => true,
      });
    } catch (error) {
      throw facebookTransportError(error, phase);
    }
    const body = response.data as { error?: FacebookGraphError } | undefined;
    if (body && typeof body === 'object' && body.error && typeof body.error === 'object')
      throw facebookError(body.error, response.headers);
    if (response.status < 200 || response.status >= 300 || !body || typeof body !== 'object')
      throw facebookHttpError(response.status, phase);
    return body as T;
  }
}

/** A post id is "{page-id}_{post-id}"; this URL opens it for anyone who may see it. */
function postUrl(id: string): string {
  const [page, post] = id.split('_');
  return post ? `https://www.facebook.com/${page}/posts/${post}` : `https://www.facebook.com/${id}`;
}

/** Graph's time ("2026-10-10T01:02:03+0000"), when it is one. */
function graphTime(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}
