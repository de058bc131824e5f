import { createHmac, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Facebook Graph API (Pages) that enforces what Nhịp relies on, on a random 127.0.0.1 port:
 * - page access tokens: missing → 104, unknown → 190, expired → 190/463, invalidated → 190/460; a token
 *   acts only on its own Page (else 200) and needs pages_manage_posts to write (200) and
 *   pages_read_engagement to list posts (10);
 * - `/{page}/feed`: a message, link or attached_media is required (100); message ≤ 63,206 characters
 *   (100); link must be an http(s) URL (100); `scheduled_publish_time` only on `published=false`, a UNIX
 *   time 10 minutes to 30 days ahead (100); every `attached_media[i]` must be `{"media_fbid":…}` naming
 *   an unpublished, not yet attached photo of the same Page (100); the same message twice in a row is a
 *   duplicate (506);
 * - `/{page}/photos`: `url` required (324) and valid (100); published → a photo post
 *   (`{id, post_id}`), `published=false` → an unpublished photo for attached_media;
 * - `/{page}/posts` lists live posts newest first with `fields`, `limit` (≤ 100) and cursor paging;
 *   `/{page}/scheduled_posts` lists posts waiting for their time; `DELETE /{id}` (unknown → 100/33);
 * - a per-Page hourly call limit answered with 32 and the `X-Business-Use-Case-Usage` header;
 * - a Page throttle (`throttlePage`): once the Page has made its allowed calls, every call made with its
 *   token fails (code 32, 4, 17 or 613) until the throttle ends, each answer carrying the minutes left in
 *   `estimated_time_to_regain_access`, as Graph does ("any subsequent requests … will fail until enough
 *   time has passed").
 * Tests inject errors (`failNext`, `rateLimitNext`) and lost answers (`hangAfterCommit`: the write is
 * carried out, then the answer never comes or the connection is reset), and inspect `calls`, `posts()`
 * and `photos()`.
 */

export interface FakePage {
  id: string;
  name: string;
}

export interface FakePageToken {
  token: string;
  pageId: string;
  permissions: string[];
  expired: boolean;
  invalidated: boolean;
}

export interface FakePost {
  id: string;
  pageId: string;
  kind: 'status' | 'link' | 'photo' | 'album';
  message?: string;
  link?: string;
  photoIds: string[];
  published: boolean;
  scheduledPublishTime?: number;
  createdTime: Date;
  deleted: boolean;
}

export interface FakePhoto {
  id: string;
  pageId: string;
  url: string;
  caption?: string;
  published: boolean;
  temporary: boolean;
  /** The feed post this unpublished photo was attached to. */
  attachedTo?: string;
  /** The photo post a published photo created. */
  postId?: string;
  createdTime: Date;
  deleted: boolean;
}

export interface FakeGraphCall {
  method: string;
  /** Path without the version, e.g. "1000001/feed". */
  path: string;
  /** Every parameter (query and body) except the access token. */
  params: Record<string, string>;
  token?: string;
  /** Whether the token came in the URL's query (Graph accepts it; it lands in every log on the way). */
  tokenInUrl: boolean;
  status?: number;
  errorCode?: number;
  /** When the call arrived (ms since the epoch). */
  at: number;
}

export interface InjectedGraphError {
  code: number;
  subcode?: number;
  message?: string;
  type?: string;
  status?: number;
  headers?: Record<string, string>;
  isTransient?: boolean;
}

type CallMatcher = (call: { method: string; path: string }) => boolean;

interface Injection<T> {
  value: T;
  times: number;
  match?: CallMatcher;
}

export interface FakeGraphApiOptions {
  version?: string;
  /** Calls per Page per rolling hour before code 32 (default: unlimited). */
  pageCallLimit?: number;
  /** `estimated_time_to_regain_access` (minutes) sent with code 32. */
  regainMinutes?: number;
  /**
   * The app is set to "Require App Secret": every call must carry `appsecret_proof`, HMAC-SHA256 of its
   * token keyed with this secret (hex), or Graph answers code 100.
   */
  appSecret?: string;
}

class GraphFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra: {
      subcode?: number;
      type?: string;
      status?: number;
      headers?: Record<string, string>;
      isTransient?: boolean;
    } = {},
  ) {
    super(message);
  }
}

const MESSAGE_MAX = 63_206;
const WRITE_PERMISSION = 'pages_manage_posts';
const READ_PERMISSION = 'pages_read_engagement';

const chars = (text: string) => [...text.normalize('NFC')].length;

function isHttpUrl(value: string | undefined): boolean {
  if (!value) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function parseBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new GraphFailure(100, `(#100) Param published must be a boolean`);
}

export class FakeGraphApi {
  readonly calls: FakeGraphCall[] = [];
  private readonly version: string;
  private readonly appSecret?: string;
  private readonly pageCallLimit: number;
  private readonly regainMinutes: number;
  private readonly pages = new Map<string, FakePage>();
  private readonly tokens = new Map<string, FakePageToken>();
  private readonly postList: FakePost[] = [];
  private readonly photoList: FakePhoto[] = [];
  private readonly pageCalls = new Map<string, number[]>();
  private readonly failures: Array<Injection<InjectedGraphError>> = [];
  private readonly hangs: Array<Injection<'hang' | 'reset'>> = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly throttles = new Map<
    string,
    {
      afterCalls: number;
      forMs: number;
      code: 4 | 17 | 32 | 613;
      header: 'business' | 'page';
      calls: number;
      until?: number;
    }
  >();
  private server: Server;
  private port = 0;
  private nextId = 9_100_000_000;
  private nextPageId = 1_000_001;

  private constructor(options: FakeGraphApiOptions) {
    this.version = options.version ?? 'v23.0';
    this.pageCallLimit = options.pageCallLimit ?? Infinity;
    this.regainMinutes = options.regainMinutes ?? 17;
    this.appSecret = options.appSecret;
  }

  static async start(options: FakeGraphApiOptions = {}): Promise<FakeGraphApi> {
    const fake = new FakeGraphApi(options);
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** Graph root including the version, as the adapter's `graphBaseUrl`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/${this.version}`;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addPage(input: { id?: string; name: string }): FakePage {
    const page = { id: input.id ?? String(this.nextPageId++), name: input.name };
    this.pages.set(page.id, page);
    return page;
  }

  issuePageToken(pageId: string, options: { permissions?: string[]; expired?: boolean } = {}): string {
    const token = `EAAfake${randomBytes(12).toString('hex')}`;
    this.tokens.set(token, {
      token,
      pageId,
      permissions: options.permissions ?? [WRITE_PERMISSION, READ_PERMISSION],
      expired: options.expired ?? false,
      invalidated: false,
    });
    return token;
  }

  expireToken(token: string): void {
    this.tokens.get(token)!.expired = true;
  }

  invalidateToken(token: string): void {
    this.tokens.get(token)!.invalidated = true;
  }

  /** The next matching call(s) fail with this error before anything is done. */
  failNext(error: InjectedGraphError, options: { times?: number; match?: CallMatcher } = {}): void {
    this.failures.push({ value: error, times: options.times ?? 1, match: options.match });
  }

  /** The next matching call(s) are rate limited with `code`, reporting the wait in the given usage header. */
  rateLimitNext(
    code: 4 | 17 | 32 | 613,
    options: {
      header?: 'business' | 'page' | 'app' | 'none';
      regainMinutes?: number;
      times?: number;
      match?: CallMatcher;
    } = {},
  ): void {
    const minutes = options.regainMinutes ?? this.regainMinutes;
    const usage = { call_count: 100, total_cputime: 42, total_time: 57, estimated_time_to_regain_access: minutes };
    const headers: Record<string, string> = {};
    const which = options.header ?? 'business';
    if (which === 'business')
      headers['X-Business-Use-Case-Usage'] = JSON.stringify({ '0': [{ type: 'pages', ...usage }] });
    if (which === 'page') headers['X-Page-Usage'] = JSON.stringify(usage);
    if (which === 'app')
      headers['X-App-Usage'] = JSON.stringify({ call_count: 100, total_cputime: 42, total_time: 57 });
    const messages: Record<number, string> = {
      4: '(#4) Application request limit reached',
      17: '(#17) User request limit reached',
      32: '(#32) Page request limit reached',
      613: '(#613) Calls to this api have exceeded the rate limit.',
    };
    this.failNext({ code, message: messages[code], headers }, { times: options.times, match: options.match });
  }

  /**
   * Throttles a Page: its first `afterCalls` calls go through, then every call with its token fails with
   * `code` for `forMs` from the first refused one. The usage header reports the whole minutes left.
   */
  throttlePage(
    pageId: string,
    options: { afterCalls?: number; forMs: number; code?: 4 | 17 | 32 | 613; header?: 'business' | 'page' },
  ): void {
    this.throttles.set(pageId, {
      afterCalls: options.afterCalls ?? 0,
      forMs: options.forMs,
      code: options.code ?? 32,
      header: options.header ?? 'business',
      calls: 0,
    });
  }

  /** When the throttle of a Page ends (undefined while it has not started). */
  throttledUntil(pageId: string): number | undefined {
    return this.throttles.get(pageId)?.until;
  }

  /** The next matching write (POST/DELETE) is carried out, then its answer is lost: never sent ('hang') or the connection reset. */
  hangAfterCommit(mode: 'hang' | 'reset' = 'hang', options: { times?: number; match?: CallMatcher } = {}): void {
    this.hangs.push({ value: mode, times: options.times ?? 1, match: options.match });
  }

  /** Posts of a Page in creation order (deleted ones only when asked). */
  posts(pageId: string, options: { includeDeleted?: boolean } = {}): FakePost[] {
    return this.postList
      .filter((p) => p.pageId === pageId && (options.includeDeleted || !p.deleted))
      .map((p) => ({ ...p, photoIds: [...p.photoIds] }));
  }

  photos(pageId: string): FakePhoto[] {
    return this.photoList.filter((p) => p.pageId === pageId).map((p) => ({ ...p }));
  }

  callCount(method: string, path: RegExp): number {
    return this.calls.filter((c) => c.method === method && path.test(c.path)).length;
  }

  private take<T>(list: Array<Injection<T>>, call: { method: string; path: string }): T | undefined {
    const index = list.findIndex((i) => !i.match || i.match(call));
    if (index < 0) return undefined;
    const injection = list[index];
    if (--injection.times <= 0) list.splice(index, 1);
    return injection.value;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    try {
      Object.assign(params, parseBody(String(req.headers['content-type'] ?? ''), raw));
    } catch (error) {
      return this.fail(res, undefined, error as GraphFailure);
    }
    const bearer = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    const token = params.access_token ?? bearer;
    const tokenInUrl = url.searchParams.has('access_token');
    const proof = params.appsecret_proof;
    delete params.access_token;
    delete params.appsecret_proof;
    const match = /^\/(v\d+\.\d+)\/(.+)$/.exec(url.pathname);
    const path = match ? match[2].replace(/\/+$/, '') : url.pathname;
    const call: FakeGraphCall = { method, path, params, token, tokenInUrl, at: Date.now() };
    this.calls.push(call);
    try {
      if (!match || match[1] !== this.version)
        throw new GraphFailure(100, `(#100) Unknown path components: ${url.pathname}`, { status: 400 });
      const injected = this.take(this.failures, call);
      if (injected) {
        throw new GraphFailure(injected.code, injected.message ?? `(#${injected.code}) Injected error`, {
          subcode: injected.subcode,
          type: injected.type,
          status: injected.status,
          headers: injected.headers,
          isTransient: injected.isTransient,
        });
      }
      const pageToken = this.authenticate(token);
      this.checkProof(token!, proof);
      this.throttle(pageToken.pageId);
      const headers = this.countPageCall(pageToken.pageId);
      const result = this.route(method, path.split('/'), params, pageToken);
      call.status = 200;
      const lost = method !== 'GET' ? this.take(this.hangs, call) : undefined;
      if (lost === 'reset') return void req.socket.destroy();
      if (lost === 'hang') return void this.hanging.add(res);
      send(res, 200, result, headers);
    } catch (error) {
      if (!(error instanceof GraphFailure)) {
        call.status = 500;
        return send(res, 500, { error: { message: String(error), type: 'FakeInternal', code: 1 } });
      }
      this.fail(res, call, error);
    }
  }

  private fail(res: ServerResponse, call: FakeGraphCall | undefined, error: GraphFailure): void {
    const status = error.extra.status ?? 400;
    if (call) {
      call.status = status;
      call.errorCode = error.code;
    }
    send(
      res,
      status,
      {
        error: {
          message: error.message,
          type: error.extra.type ?? 'OAuthException',
          code: error.code,
          ...(error.extra.subcode !== undefined ? { error_subcode: error.extra.subcode } : {}),
          ...(error.extra.isTransient !== undefined ? { is_transient: error.extra.isTransient } : {}),
          fbtrace_id: randomBytes(8).toString('base64url'),
        },
      },
      error.extra.headers,
    );
  }

  private checkProof(token: string, proof: string | undefined): void {
    if (!this.appSecret) return;
    if (!proof)
      throw new GraphFailure(100, 'API calls from the server require an appsecret_proof argument', {
        type: 'GraphMethodException',
      });
    if (proof !== createHmac('sha256', this.appSecret).update(token).digest('hex'))
      throw new GraphFailure(100, 'Invalid appsecret_proof provided in the API argument', {
        type: 'GraphMethodException',
      });
  }

  private authenticate(token: string | undefined): FakePageToken {
    if (!token) throw new GraphFailure(104, 'An access token is required to request this resource.');
    const found = this.tokens.get(token);
    if (!found) throw new GraphFailure(190, 'Invalid OAuth access token - Cannot parse access token');
    if (found.invalidated) {
      throw new GraphFailure(
        190,
        'Error validating access token: The session has been invalidated because the user changed their password.',
        { subcode: 460 },
      );
    }
    if (found.expired)
      throw new GraphFailure(190, 'Error validating access token: Session has expired.', { subcode: 463 });
    return found;
  }

  private throttle(pageId: string): void {
    const throttle = this.throttles.get(pageId);
    if (!throttle) return;
    const now = Date.now();
    if (throttle.until === undefined) {
      if (++throttle.calls <= throttle.afterCalls) return;
      throttle.until = now + throttle.forMs;
    }
    if (now >= throttle.until) return;
    const usage = {
      call_count: 100,
      total_cputime: 30,
      total_time: 40,
      estimated_time_to_regain_access: Math.ceil((throttle.until - now) / 60_000),
    };
    const headers: Record<string, string> =
      throttle.header === 'page'
        ? { 'X-Page-Usage': JSON.stringify(usage) }
        : { 'X-Business-Use-Case-Usage': JSON.stringify({ [pageId]: [{ type: 'pages', ...usage }] }) };
    const messages = {
      4: 'Application request limit reached',
      17: 'User request limit reached',
      32: 'Page request limit reached',
      613: 'Calls to this api have exceeded the rate limit.',
    };
    throw new GraphFailure(throttle.code, `(#${throttle.code}) ${messages[throttle.code]}`, { headers });
  }

  private countPageCall(pageId: string): Record<string, string> {
    const now = Date.now();
    const recent = (this.pageCalls.get(pageId) ?? []).filter((t) => now - t < 3600_000);
    recent.push(now);
    this.pageCalls.set(pageId, recent);
    if (!Number.isFinite(this.pageCallLimit)) return {};
    const percent = Math.round((recent.length / this.pageCallLimit) * 100);
    const over = recent.length > this.pageCallLimit;
    const usage = {
      [pageId]: [
        {
          type: 'pages',
          call_count: percent,
          total_cputime: 5,
          total_time: 5,
          estimated_time_to_regain_access: over ? this.regainMinutes : 0,
        },
      ],
    };
    const headers = { 'X-Business-Use-Case-Usage': JSON.stringify(usage) };
    if (over) throw new GraphFailure(32, '(#32) Page request limit reached', { headers });
    return headers;
  }

  private route(method: string, segments: string[], params: Record<string, string>, token: FakePageToken): unknown {
    if (segments.length === 1) {
      const [id] = segments;
      if (method === 'GET') return this.readObject(id, params);
      if (method === 'DELETE') return this.deleteObject(id, token);
      if (method === 'POST') return this.editPost(id, params, token);
    }
    if (segments.length === 2) {
      const [pageId, edge] = segments;
      const page = this.pages.get(pageId);
      if (!page) {
        throw new GraphFailure(
          100,
          `Unsupported ${method.toLowerCase()} request. Object with ID '${pageId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
          { subcode: 33, type: 'GraphMethodException' },
        );
      }
      if (method === 'POST' && edge === 'feed') return this.createFeedPost(page, params, this.writer(token, page));
      if (method === 'POST' && edge === 'photos') return this.createPhoto(page, params, this.writer(token, page));
      if (method === 'GET' && (edge === 'posts' || edge === 'feed')) return this.listPosts(page, params, token, 'live');
      if (method === 'GET' && edge === 'scheduled_posts') return this.listPosts(page, params, token, 'scheduled');
    }
    throw new GraphFailure(100, `(#100) Unknown path components: /${segments.join('/')}`);
  }

  private writer(token: FakePageToken, page: FakePage): FakePageToken {
    if (token.pageId !== page.id || !token.permissions.includes(WRITE_PERMISSION)) {
      throw new GraphFailure(
        200,
        '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
      );
    }
    return token;
  }

  private reader(token: FakePageToken, page: FakePage): void {
    if (token.pageId !== page.id || !token.permissions.includes(READ_PERMISSION)) {
      throw new GraphFailure(
        10,
        "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature.",
      );
    }
  }

  private createFeedPost(page: FakePage, params: Record<string, string>, _token: FakePageToken): { id: string } {
    const message = params.message;
    const link = params.link;
    const media = this.attachedMedia(page, params);
    if (!message && !link && media.length === 0)
      throw new GraphFailure(100, '(#100) The parameter message is required');
    if (message && chars(message) > MESSAGE_MAX)
      throw new GraphFailure(100, `(#100) Param message must be at most ${MESSAGE_MAX} characters long`);
    if (link !== undefined && !isHttpUrl(link)) throw new GraphFailure(100, '(#100) Param link must be a valid URL');
    const published = parseBool(params.published, true);
    let scheduledPublishTime: number | undefined;
    if (params.scheduled_publish_time !== undefined) {
      if (!/^\d+$/.test(params.scheduled_publish_time))
        throw new GraphFailure(100, '(#100) Param scheduled_publish_time must be a UNIX timestamp');
      if (published) throw new GraphFailure(100, '(#100) Cannot specify a scheduled publish time on a published post');
      scheduledPublishTime = Number(params.scheduled_publish_time);
      const lead = scheduledPublishTime * 1000 - Date.now();
      if (lead < 10 * 60_000 || lead > 30 * 24 * 3600_000)
        throw new GraphFailure(100, '(#100) The specified scheduled publish time is invalid.');
    }
    const last = this.postList.filter((p) => p.pageId === page.id && !p.deleted).at(-1);
    if (message && last?.message === message) throw new GraphFailure(506, '(#506) Duplicate status message');

    const post = this.addPost(page, {
      kind: media.length ? 'album' : link ? 'link' : 'status',
      message,
      link,
      photoIds: media.map((p) => p.id),
      published,
      scheduledPublishTime,
    });
    for (const photo of media) photo.attachedTo = post.id;
    return { id: post.id };
  }

  private attachedMedia(page: FakePage, params: Record<string, string>): FakePhoto[] {
    const entries = Object.entries(params)
      .map(([key, value]) => ({ index: /^attached_media\[(\d+)\]$/.exec(key)?.[1], value }))
      .filter((e): e is { index: string; value: string } => e.index !== undefined)
      .map((e) => ({ index: Number(e.index), value: e.value }))
      .sort((a, b) => a.index - b.index);
    if (params.attached_media !== undefined)
      throw new GraphFailure(100, '(#100) param attached_media must be an array');
    entries.forEach((e, i) => {
      if (e.index !== i) throw new GraphFailure(100, '(#100) param attached_media must be an array');
    });
    const seen = new Set<string>();
    return entries.map(({ index, value }) => {
      let fbid: unknown;
      try {
        fbid = (JSON.parse(value) as { media_fbid?: unknown }).media_fbid;
      } catch {
        fbid = undefined;
      }
      if (typeof fbid !== 'string' && typeof fbid !== 'number') {
        throw new GraphFailure(100, `(#100) param attached_media[${index}] must be a JSON object with a media_fbid`);
      }
      const photo = this.photoList.find((p) => p.id === String(fbid) && !p.deleted);
      if (!photo || photo.pageId !== page.id || photo.published || photo.attachedTo || seen.has(photo.id)) {
        throw new GraphFailure(
          100,
          `(#100) attached_media[${index}]: media_fbid ${String(fbid)} is not an unpublished photo of this Page that can be attached`,
        );
      }
      seen.add(photo.id);
      return photo;
    });
  }

  private createPhoto(
    page: FakePage,
    params: Record<string, string>,
    _token: FakePageToken,
  ): { id: string; post_id?: string } {
    if (!params.url) throw new GraphFailure(324, '(#324) Requires upload file');
    if (!isHttpUrl(params.url)) throw new GraphFailure(100, '(#100) url should represent a valid URL');
    const caption = params.caption ?? params.message;
    if (caption && chars(caption) > MESSAGE_MAX)
      throw new GraphFailure(100, `(#100) Param caption must be at most ${MESSAGE_MAX} characters long`);
    if (params.scheduled_publish_time !== undefined) {
      // The adapter schedules photos through attached_media; this fake does not model scheduled photo uploads.
      throw new GraphFailure(100, '(#100) scheduled_publish_time on /photos is not supported by the fake Graph API');
    }
    const published = parseBool(params.published, true);
    const photo: FakePhoto = {
      id: String(this.nextId++),
      pageId: page.id,
      url: params.url,
      caption,
      published,
      temporary: parseBool(params.temporary, false),
      createdTime: new Date(),
      deleted: false,
    };
    this.photoList.push(photo);
    if (!published) return { id: photo.id };
    const post = this.addPost(page, { kind: 'photo', message: caption, photoIds: [photo.id], published: true });
    photo.postId = post.id;
    return { id: photo.id, post_id: post.id };
  }

  private addPost(page: FakePage, input: Omit<FakePost, 'id' | 'pageId' | 'createdTime' | 'deleted'>): FakePost {
    const post: FakePost = {
      id: `${page.id}_${this.nextId++}`,
      pageId: page.id,
      createdTime: new Date(),
      deleted: false,
      ...input,
    };
    this.postList.push(post);
    return post;
  }

  private isLive(post: FakePost): boolean {
    return (
      post.published || (post.scheduledPublishTime !== undefined && post.scheduledPublishTime * 1000 <= Date.now())
    );
  }

  private listPosts(page: FakePage, params: Record<string, string>, token: FakePageToken, which: 'live' | 'scheduled') {
    this.reader(token, page);
    const limit = params.limit === undefined ? 25 : Number(params.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new GraphFailure(100, '(#100) Param limit must be between 1 and 100');
    const fields = (params.fields ?? 'id,message,created_time').split(',').map((f) => f.trim());
    const all = this.postList
      .filter((p) => p.pageId === page.id && !p.deleted)
      .filter((p) => (which === 'live' ? this.isLive(p) : !this.isLive(p) && p.scheduledPublishTime !== undefined))
      .reverse();
    const offset = params.after ? Number(Buffer.from(params.after, 'base64url').toString()) : 0;
    const slice = all.slice(offset, offset + limit);
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
    const more = offset + limit < all.length;
    return {
      data: slice.map((p) => this.postFields(p, fields)),
      paging: {
        cursors: { before: cursor(offset), after: cursor(offset + slice.length) },
        ...(more
          ? {
              next: `${this.baseUrl}/${page.id}/${which === 'live' ? 'posts' : 'scheduled_posts'}?limit=${limit}&after=${cursor(offset + slice.length)}`,
            }
          : {}),
      },
    };
  }

  private postFields(post: FakePost, fields: string[]): Record<string, unknown> {
    const all: Record<string, unknown> = {
      id: post.id,
      message: post.message,
      created_time: post.createdTime.toISOString().replace('Z', '+0000'),
      permalink_url: `https://www.facebook.com/${post.pageId}/posts/${post.id.split('_')[1]}`,
      is_published: this.isLive(post),
      scheduled_publish_time: post.scheduledPublishTime,
    };
    const picked: Record<string, unknown> = { id: post.id };
    for (const field of fields) if (all[field] !== undefined) picked[field] = all[field];
    return picked;
  }

  private readObject(id: string, params: Record<string, string>): Record<string, unknown> {
    const page = this.pages.get(id);
    if (page) return { id: page.id, name: page.name };
    const post = this.postList.find((p) => p.id === id && !p.deleted);
    if (post) return this.postFields(post, (params.fields ?? 'id,message,created_time').split(','));
    const photo = this.photoList.find((p) => p.id === id && !p.deleted);
    if (photo) return { id: photo.id };
    throw new GraphFailure(
      100,
      `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      { subcode: 33, type: 'GraphMethodException' },
    );
  }

  private deleteObject(id: string, token: FakePageToken): { success: true } {
    const post = this.postList.find((p) => p.id === id && !p.deleted);
    const photo = this.photoList.find((p) => p.id === id && !p.deleted);
    const target = post ?? photo;
    if (!target) {
      throw new GraphFailure(
        100,
        `Unsupported delete request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        { subcode: 33, type: 'GraphMethodException' },
      );
    }
    this.writer(token, this.pages.get(target.pageId)!);
    target.deleted = true;
    return { success: true };
  }

  private editPost(id: string, params: Record<string, string>, token: FakePageToken): { success: true } {
    const post = this.postList.find((p) => p.id === id && !p.deleted);
    if (!post) {
      throw new GraphFailure(100, `Unsupported post request. Object with ID '${id}' does not exist.`, {
        subcode: 33,
        type: 'GraphMethodException',
      });
    }
    this.writer(token, this.pages.get(post.pageId)!);
    if (params.message !== undefined) {
      if (chars(params.message) > MESSAGE_MAX)
        throw new GraphFailure(100, `(#100) Param message must be at most ${MESSAGE_MAX} characters long`);
      post.message = params.message;
    }
    return { success: true };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(contentType: string, raw: string): Record<string, string> {
  if (raw === '') return {};
  if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  if (contentType.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new GraphFailure(100, '(#100) Could not parse the JSON body');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new GraphFailure(100, '(#100) The JSON body must be an object');
    return Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  }
  throw new GraphFailure(100, `(#100) Unsupported content type in the fake Graph API: ${contentType || 'none'}`);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
