import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeMp3, makeWav } from './audio-fixtures';

/**
 * A text-to-speech vendor with the two shapes `HttpTtsContract` describes, on 127.0.0.1:
 *
 * - `POST /v1/speech` (synchronous): header `X-Api-Key`, JSON `{input, voice?, rate?}` → 200 `audio/wav`.
 * - `POST /hmi/tts/v5` (asynchronous, the shape assumed for FPT.AI): header `api-key`, `voice`; the raw
 *   text as the body → 200 `{async, error: 0, message, request_id}`; `GET /files/<id>.mp3` answers 404
 *   `pendingPolls` times, then the MP3.
 *
 * The audio lasts as long as the text takes to read: one syllable per space-separated word at `rate`
 * (syllables a minute; 220 when absent), so duration tests can check what the caller does with it.
 */
export interface FakeTtsOptions {
  apiKey?: string;
  /** How many polls of an async file answer 404 before it is ready. */
  pendingPolls?: number;
}

export type FakeTtsFailure =
  | { kind: 'status'; status: number; body?: unknown; retryAfter?: string }
  /** Async only: 200 with a vendor error instead of a URL. */
  | { kind: 'vendor-error'; code: number; message: string }
  /** Sync only: 200 with bytes that are not audio. */
  | { kind: 'garbage' };

export interface TtsRequest {
  path: string;
  headers: IncomingMessage['headers'];
  text: string;
  voice?: string;
  rate?: number;
}

export class FakeTts {
  private server!: Server;
  private readonly apiKey: string;
  private readonly pendingPolls: number;
  private readonly files = new Map<string, { audio: Buffer; polls: number }>();
  private readonly failures: FakeTtsFailure[] = [];
  readonly requests: TtsRequest[] = [];
  /** GETs of async files, ready or not. */
  polls = 0;
  url = '';

  private constructor(options: FakeTtsOptions) {
    this.apiKey = options.apiKey ?? 'tts-key';
    this.pendingPolls = options.pendingPolls ?? 2;
  }

  static async start(options: FakeTtsOptions = {}): Promise<FakeTts> {
    const fake = new FakeTts(options);
    fake.server = createServer((req, res) => {
      fake.handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  failNext(failure: FakeTtsFailure): void {
    this.failures.push(failure);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;

    if (req.method === 'GET' && path.startsWith('/files/')) {
      this.polls += 1;
      const file = this.files.get(path.slice('/files/'.length));
      if (!file || file.polls < this.pendingPolls) {
        if (file) file.polls += 1;
        return send(res, 404, { message: 'not ready' });
      }
      res.writeHead(200, { 'Content-Type': 'audio/mpeg' }).end(file.audio);
      return;
    }

    if (req.method === 'POST' && path === '/v1/speech') {
      if (req.headers['x-api-key'] !== this.apiKey) return send(res, 401, { message: 'invalid api key' });
      let input: { input?: unknown; voice?: unknown; rate?: unknown };
      try {
        input = JSON.parse(body.toString('utf8')) as typeof input;
      } catch {
        return send(res, 400, { message: 'body must be JSON' });
      }
      if (typeof input.input !== 'string' || input.input.trim() === '')
        return send(res, 400, { message: 'input is required' });
      const rate = typeof input.rate === 'number' ? input.rate : undefined;
      this.requests.push({
        path,
        headers: req.headers,
        text: input.input,
        voice: typeof input.voice === 'string' ? input.voice : undefined,
        rate,
      });
      const failure = this.failures.shift();
      if (failure?.kind === 'status') return sendFailure(res, failure);
      if (failure?.kind === 'garbage') {
        res.writeHead(200, { 'Content-Type': 'audio/wav' }).end(Buffer.from('not audio at all'));
        return;
      }
      res
        .writeHead(200, { 'Content-Type': 'audio/wav' })
        .end(makeWav(readingSeconds(input.input, rate), { sampleRate: 8000 }));
      return;
    }

    if (req.method === 'POST' && path === '/hmi/tts/v5') {
      if (req.headers['api-key'] !== this.apiKey) return send(res, 401, { error: 401, message: 'invalid api key' });
      const text = body.toString('utf8');
      const voice = typeof req.headers.voice === 'string' ? req.headers.voice : undefined;
      this.requests.push({ path, headers: req.headers, text, voice });
      const failure = this.failures.shift();
      if (failure?.kind === 'status') return sendFailure(res, failure);
      if (failure?.kind === 'vendor-error') return send(res, 200, { error: failure.code, message: failure.message });
      if (text.trim() === '') return send(res, 200, { error: 1, message: 'text is empty' });
      const id = randomUUID();
      this.files.set(`${id}.mp3`, { audio: makeMp3(readingSeconds(text, undefined)), polls: 0 });
      return send(res, 200, {
        async: `${this.url}/files/${id}.mp3`,
        error: 0,
        message: 'The content will be returned after a few seconds under the async link.',
        request_id: id,
      });
    }
    send(res, 404, { message: 'not found' });
  }
}

export function readingSeconds(text: string, rate: number | undefined): number {
  const syllables = text.split(/\s+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
  return (syllables * 60) / (rate ?? 220);
}

function sendFailure(res: ServerResponse, failure: Extract<FakeTtsFailure, { kind: 'status' }>): void {
  if (failure.retryAfter !== undefined) res.setHeader('Retry-After', failure.retryAfter);
  send(res, failure.status, failure.body ?? { message: `injected ${failure.status}` });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
