import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { seedDemoData } from '@nhip/demo';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { freePort } from '../../support/free-port';

const ROOT = join(__dirname, '..', '..', '..');
const WEB_DIR = join(ROOT, 'apps', 'web');
const WEB_DIST = join(WEB_DIR, 'dist');
export const SCREENSHOT_DIR = join(ROOT, 'test', 'output', 'screenshots');

/** Debian's chromium (installed by .ci/run); the tests never download a browser. */
const CHROMIUM = process.env.TEST_CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app when there is no build (a clean clone, CI) or the sources changed since the last
 * one, so the tests always drive what the sources say.
 */
export function ensureWebBuild(): void {
  const index = join(WEB_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource(WEB_DIR)) return;
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(WEB_DIR, 'vite.config.ts'),
      '--logLevel',
      'error',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Every JavaScript file of the build, with its size and gzipped size in bytes. */
export function builtScripts(): Array<{ file: string; bytes: number; gzipped: number }> {
  const assets = join(WEB_DIST, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const body = readFileSync(join(assets, file));
      return { file, bytes: body.length, gzipped: gzipSync(body, { level: 9 }).length };
    });
}

export interface WebStack {
  env: TestEnvironment;
  app: INestApplication;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real api with the demo data, serving the built web app, on a free local port. */
export async function startWebStack(adminPassword: string): Promise<WebStack> {
  ensureWebBuild();
  // The port is chosen first so that the api knows its own address (uploaded pictures are served there).
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = await createTestEnvironment({ NHIP_PUBLIC_URL: baseUrl });
  await seedDemoData(env.db, { adminPassword });
  const app = await createApiApp(env.config, { shutdownHooks: false });
  await app.listen(port, '127.0.0.1');
  return {
    env,
    app,
    baseUrl,
    close: async () => {
      await app.close();
      await env.teardown();
    },
  };
}

/**
 * Signs a browser context in as the web app would: logs in through the api as the web client and gives the
 * context the HttpOnly session cookie the api answered (the page itself never sees the token).
 */
export async function signInContext(
  context: BrowserContext,
  baseUrl: string,
  who: { username: string; password: string },
): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Nhip-Client': 'web' },
    body: JSON.stringify({ username: who.username, password: who.password }),
  });
  if (!res.ok) throw new Error(`login of ${who.username}: ${res.status} ${await res.text()}`);
  const line = res.headers.getSetCookie().find((c) => c.startsWith('nhip_session='));
  if (!line) throw new Error('login answered no session cookie');
  const value = line.split(';')[0].slice('nhip_session='.length);
  const { hostname } = new URL(baseUrl);
  await context.addCookies([
    { name: 'nhip_session', value, domain: hostname, path: '/api', httpOnly: true, sameSite: 'Strict' },
  ]);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
