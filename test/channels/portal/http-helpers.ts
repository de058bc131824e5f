import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';

/** A real PNG (solid colour), so that WordPress's upload checks and thumbnailing see a genuine image. */
export function makePng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Serves files from memory, counting requests per path. */
export async function startFileServer(files: Record<string, { body: Buffer; contentType: string }>) {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const file = files[path];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.length }).end(file.body);
  });
  const url = await listen(server);
  return { url, hits: (path: string) => hits.get(path) ?? 0, stop: () => close(server) };
}

export interface ProxyOptions {
  /** Milliseconds to hold WordPress's answer to this request before passing it on (0: none). */
  delay?: (req: IncomingMessage, url: URL) => number;
  /** Drop the `Link` header, as hardening plugins do. */
  stripLink?: boolean;
}

/**
 * A reverse proxy in front of a real WordPress. Announces itself in the `Link` header (as a proxy that
 * knows its public address does), and can hold an answer after WordPress gave it — "WordPress did the
 * work, the caller never heard".
 */
export async function startProxy(target: string, options: ProxyOptions = {}) {
  const upstream = new URL(target);
  const pending = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const forwarded = new Promise<void>((done) => {
      const outgoing = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            done();
            const headers = { ...answer.headers };
            if (options.stripLink) delete headers.link;
            else if (typeof headers.link === 'string') headers.link = headers.link.split(upstream.origin).join(origin);
            const send = () => reply(res, answer.statusCode ?? 502, headers, Buffer.concat(chunks));
            const delay = options.delay?.(req, url) ?? 0;
            if (delay <= 0) return send();
            const timer = setTimeout(() => {
              timers.delete(timer);
              send();
            }, delay);
            timers.add(timer);
          });
        },
      );
      outgoing.on('error', () => {
        done();
        res.destroy();
      });
      req.pipe(outgoing);
    });
    pending.add(forwarded);
    void forwarded.then(() => pending.delete(forwarded));
  });
  origin = await listen(server);
  return {
    url: origin,
    /** Resolves when WordPress has answered every request forwarded so far. */
    settled: async () => {
      await Promise.all([...pending]);
    },
    stop: () => {
      timers.forEach(clearTimeout);
      return close(server);
    },
  };
}

function reply(res: ServerResponse, status: number, headers: Record<string, unknown>, body: Buffer) {
  if (res.destroyed || res.writableEnded) return;
  delete headers['transfer-encoding'];
  res.writeHead(status, { ...(headers as Record<string, string>), 'content-length': String(body.length) });
  res.end(body);
}
