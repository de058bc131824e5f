import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** The built web app (`npm run build:web`), found from source (ts) and from dist (js) alike; null when not built. */
export function findWebAppDir(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'nhip') break;
    dir = dirname(dir);
  }
  return null;
}

/** Addresses the api answers itself (REST, docs, health, metrics), never with the web app. */
const isApiPath = (path: string) =>
  path === '/api' || path.startsWith('/api/') || path === '/health' || path === '/metrics';

/**
 * Serves the web app at `/`: hashed assets cached for a year, and index.html for every other page
 * address so the browser's router can take it. /api, /health and /metrics stay with the API.
 */
export function serveWebApp(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) => {
      const immutable = path.startsWith(join(dir, 'assets'));
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      isApiPath(req.path) ||
      extname(req.path) !== '' ||
      !req.accepts('html')
    )
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/** The address a person opens on this machine: a wildcard listener is reached at localhost. */
export function localAddress(host: string, port: number): string {
  const name = ['', '0.0.0.0', '::', '[::]'].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** The one line the start log gives a person: where the web app is, or how to build it. */
export function webAppNotice(host: string, port: number, served: boolean): string {
  return served
    ? `Nhịp đang chạy: ${localAddress(host, port)}/ (ứng dụng web)`
    : `Nhịp đang chạy: ${localAddress(host, port)}/api/v1 (chưa có ứng dụng web: chạy npm run build:web)`;
}
