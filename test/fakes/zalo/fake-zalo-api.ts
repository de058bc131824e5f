import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Zalo Official Account Open API and its OAuth server on a random 127.0.0.1 port, enforcing what
 * Nhịp relies on. The Open API lives under `/openapi` (`apiBaseUrl`), OAuth under `/oauth`
 * (`oauthBaseUrl`), so an adapter mixing the two bases fails.
 * - Every answer is HTTP 200 with `{error, message, data}`; the token is read from the `access_token`
 *   header only (missing or unknown → -216, expired → -220).
 * - `POST /v2.0/article/create` (JSON): type "normal", title ≤ 150, author ≤ 50, description ≤ 300
 *   (all required, characters counted after NFC), cover `{cover_type:"photo", photo_url: http(s), status}`,
 *   a non-empty body of text/image blocks, status and comment "show"|"hide" — else -201 naming the field;
 *   answers `data.token`.
 * - `POST /v2.0/article/verify {token}` answers -214 (still processing) `verifyPendingCount` times per
 *   article, then `data.id`; and, with `processingMs`, for that long after the create.
 * - Like Zalo, `getslice` lists an article only once it has processed (`processingMs` after the create).
 * - `GET /v2.0/article/getslice` (limit 1–10, type normal|video), `GET /v2.0/article/getdetail?id`,
 *   `POST /v2.0/article/remove {id}`, `GET /v2.0/oa/getoa`.
 * - A per-OA request limit per rolling minute (-32).
 * - `POST /oauth/v4/oa/access_token` (form, `secret_key` header): `grant_type=refresh_token` with an app's
 *   unspent refresh token returns a new pair with `expires_in` as a string; the old refresh token is spent
 *   (reusing it fails), a wrong secret or app fails. `refreshDelayMs` holds the answer back (after the
 *   old token is spent) to widen races.
 * Tests inject errors (`failNext`) and lost answers (`hangAfterCommit` after a write, `loseAnswer` for
 * any call) and inspect `calls`,
 * `articles()` and the refresh counters.
 */

export interface FakeZaloOptions {
  /** How many times `article/verify` answers "still processing" for each article. */
  verifyPendingCount?: number;
  /** How long an article takes to process after its create: unlisted, and "still processing", until then. */
  processingMs?: number;
  /** Delay of a successful refresh's answer, after the old refresh token is spent. */
  refreshDelayMs?: number;
  /** Open API requests per OA per rolling minute before -32 (default 4,000). */
  rateLimitPerMinute?: number;
  /** Lifetime of issued access tokens, in seconds (Zalo: 90,000). */
  accessTokenTtlSeconds?: number;
}

export interface FakeOa {
  oaId: string;
  name: string;
  appId: string;
  appSecret: string;
}

export interface FakeArticle {
  id: string;
  oaId: string;
  /** The processing token `create` answered. */
  token: string;
  /** The access token the article was created with. */
  createdWith: string;
  type: string;
  title: string;
  author: string;
  description: string;
  cover: { cover_type: string; photo_url: string; status: string };
  body: Array<Record<string, unknown>>;
  status: string;
  comment: string;
  pendingVerifies: number;
  createdAt: Date;
  removed: boolean;
}

export interface FakeZaloCall {
  server: 'openapi' | 'oauth';
  method: string;
  /** Path under its server, e.g. "/v2.0/article/create" or "/v4/oa/access_token". */
  path: string;
  accessToken?: string;
  query: Record<string, string>;
  body?: unknown;
  /** The `error` answered (0 on success). */
  error?: number;
}

interface AccessTokenState {
  oaId: string;
  expiresAt: number;
}

interface RefreshTokenState {
  oaId: string;
  appId: string;
  spent: boolean;
  expiresAt: number;
}

type CallMatcher = (call: FakeZaloCall) => boolean;

class ZaloFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const chars = (text: string) => [...text.normalize('NFC')].length;

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export class FakeZaloApi {
  readonly calls: FakeZaloCall[] = [];
  /** Refresh requests received, successful or not. */
  refreshCalls = 0;
  refreshSuccesses = 0;
  private readonly options: Required<FakeZaloOptions>;
  private readonly oas = new Map<string, FakeOa>();
  private readonly accessTokens = new Map<string, AccessTokenState>();
  private readonly refreshTokens = new Map<string, RefreshTokenState>();
  private readonly articleList: FakeArticle[] = [];
  private readonly requestTimes = new Map<string, number[]>();
  private readonly failures: Array<{ error: number; message: string; times: number; match?: CallMatcher }> = [];
  private readonly hangs: Array<{ mode: 'hang' | 'reset'; times: number; match?: CallMatcher }> = [];
  private readonly lostAnswers: Array<{ times: number; match?: CallMatcher }> = [];
  private readonly hanging = new Set<ServerResponse>();
  private server: Server;
  private port = 0;
  private nextOaId = 4_300_000_000_000_000_000n;

  private constructor(options: FakeZaloOptions) {
    this.options = {
      verifyPendingCount: options.verifyPendingCount ?? 0,
      processingMs: options.processingMs ?? 0,
      refreshDelayMs: options.refreshDelayMs ?? 0,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 4_000,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 90_000,
    };
  }

  static async start(options: FakeZaloOptions = {}): Promise<FakeZaloApi> {
    const fake = new FakeZaloApi(options);
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get apiBaseUrl(): string {
    return `http://127.0.0.1:${this.port}/openapi`;
  }

  get oauthBaseUrl(): string {
    return `http://127.0.0.1:${this.port}/oauth`;
  }

  /** Changes how many "still processing" answers each article created from now on gets. */
  setVerifyPendingCount(count: number): void {
    this.options.verifyPendingCount = count;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  registerOa(input: { name: string; oaId?: string; appId?: string; appSecret?: string }): FakeOa {
    const oa: FakeOa = {
      oaId: input.oaId ?? String(this.nextOaId++),
      name: input.name,
      appId: input.appId ?? String(1_000_000_000 + Math.floor(Math.random() * 1e9)),
      appSecret: input.appSecret ?? randomBytes(10).toString('base64url'),
    };
    this.oas.set(oa.oaId, oa);
    return oa;
  }

  /** A token pair as the OA's first authorisation would give it; the access token lives `accessTokenExpiresInSeconds`. */
  issueTokens(
    oaId: string,
    options: { accessTokenExpiresInSeconds?: number } = {},
  ): { accessToken: string; refreshToken: string; accessTokenExpiresAt: string } {
    const oa = this.oas.get(oaId)!;
    const expiresAt = Date.now() + (options.accessTokenExpiresInSeconds ?? this.options.accessTokenTtlSeconds) * 1000;
    const accessToken = `zat-${randomBytes(12).toString('hex')}`;
    const refreshToken = `zrt-${randomBytes(12).toString('hex')}`;
    this.accessTokens.set(accessToken, { oaId, expiresAt });
    this.refreshTokens.set(refreshToken, {
      oaId,
      appId: oa.appId,
      spent: false,
      expiresAt: Date.now() + 90 * 24 * 3600_000,
    });
    return { accessToken, refreshToken, accessTokenExpiresAt: new Date(expiresAt).toISOString() };
  }

  /** Zalo stops accepting the access token now, whatever its stated lifetime. */
  expireAccessToken(token: string): void {
    this.accessTokens.get(token)!.expiresAt = Date.now() - 1;
  }

  isAccessTokenValid(token: string): boolean {
    const state = this.accessTokens.get(token);
    return !!state && state.expiresAt > Date.now();
  }

  isRefreshTokenValid(token: string): boolean {
    const state = this.refreshTokens.get(token);
    return !!state && !state.spent && state.expiresAt > Date.now();
  }

  /** The next matching Open API call(s) answer this error before anything is done. */
  failNext(error: number, message: string, options: { times?: number; match?: CallMatcher } = {}): void {
    this.failures.push({ error, message, times: options.times ?? 1, match: options.match });
  }

  /** The next matching write (POST) is carried out, then its answer is lost: never sent ('hang') or the connection reset. */
  hangAfterCommit(mode: 'hang' | 'reset' = 'hang', options: { times?: number; match?: CallMatcher } = {}): void {
    this.hangs.push({ mode, times: options.times ?? 1, match: options.match });
  }

  /**
   * The next matching call(s) are handled as usual, then their answer, whatever it says (an id, "still
   * processing", an error), never comes back: a network lost on the way back, for reads as for writes.
   */
  loseAnswer(options: { times?: number; match?: CallMatcher } = {}): void {
    this.lostAnswers.push({ times: options.times ?? 1, match: options.match });
  }

  articles(oaId: string, options: { includeRemoved?: boolean } = {}): FakeArticle[] {
    return this.articleList
      .filter((a) => a.oaId === oaId && (options.includeRemoved || !a.removed))
      .map((a) => ({ ...a }));
  }

  callsTo(path: string): FakeZaloCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  private take<T extends { times: number; match?: CallMatcher }>(list: T[], call: FakeZaloCall): T | undefined {
    const index = list.findIndex((i) => !i.match || i.match(call));
    if (index < 0) return undefined;
    const found = list[index];
    if (--found.times <= 0) list.splice(index, 1);
    return found;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    const [, server, path] = /^\/(openapi|oauth)(\/.*)$/.exec(url.pathname) ?? [];
    if (!server) return send(res, 404, { error: -404, message: 'Not found' });
    const call: FakeZaloCall = {
      server: server as FakeZaloCall['server'],
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      accessToken: typeof req.headers.access_token === 'string' ? req.headers.access_token : undefined,
    };
    this.calls.push(call);
    if (call.server === 'oauth') return this.oauth(req, res, call, raw);

    try {
      call.body = parseJsonBody(String(req.headers['content-type'] ?? ''), raw, call.method);
      const injected = this.take(this.failures, call);
      if (injected) throw new ZaloFailure(injected.error, injected.message);
      const oaId = this.authenticate(call.accessToken);
      this.countRequest(oaId);
      const data = this.route(call, oaId);
      call.error = 0;
      const lost = call.method === 'POST' ? this.take(this.hangs, call) : undefined;
      if (lost?.mode === 'reset') return void req.socket.destroy();
      if (lost?.mode === 'hang' || this.take(this.lostAnswers, call)) return void this.hanging.add(res);
      send(res, 200, { error: 0, message: 'Success', ...(data === undefined ? {} : { data }) });
    } catch (error) {
      if (!(error instanceof ZaloFailure)) throw error;
      call.error = error.code;
      if (this.take(this.lostAnswers, call)) return void this.hanging.add(res);
      send(res, 200, { error: error.code, message: error.message });
    }
  }

  private authenticate(token: string | undefined): string {
    const state = token ? this.accessTokens.get(token) : undefined;
    if (!state) throw new ZaloFailure(-216, 'Access token is invalid');
    if (state.expiresAt <= Date.now()) throw new ZaloFailure(-220, 'Access token has expired');
    return state.oaId;
  }

  private countRequest(oaId: string): void {
    const now = Date.now();
    const recent = (this.requestTimes.get(oaId) ?? []).filter((t) => now - t < 60_000);
    recent.push(now);
    this.requestTimes.set(oaId, recent);
    if (recent.length > this.options.rateLimitPerMinute)
      throw new ZaloFailure(-32, 'The request limit per minute of this Official Account has been exceeded');
  }

  private route(call: FakeZaloCall, oaId: string): unknown {
    const key = `${call.method} ${call.path}`;
    const body = (call.body ?? {}) as Record<string, unknown>;
    switch (key) {
      case 'POST /v2.0/article/create':
        return this.create(oaId, body, call.accessToken!);
      case 'POST /v2.0/article/verify': {
        const article = this.articleList.find((a) => a.token === body.token && a.oaId === oaId);
        if (!article) throw new ZaloFailure(-201, 'token is invalid');
        if (article.pendingVerifies > 0 || !this.processed(article)) {
          if (article.pendingVerifies > 0) article.pendingVerifies--;
          throw new ZaloFailure(-214, 'The article is being processed');
        }
        return { id: article.id };
      }
      case 'GET /v2.0/article/getslice':
        return this.slice(oaId, call.query);
      case 'GET /v2.0/article/getdetail': {
        const article = this.find(oaId, call.query.id);
        const { id, type, title, author, description, cover, body: blocks, status, comment } = article;
        return {
          id,
          type,
          title,
          author,
          description,
          cover,
          body: blocks,
          status,
          comment,
          create_date: article.createdAt.getTime(),
        };
      }
      case 'POST /v2.0/article/remove':
        this.find(oaId, body.id).removed = true;
        return undefined;
      case 'GET /v2.0/oa/getoa': {
        const oa = this.oas.get(oaId)!;
        return {
          oa_id: oa.oaId,
          name: oa.name,
          description: `Trang thông tin chính thức của ${oa.name}`,
          is_verified: true,
          num_follower: 1204,
        };
      }
      default:
        throw new ZaloFailure(-1, `Unknown API ${key}`);
    }
  }

  private find(oaId: string, id: unknown): FakeArticle {
    const article = this.articleList.find((a) => a.id === String(id) && a.oaId === oaId && !a.removed);
    if (!article) throw new ZaloFailure(-201, 'id is invalid: the article does not exist');
    return article;
  }

  private create(oaId: string, body: Record<string, unknown>, accessToken: string): { token: string } {
    const required = (field: string, max: number): string => {
      const value = body[field];
      if (typeof value !== 'string' || value.trim() === '' || chars(value) > max) {
        throw new ZaloFailure(-201, `${field} is invalid: required, at most ${max} characters`);
      }
      return value;
    };
    if (body.type !== 'normal') throw new ZaloFailure(-201, 'type is invalid');
    const title = required('title', 150);
    const author = required('author', 50);
    const description = required('description', 300);
    const cover = body.cover as Record<string, unknown> | undefined;
    if (!cover || typeof cover !== 'object') throw new ZaloFailure(-201, 'cover is invalid: required');
    if (cover.cover_type !== 'photo') throw new ZaloFailure(-201, 'cover.cover_type is invalid');
    if (!isHttpUrl(cover.photo_url)) throw new ZaloFailure(-201, 'cover.photo_url is invalid');
    if (cover.status !== undefined && cover.status !== 'show' && cover.status !== 'hide')
      throw new ZaloFailure(-201, 'cover.status is invalid');
    if (!Array.isArray(body.body) || body.body.length === 0)
      throw new ZaloFailure(-201, 'body is invalid: at least one block');
    body.body.forEach((block: Record<string, unknown>, i: number) => {
      const ok =
        (block?.type === 'text' && typeof block.content === 'string' && block.content.trim() !== '') ||
        (block?.type === 'image' &&
          isHttpUrl(block.url) &&
          (block.caption === undefined || typeof block.caption === 'string'));
      if (!ok) throw new ZaloFailure(-201, `body[${i}] is invalid`);
    });
    for (const field of ['status', 'comment'] as const) {
      if (body[field] !== undefined && body[field] !== 'show' && body[field] !== 'hide')
        throw new ZaloFailure(-201, `${field} is invalid`);
    }
    const article: FakeArticle = {
      id: randomBytes(10).toString('hex'),
      oaId,
      token: randomBytes(16).toString('hex'),
      createdWith: accessToken,
      type: 'normal',
      title,
      author,
      description,
      cover: { cover_type: 'photo', photo_url: cover.photo_url as string, status: (cover.status as string) ?? 'show' },
      body: body.body as Array<Record<string, unknown>>,
      status: (body.status as string) ?? 'hide',
      comment: (body.comment as string) ?? 'show',
      pendingVerifies: this.options.verifyPendingCount,
      createdAt: new Date(),
      removed: false,
    };
    this.articleList.push(article);
    return { token: article.token };
  }

  private processed(article: FakeArticle): boolean {
    return Date.now() >= article.createdAt.getTime() + this.options.processingMs;
  }

  private slice(oaId: string, query: Record<string, string>) {
    const offset = Number(query.offset ?? 0);
    const limit = Number(query.limit ?? 10);
    if (!Number.isInteger(offset) || offset < 0) throw new ZaloFailure(-201, 'offset is invalid');
    if (!Number.isInteger(limit) || limit < 1 || limit > 10) throw new ZaloFailure(-201, 'limit is invalid: 1 to 10');
    if (query.type !== 'normal' && query.type !== 'video') throw new ZaloFailure(-201, 'type is invalid');
    const all = this.articleList
      .filter((a) => a.oaId === oaId && !a.removed && a.type === query.type && this.processed(a))
      .reverse();
    return {
      medias: all.slice(offset, offset + limit).map((a) => ({
        id: a.id,
        type: a.type,
        title: a.title,
        status: a.status,
        total_view: 0,
        total_share: 0,
        create_date: a.createdAt.getTime(),
        update_date: a.createdAt.getTime(),
        thumb: a.cover.photo_url,
        link_view: `https://zalo.me/oa/${oaId}/article/${a.id}`,
      })),
      total: all.length,
    };
  }

  private async oauth(req: IncomingMessage, res: ServerResponse, call: FakeZaloCall, raw: string): Promise<void> {
    const refuse = (error: number, name: string, description: string) => {
      call.error = error;
      send(res, 200, { error, error_name: name, error_reason: description, error_description: description });
    };
    if (call.method !== 'POST' || call.path !== '/v4/oa/access_token')
      return refuse(-14001, 'Invalid request', 'Unknown OAuth endpoint');
    this.refreshCalls++;
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return refuse(-14002, 'Invalid parameter', 'The body must be application/x-www-form-urlencoded');
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    call.body = { ...form, refresh_token: form.refresh_token ? '[redacted]' : undefined };
    const oa = [...this.oas.values()].find((o) => o.appId === form.app_id);
    if (!oa) return refuse(-14003, 'Invalid app_id', 'The application does not exist');
    if (req.headers.secret_key !== oa.appSecret)
      return refuse(-14004, 'Invalid secret_key', 'The secret key is invalid');
    if (form.grant_type !== 'refresh_token')
      return refuse(-14005, 'Invalid grant_type', 'Only refresh_token is supported by this fake');
    const state = form.refresh_token ? this.refreshTokens.get(form.refresh_token) : undefined;
    if (!state || state.appId !== oa.appId)
      return refuse(-14014, 'Invalid refresh_token', 'The refresh token is invalid');
    if (state.spent) return refuse(-14014, 'Invalid refresh_token', 'The refresh token has already been used');
    if (state.expiresAt <= Date.now()) return refuse(-14014, 'Invalid refresh_token', 'The refresh token has expired');

    state.spent = true;
    const pair = this.issueTokens(state.oaId);
    this.refreshSuccesses++;
    call.error = 0;
    if (this.options.refreshDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.options.refreshDelayMs));
    send(res, 200, {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: String(this.options.accessTokenTtlSeconds),
    });
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonBody(contentType: string, raw: string, method: string): unknown {
  if (method !== 'POST') return undefined;
  if (!contentType.startsWith('application/json')) throw new ZaloFailure(-201, 'The body must be application/json');
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed;
  } catch {
    throw new ZaloFailure(-201, 'The body is not a JSON object');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
