import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment';
import { ensureWebBuild } from './web/support/web-stack';
import { freePort } from './support/free-port';

const root = join(__dirname, '..');

function boot(app: 'api' | 'worker', env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NHIP_DATA_DIR: join(root, '.nhip', 'test-boot'), ...env },
      encoding: 'utf8',
      // ts-node compiles the whole app at each start: slow on a loaded machine.
      timeout: 90_000,
    },
  );
}

describe('boot with an invalid setting', () => {
  it.each([
    ['api', { PORT: 'abc' }, 'PORT'],
    ['api', { DATABASE_URL: 'mysql://root@localhost/nhip' }, 'DATABASE_URL'],
    ['worker', { REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    ['worker', { NHIP_CREDENTIALS_KEY: 'too-short' }, 'NHIP_CREDENTIALS_KEY'],
  ] as const)(
    '%s stops with one line naming %j',
    (app, env, name) => {
      const result = boot(app, env);
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(name);
      expect(lines[0]).toMatch(/^Cấu hình không hợp lệ/);
    },
    120_000,
  );
});

/** Starts an app as a process, waits until `ready(output)` holds, stops it with SIGTERM and returns what it printed. */
async function run(app: 'api' | 'worker', env: Record<string, string>, ready: (output: string) => Promise<boolean>) {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`],
    { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 90_000;
  let wasReady = await ready(output);
  while (!wasReady && child.exitCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    wasReady = await ready(output);
  }
  child.kill('SIGTERM');
  const code = await exited;
  return { output, code, wasReady };
}

/** Log lines at warn (40) or above, as pino writes them, and anything else that is not a JSON log line. */
const complaints = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => {
      try {
        return (JSON.parse(line) as { level?: number }).level! >= 40;
      } catch {
        return true;
      }
    });

describe('a normal start', () => {
  let env: TestEnvironment;
  let settings: Record<string, string>;

  beforeAll(async () => {
    env = await createTestEnvironment();
    settings = {
      DATABASE_URL: env.config.databaseUrl,
      DATABASE_SCHEMA: env.config.databaseSchema,
      REDIS_URL: env.config.redisUrl,
      NHIP_QUEUE_PREFIX: env.config.queuePrefix,
      NHIP_DATA_DIR: env.config.dataDir,
      NHIP_CREDENTIALS_KEY: env.config.credentialsKey,
      NHIP_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
    };
  });

  afterAll(async () => {
    await env.teardown();
  });

  it('the api prints the address of the web app, serves it, and prints no warning', async () => {
    ensureWebBuild();
    const port = await freePort();
    let page = '';
    const result = await run('api', { ...settings, PORT: String(port), HOST: '0.0.0.0' }, async (output) => {
      if (!output.includes('Nhịp đang chạy')) return false;
      page = await fetch(`http://localhost:${port}/`, { headers: { Accept: 'text/html' } }).then(
        (response) => response.text(),
        () => '',
      );
      return true;
    });
    expect(result.wasReady).toBe(true);
    const line = result.output.split('\n').find((l) => l.includes('Nhịp đang chạy'))!;
    expect((JSON.parse(line) as { msg: string }).msg).toBe(`Nhịp đang chạy: http://localhost:${port}/ (ứng dụng web)`);
    expect(page).toContain('<html lang="vi">');
    expect(complaints(result.output)).toEqual([]);
  }, 180_000);

  it('the worker starts its processors and prints no warning', async () => {
    const result = await run('worker', settings, async (output) => output.includes('Worker đang chạy'));
    expect(result.wasReady).toBe(true);
    expect(complaints(result.output)).toEqual([]);
  }, 120_000);
});
