import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { ENV_NAMES } from '@nhip/core';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';
import { freePort } from '../support/free-port';

const ROOT = join(__dirname, '..', '..');

/**
 * Issue #14, F1: the api runs as its own process (as deployed), and /health keeps answering fast while the
 * worst bodies the limits allow are sent to it without pause and refused.
 */
describe('health while hostile bodies are refused (e2e)', () => {
  let env: TestEnvironment;
  let api: ChildProcess;
  let base: string;
  let stderr = '';

  beforeAll(async () => {
    env = await createTestEnvironment();
    const port = await freePort();
    const vars: Record<string, string> = {};
    for (const [key, name] of Object.entries(ENV_NAMES)) {
      const value = (env.config as unknown as Record<string, unknown>)[key];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        vars[name] = String(value);
    }
    Object.assign(vars, { PORT: String(port), HOST: '127.0.0.1', NHIP_PUBLIC_URL: `http://127.0.0.1:${port}` });
    api = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      { cwd: ROOT, env: { PATH: process.env.PATH, ...vars }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    api.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const up = await fetch(`${base}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline || api.exitCode !== null) throw new Error(`the api did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 120_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await once(api, 'exit');
    }
    await env?.teardown();
  });

  it('keeps /health fast while the worst bodies the limits allow are refused', async () => {
    const make = factories(env.db);
    const agency = await make.agency({ kind: 'province' });
    const { user, password } = await make.user();
    await make.membership(user, agency, 'admin');
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user.username, password }),
    });
    const { token } = (await login.json()) as { token: string };

    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 0]));
    const json = { 'Content-Type': 'application/json' };
    // The costliest refusal each limit still lets through: a plan of 1,200 values ending in a NUL (parsed
    // and walked before authentication), plans of 1,200 values that reach the plan parser (JSON and
    // YAML), the largest flood of unknown fields that reaches the ValidationPipe, a login of 150,000 keys
    // (1.7 MB, refused while it streams), and 10,000 levels of nesting.
    const worst: Array<{ path: string; headers: Record<string, string>; body: string }> = [
      { path: '/api/v1/plans/import', headers: json, body: `{"tasks":[${'0,'.repeat(1_190)}"\\u0000"]}` },
      {
        path: '/api/v1/plans/import',
        headers: { ...json, Authorization: `Bearer ${token}` },
        body: JSON.stringify({ code: 'ke-hoach', tasks: Array.from({ length: 1_190 }, (_, i) => i) }),
      },
      {
        path: '/api/v1/plans/import',
        headers: { 'Content-Type': 'application/yaml', Authorization: `Bearer ${token}` },
        body: `code: ke-hoach\ntasks: [${'0,'.repeat(1_190)}0]\n`,
      },
      {
        path: `/api/v1/agencies/${agency.id}/stories`,
        headers: { ...json, Authorization: `Bearer ${token}` },
        body: JSON.stringify(keys(990)),
      },
      { path: '/api/v1/auth/login', headers: json, body: JSON.stringify(keys(150_000)) },
      { path: '/api/v1/auth/login', headers: json, body: '['.repeat(10_000) + ']'.repeat(10_000) },
    ];
    const health = async () => {
      const start = performance.now();
      const res = await fetch(`${base}/health`);
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      return performance.now() - start;
    };

    // Once each first, as a server that has been up for a while has compiled these paths already.
    for (const { path, headers, body } of worst)
      await (await fetch(`${base}${path}`, { method: 'POST', headers, body })).arrayBuffer();

    let running = true;
    const statuses = new Map<number, number>();
    // One stream of the worst bodies, back to back: at every moment one of them is being refused.
    const attackers = [0].map(async (lane) => {
      for (let i = lane; running; i++) {
        const { path, headers, body } = worst[i % worst.length];
        const res = await fetch(`${base}${path}`, { method: 'POST', headers, body });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const latencies: number[] = [];
    for (let i = 0; i < 40; i++) {
      latencies.push(await health());
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    running = false;
    await Promise.all(attackers);

    latencies.sort((a, b) => a - b);
    const refused = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(
      `/health during ${refused} refusals: median ${latencies[20].toFixed(0)} ms, max ${latencies[39].toFixed(0)} ms`,
    );
    expect([...statuses.keys()].sort()).toEqual([400, 413]);
    expect(refused).toBeGreaterThan(10);
    // Typical answers stay fast and none stalls: the stall this guards against held /health for 25 s. The
    // tail is bounded loosely because CI shares two cores with other work; the scheduler, not the api, makes
    // the odd sample slow there.
    expect(latencies[20]).toBeLessThan(100);
    expect(latencies[35]).toBeLessThan(300);
    expect(latencies[39]).toBeLessThan(1000);
  }, 60_000);
});
