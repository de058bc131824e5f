import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local channel that, like most real ones (WordPress, Facebook), is NOT idempotent: every create
 * makes a new post. It counts posts per idempotency key, so a test sees any duplicate the engine
 * causes. Behaviour per request is scripted: slow, 500, 429 with Retry-After, 401, 400, or "accept,
 * then drop the connection" (the post exists but the caller never hears so).
 */
export type FakeBehaviour = 'ok' | 'error500' | 'rate429' | 'auth401' | 'invalid400' | 'acceptThenDrop';

export interface FakePost {
  id: string;
  key: string;
  body: unknown;
  at: number;
}

export interface FakeChannelOptions {
  /** Decides what each create request gets; default always 'ok'. */
  behaviour?: (attemptForKey: number, key: string) => FakeBehaviour;
  /** How long each create takes to answer, for all or per idempotency key. */
  delayMs?: number | ((key: string) => number);
  retryAfterSeconds?: number;
  token?: string;
}

export class FakeChannelServer {
  readonly posts: FakePost[] = [];
  readonly requests = { create: 0, lookup: 0 };
  /** Every create request as it arrived: its idempotency key and when. */
  readonly received: Array<{ key: string; at: number }> = [];
  /** Create requests being answered right now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  private readonly attempts = new Map<string, number>();
  private readonly delays = new Set<NodeJS.Timeout>();
  private server?: Server;
  url = '';

  constructor(private readonly options: FakeChannelOptions = {}) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    // Creates still being delayed never finish: the test is over.
    for (const timer of this.delays) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  postsFor(key: string): FakePost[] {
    return this.posts.filter((p) => p.key === key);
  }

  /** Posts beyond the first for any key: must always be zero. */
  duplicates(): number {
    const perKey = new Map<string, number>();
    for (const p of this.posts) perKey.set(p.key, (perKey.get(p.key) ?? 0) + 1);
    return [...perKey.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    if (this.options.token && req.headers.authorization !== `Bearer ${this.options.token}`)
      return json(res, 401, { error: 'invalid_token' });
    if (req.method === 'GET' && url.pathname === '/posts') {
      this.requests.lookup += 1;
      const key = url.searchParams.get('key') ?? '';
      return json(res, 200, { posts: this.postsFor(key) });
    }
    if (req.method === 'GET' && url.pathname === '/me') return json(res, 200, { name: 'Kênh thử nghiệm' });
    if (req.method !== 'POST' || url.pathname !== '/posts') return json(res, 404, { error: 'not_found' });

    const body = JSON.parse((await readBody(req)) || '{}') as { key?: string; content?: unknown };
    if (typeof body.key !== 'string' || !body.key)
      return json(res, 400, { error: 'key_required', message: 'Thiếu khóa' });
    this.requests.create += 1;
    this.received.push({ key: body.key, at: Date.now() });
    const attempt = (this.attempts.get(body.key) ?? 0) + 1;
    this.attempts.set(body.key, attempt);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    res.once('close', () => (this.inFlight -= 1));
    const delayMs = typeof this.options.delayMs === 'function' ? this.options.delayMs(body.key) : this.options.delayMs;
    if (delayMs)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.delays.delete(timer);
          resolve();
        }, delayMs);
        this.delays.add(timer);
      });
    const behaviour = this.options.behaviour?.(attempt, body.key) ?? 'ok';
    switch (behaviour) {
      case 'error500':
        return json(res, 500, { error: 'server_error', message: 'Lỗi máy chủ kênh' });
      case 'rate429':
        res.setHeader('Retry-After', String(this.options.retryAfterSeconds ?? 2));
        return json(res, 429, { error: 'rate_limited', message: 'Quá nhiều yêu cầu' });
      case 'auth401':
        return json(res, 401, { error: 'token_expired', message: 'Mã truy cập đã hết hạn' });
      case 'invalid400':
        return json(res, 400, { error: 'invalid_content', message: 'Nội dung bị kênh từ chối' });
      case 'acceptThenDrop':
        this.posts.push({ id: randomUUID(), key: body.key, body: body.content, at: Date.now() });
        return req.socket.destroy();
      case 'ok': {
        const post = { id: randomUUID(), key: body.key, body: body.content, at: Date.now() };
        this.posts.push(post);
        return json(res, 201, { id: post.id, url: `${this.url}/p/${post.id}` });
      }
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

export async function startFakeChannel(options?: FakeChannelOptions) {
  return new FakeChannelServer(options).start();
}
