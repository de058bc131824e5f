import axios, { AxiosInstance, AxiosResponse } from 'axios';
import type {
  ChannelAccountContext,
  ChannelAdapter,
  ConnectionCheck,
  LookupHint,
  CredentialStore,
  PublishOptions,
  PublishResult,
  ValidationProblem,
} from '../../channel';
import { ChannelError } from '../../channel-error';
import type { ZaloArticle } from '../../content/channel-content';
import {
  ZALO_AUTH_ERRORS,
  ZALO_VERIFY_PENDING,
  ZaloCallPhase,
  ZaloEnvelope,
  zaloError,
  zaloHttpError,
  ZaloOAuthError,
  zaloRefreshError,
  zaloTransportError,
} from './zalo.errors';
import { hasZaloMarker, withZaloMarker } from './zalo.marker';
import { validateZaloArticle } from './zalo.rules';

export interface ZaloChannelOptions {
  apiBaseUrl?: string;
  oauthBaseUrl?: string;
  /** Where refreshed tokens are written (compare-and-set) and the per-account refresh lock lives. */
  credentialStore: CredentialStore;
  timeoutMs?: number;
  http?: AxiosInstance;
  /** Pause between `article/verify` polls. */
  verifyPollMs?: number;
  /** Polls before giving up with an unknown outcome (the article may still appear). */
  verifyMaxAttempts?: number;
  /** How long Zalo may take to process a created article; `getslice` lists it only after. */
  processingWindowMs?: number;
}

/** Non-secret settings of a Zalo OA account. */
export interface ZaloSettings {
  oaId: string;
  appId: string;
}

/** Secrets of a Zalo OA account. */
export interface ZaloCredentials {
  accessToken: string;
  /** Single-use: every refresh returns a new one, which must be stored before anything else. */
  refreshToken: string;
  /** ISO instant. */
  accessTokenExpiresAt?: string;
  appSecret: string;
}

export const ZALO_DEFAULT_API_BASE_URL = 'https://openapi.zalo.me';
export const ZALO_DEFAULT_OAUTH_BASE_URL = 'https://oauth.zaloapp.com';
/**
 * Zalo lists an article (`getslice`) only once it has processed it, which can take minutes and is not
 * documented; until this has passed since the create, "not listed" proves nothing.
 */
export const ZALO_DEFAULT_PROCESSING_WINDOW_MS = 15 * 60_000;

/** Zalo's "invalid field": from `article/verify`, a token it does not know (any more). */
const ZALO_INVALID_FIELD = -201;

/** Refresh when the access token has less than this left. */
const REFRESH_AHEAD_MS = 5 * 60_000;
/** Zalo's lifetime of an access token when `expires_in` is unreadable (about 25 hours). */
const DEFAULT_ACCESS_TOKEN_SECONDS = 90_000;
/** `article/getslice` returns at most 10 articles; lookup reads this many pages of them. */
const LOOKUP_PAGE_SIZE = 10;
const LOOKUP_PAGES = 3;

interface ZaloMedia {
  id: string | number;
  title?: string;
  link_view?: string;
}

interface Envelopes {
  send<T>(
    method: 'GET' | 'POST',
    path: string,
    request: { params?: Record<string, unknown>; data?: unknown },
    phase: ZaloCallPhase,
    accept?: number[],
  ): Promise<ZaloEnvelope<T>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readCredentials(raw: Record<string, unknown> | null): ZaloCredentials {
  const c = raw ?? {};
  const ok = (v: unknown) => typeof v === 'string' && v !== '';
  if (!ok(c.accessToken) || !ok(c.refreshToken) || !ok(c.appSecret)) {
    throw new ChannelError(
      'auth_expired',
      'zalo.no_credentials',
      'Tài khoản Zalo OA thiếu mã truy cập, mã làm mới hoặc khoá bí mật của ứng dụng; cần kết nối lại Official Account.',
    );
  }
  return {
    accessToken: c.accessToken as string,
    refreshToken: c.refreshToken as string,
    appSecret: c.appSecret as string,
    accessTokenExpiresAt: typeof c.accessTokenExpiresAt === 'string' ? c.accessTokenExpiresAt : undefined,
  };
}

function expiresSoon(credentials: ZaloCredentials): boolean {
  const at = Date.parse(credentials.accessTokenExpiresAt ?? '');
  // Without a known expiry the token is used until Zalo refuses it (-216/-220), then refreshed.
  return Number.isFinite(at) && at - Date.now() < REFRESH_AHEAD_MS;
}

/**
 * Zalo Official Account articles through the Open API: `article/create`, then `article/verify` until the
 * article id appears. Access tokens are refreshed ahead of expiry and once more when Zalo refuses one;
 * the refresh token is single-use, so a refresh happens only under the account's lock, re-reads the
 * stored credentials first (another worker may have refreshed already), and stores the new pair with a
 * compare-and-set write before the new access token is used.
 */
export class ZaloChannel implements ChannelAdapter<'zalo'> {
  readonly type = 'zalo' as const;
  readonly visibilityWindowMs: number;
  private readonly apiBaseUrl: string;
  private readonly oauthBaseUrl: string;
  private readonly store: CredentialStore;
  private readonly timeoutMs: number;
  private readonly http: AxiosInstance;
  private readonly verifyPollMs: number;
  private readonly verifyMaxAttempts: number;

  constructor(options: ZaloChannelOptions) {
    this.apiBaseUrl = (options.apiBaseUrl ?? ZALO_DEFAULT_API_BASE_URL).replace(/\/+$/, '');
    this.oauthBaseUrl = (options.oauthBaseUrl ?? ZALO_DEFAULT_OAUTH_BASE_URL).replace(/\/+$/, '');
    this.store = options.credentialStore;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.http = options.http ?? axios.create();
    this.verifyPollMs = options.verifyPollMs ?? 1_500;
    this.verifyMaxAttempts = Math.max(1, options.verifyMaxAttempts ?? 10);
    this.visibilityWindowMs = options.processingWindowMs ?? ZALO_DEFAULT_PROCESSING_WINDOW_MS;
  }

  validate(content: unknown): ValidationProblem[] {
    return validateZaloArticle(content);
  }

  async publish(account: ChannelAccountContext, content: ZaloArticle, options: PublishOptions): Promise<PublishResult> {
    const problems = validateZaloArticle(content);
    if (problems.length) {
      throw new ChannelError(
        'permanent',
        'zalo.invalid_content',
        `Bài viết Zalo chưa hợp lệ: ${problems.map((p) => p.message).join(' ')}`,
        {
          details: { problems },
        },
      );
    }
    const api = this.session(account);
    const created = await api.send<{ token?: string }>(
      'POST',
      '/v2.0/article/create',
      { data: this.article(content, options.idempotencyKey) },
      'write',
    );
    const token = created.data?.token;
    if (!token) {
      throw new ChannelError(
        'unknown',
        'zalo.no_token',
        'Zalo nhận bài nhưng không trả mã xử lý; bài có thể đã được tạo, cần tra cứu trước khi thử lại.',
      );
    }
    const id = await this.verify(api, token);
    return { externalId: id, url: await this.linkOf(api, id), response: { id, token } };
  }

  /**
   * With the create's token (the call got that far), `article/verify` says about that very article: its
   * id once processed, "still processing" before (it exists: never taken as absent). Without one, or if
   * Zalo no longer knows the token, the recent articles are searched for the marker.
   */
  async lookup(
    account: ChannelAccountContext,
    idempotencyKey: string,
    hint: LookupHint = {},
  ): Promise<PublishResult | null> {
    const api = this.session(account);
    if (hint.handle) {
      const verified = await this.verifyOnce(api, hint.handle);
      if (verified) return verified;
    }
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const list = await api.send<{ medias?: ZaloMedia[] }>(
        'GET',
        '/v2.0/article/getslice',
        { params: { offset: page * LOOKUP_PAGE_SIZE, limit: LOOKUP_PAGE_SIZE, type: 'normal' } },
        'read',
      );
      const medias = list.data?.medias ?? [];
      // The list carries titles only; the marker is in the description, which needs each article's detail.
      for (const media of medias) {
        let detail: ZaloEnvelope<{ description?: string; create_date?: number | string }>;
        try {
          detail = await api.send('GET', '/v2.0/article/getdetail', { params: { id: media.id } }, 'read');
        } catch (error) {
          // Removed between the list and the detail: whatever it was, it is not published any more.
          if (error instanceof ChannelError && error.code === 'zalo.-201') continue;
          throw error;
        }
        if (hasZaloMarker(detail.data?.description, idempotencyKey)) {
          return {
            externalId: String(media.id),
            url: media.link_view ?? null,
            publishedAt: createDate(detail.data),
            response: { id: String(media.id), foundIn: 'getslice' },
          };
        }
      }
      if (medias.length < LOOKUP_PAGE_SIZE) break;
    }
    return null;
  }

  async remove(account: ChannelAccountContext, externalId: string): Promise<void> {
    await this.session(account).send('POST', '/v2.0/article/remove', { data: { id: externalId } }, 'write');
  }

  async checkConnection(account: ChannelAccountContext): Promise<ConnectionCheck> {
    try {
      const oa = await this.session(account).send<{ oa_id?: string | number; name?: string }>(
        'GET',
        '/v2.0/oa/getoa',
        {},
        'read',
      );
      const oaId = oa.data?.oa_id === undefined ? undefined : String(oa.data.oa_id);
      const expected = account.settings?.oaId === undefined ? undefined : String(account.settings.oaId);
      if (expected && oaId !== expected) {
        return {
          ok: false,
          message: `Mã truy cập thuộc Official Account “${oa.data?.name ?? oaId}” (${oaId}), không phải OA ${expected} đã cấu hình.`,
          details: { oaId, expected },
        };
      }
      return {
        ok: true,
        message: `Đã kết nối Zalo Official Account “${oa.data?.name ?? oaId}”.`,
        details: { oaId, name: oa.data?.name },
      };
    } catch (error) {
      if (error instanceof ChannelError)
        return { ok: false, message: error.message, details: { kind: error.kind, code: error.code } };
      throw error;
    }
  }

  private article(content: ZaloArticle, idempotencyKey: string) {
    const nfc = (text: string) => text.normalize('NFC').trim();
    return {
      type: 'normal',
      title: nfc(content.title),
      author: nfc(content.author),
      description: withZaloMarker(nfc(content.description), idempotencyKey),
      cover: { cover_type: 'photo', photo_url: content.cover.url, status: 'show' },
      body: content.body.map((block) =>
        block.type === 'text'
          ? { type: 'text', content: block.content.normalize('NFC') }
          : { type: 'image', url: block.url, ...(block.caption ? { caption: nfc(block.caption) } : {}) },
      ),
      status: 'show',
      comment: content.comment === false ? 'hide' : 'show',
    };
  }

  /** Polls `article/verify` until the id appears. Past `create` the article may exist, so every failure here is unknown. */
  private async verify(api: Envelopes, token: string): Promise<string> {
    for (let attempt = 1; attempt <= this.verifyMaxAttempts; attempt++) {
      let answer: ZaloEnvelope<{ id?: string | number; article_id?: string | number }>;
      try {
        // A rate limit here only delays the answer; keep polling within the bound.
        answer = await api.send('POST', '/v2.0/article/verify', { data: { token } }, 'read', [
          ZALO_VERIFY_PENDING,
          -32,
        ]);
      } catch (error) {
        if (!(error instanceof ChannelError)) throw error;
        throw new ChannelError(
          'unknown',
          error.code,
          `Zalo đã nhận bài nhưng bước xác nhận gặp lỗi (${error.message}); bài có thể đã được tạo, cần tra cứu trước khi thử lại.`,
          { handle: token, details: { ...error.options.details, token, cause: error.kind } },
        );
      }
      const id = answer.data?.id ?? answer.data?.article_id;
      if (answer.error === 0 && id !== undefined && id !== '') return String(id);
      if (attempt < this.verifyMaxAttempts) await sleep(this.verifyPollMs);
    }
    throw new ChannelError(
      'unknown',
      'zalo.verify_pending',
      `Zalo đã nhận bài nhưng sau ${this.verifyMaxAttempts} lần kiểm tra vẫn chưa xử lý xong; bài có thể đã được tạo, cần tra cứu trước khi thử lại.`,
      { handle: token, details: { token } },
    );
  }

  /**
   * One `article/verify` for a known token: the article once processed (with its link and creation time),
   * null when Zalo does not know the token; still processing is an unknown outcome, asked again later.
   */
  private async verifyOnce(api: Envelopes, token: string): Promise<PublishResult | null> {
    const answer = await api.send<{ id?: string | number; article_id?: string | number }>(
      'POST',
      '/v2.0/article/verify',
      { data: { token } },
      'read',
      [ZALO_VERIFY_PENDING, ZALO_INVALID_FIELD],
    );
    if (answer.error === ZALO_INVALID_FIELD) return null;
    const id = answer.data?.id ?? answer.data?.article_id;
    if (answer.error !== 0 || id === undefined || id === '') {
      throw new ChannelError(
        'unknown',
        'zalo.verify_pending',
        'Zalo vẫn đang xử lý bài viết đã nhận; bài có tồn tại, cần hỏi lại sau khi Zalo xử lý xong.',
        { handle: token, details: { token } },
      );
    }
    const articleId = String(id);
    let publishedAt: Date | undefined;
    try {
      const detail = await api.send<{ create_date?: number | string }>(
        'GET',
        '/v2.0/article/getdetail',
        { params: { id: articleId } },
        'read',
      );
      publishedAt = createDate(detail.data);
    } catch {
      publishedAt = undefined; // the time is only nice to have: the article is found
    }
    return {
      externalId: articleId,
      url: await this.linkOf(api, articleId),
      publishedAt,
      response: { id: articleId, token, foundIn: 'verify' },
    };
  }

  /** The article's public link, from the recent list; only nice to have once the article exists. */
  private async linkOf(api: Envelopes, id: string): Promise<string | null> {
    try {
      const list = await api.send<{ medias?: ZaloMedia[] }>(
        'GET',
        '/v2.0/article/getslice',
        { params: { offset: 0, limit: LOOKUP_PAGE_SIZE, type: 'normal' } },
        'read',
      );
      return list.data?.medias?.find((m) => String(m.id) === id)?.link_view ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Calls for one account: each carries a fresh access token (refreshed ahead of expiry), and a call
   * refused with -216/-220 is retried once after a refresh.
   */
  private session(account: ChannelAccountContext): Envelopes {
    let credentials: ZaloCredentials | undefined;
    const current = () => (credentials ??= readCredentials(account.credentials));
    const appId = account.settings?.appId;

    const refresh = async (rejectedToken: string, rejected: boolean) => {
      if (typeof appId !== 'string' && typeof appId !== 'number') {
        throw new ChannelError(
          'permanent',
          'zalo.settings',
          'Tài khoản Zalo OA chưa có mã ứng dụng (appId); không làm mới được mã truy cập.',
        );
      }
      credentials = await this.store.withLock(`zalo:${account.id}`, async () => {
        const stored = await this.store.read(account.id);
        const latest = readCredentials(stored.credentials);
        const mustRefresh = expiresSoon(latest) || (rejected && latest.accessToken === rejectedToken);
        // Another worker refreshed while this one waited: its token is ours too, and the refresh token it holds is unspent.
        if (!mustRefresh) return latest;
        const next = { ...latest, ...(await this.exchange(latest, String(appId))) };
        // Other stored fields are kept as they are; only the token triple changes.
        const version = await this.persist(account.id, stored.version, { ...stored.credentials, ...next });
        if (version !== null) return next;
        // Written outside the lock (an administrator reconnecting the OA): the stored credentials win.
        return readCredentials((await this.store.read(account.id)).credentials);
      });
    };

    const send = async <T>(
      method: 'GET' | 'POST',
      path: string,
      request: { params?: Record<string, unknown>; data?: unknown },
      phase: ZaloCallPhase,
      accept: number[] = [],
    ): Promise<ZaloEnvelope<T>> => {
      for (let attempt = 0; ; attempt++) {
        if (expiresSoon(current())) await refresh(current().accessToken, false);
        const token = current().accessToken;
        const answer = await this.request(method, path, token, request, phase);
        if (answer.error === 0 || accept.includes(answer.error)) return answer as ZaloEnvelope<T>;
        if (ZALO_AUTH_ERRORS.has(answer.error) && attempt === 0) {
          await refresh(token, true);
          continue;
        }
        throw zaloError(answer);
      }
    };
    return { send };
  }

  /**
   * Stores a refreshed pair. The old refresh token is already spent, so a failed write loses the account:
   * a passing database hiccup gets two more tries.
   */
  private async persist(
    accountId: string,
    expectedVersion: number,
    credentials: Record<string, unknown>,
  ): Promise<number | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.replaceIfVersion(accountId, expectedVersion, credentials);
      } catch (error) {
        if (attempt < 3) {
          await sleep(200 * attempt);
          continue;
        }
        throw new ChannelError(
          'auth_expired',
          'zalo.refresh_not_saved',
          'Đã làm mới mã truy cập Zalo OA nhưng không lưu được mã mới; mã làm mới cũ đã hết hiệu lực, cần kết nối lại Official Account.',
          { details: { reason: (error as Error)?.message } },
        );
      }
    }
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    accessToken: string,
    request: { params?: Record<string, unknown>; data?: unknown },
    phase: ZaloCallPhase,
  ): Promise<ZaloEnvelope> {
    let response: AxiosResponse;
    try {
      response = await this.http.request({
        method,
        url: `${this.apiBaseUrl}${path}`,
        params: request.params,
        data: request.data,
        // Zalo reads the token from an `access_token` header, not from Authorization.
        headers: {
          access_token: accessToken,
          ...(request.data !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        timeout: this.timeoutMs,
        validateStatus: () => true,
      });
    } catch (error) {
      throw zaloTransportError(error, phase);
    }
    const body = response.data as ZaloEnvelope | undefined;
    if (body && typeof body === 'object' && typeof body.error === 'number') return body;
    throw zaloHttpError(response.status, phase);
  }

  /** Spends the refresh token for a new pair (`expires_in` arrives as a string of seconds). */
  private async exchange(
    current: ZaloCredentials,
    appId: string,
  ): Promise<Pick<ZaloCredentials, 'accessToken' | 'refreshToken' | 'accessTokenExpiresAt'>> {
    let response: AxiosResponse;
    try {
      response = await this.http.request({
        method: 'POST',
        url: `${this.oauthBaseUrl}/v4/oa/access_token`,
        data: new URLSearchParams({
          refresh_token: current.refreshToken,
          app_id: appId,
          grant_type: 'refresh_token',
        }).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: current.appSecret },
        timeout: this.timeoutMs,
        validateStatus: () => true,
      });
    } catch (error) {
      throw zaloTransportError(error, 'refresh');
    }
    const body = response.data as
      ({ access_token?: unknown; refresh_token?: unknown; expires_in?: unknown } & ZaloOAuthError) | undefined;
    if (!body || typeof body !== 'object' || typeof body.access_token !== 'string' || body.access_token === '') {
      throw zaloRefreshError(body && typeof body === 'object' ? body : undefined, response.status);
    }
    const seconds = Number.parseInt(String(body.expires_in), 10);
    const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_ACCESS_TOKEN_SECONDS;
    return {
      accessToken: body.access_token,
      refreshToken:
        typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : current.refreshToken,
      accessTokenExpiresAt: new Date(Date.now() + lifetime * 1000).toISOString(),
    };
  }
}

/** Zalo's `create_date` (milliseconds since the epoch) as a time, when it is one. */
function createDate(detail: { create_date?: number | string } | undefined): Date | undefined {
  const ms = Number(detail?.create_date);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms) : undefined;
}
