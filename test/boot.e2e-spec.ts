import { spawn, spawnSync } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { createTestEnvironment } from './support/test-environment';
import { ensureWebBuild } from './web/support/web-stack';

const root = join(__dirname, '..');

function boot(app: 'api' | 'worker', env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NHIP_DATA_DIR: join(root, '.nhip', 'test-boot'), ...env },
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
}

describe('boot with an invalid setting', () => {
  it.each([
    ['api', { PORT: 'abc' }, 'PORT'],
    ['api', { DATABASE_URL: 'mysql://root@localhost/nhip' }, 'DATABASE_URL'],
    ['worker', { REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    ['worker', { NHIP_CREDENTIALS_KEY: 'too-short' }, 'NHIP_CREDENTIALS_KEY'],
  ] as const)('%s stops with one line naming %j', (app, env, name) => {
    const result = boot(app, env);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(lines[0]).toMatch(/^Cấu hình không hợp lệ/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('boot', () => {
  it('prints the address of the web app once the api listens', async () => {
    ensureWebBuild();
    const env = await createTestEnvironment();
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: env.config.databaseUrl,
          DATABASE_SCHEMA: env.config.databaseSchema,
          REDIS_URL: env.config.redisUrl,
          NHIP_QUEUE_PREFIX: env.config.queuePrefix,
          NHIP_DATA_DIR: env.config.dataDir,
          PORT: String(port),
          HOST: '0.0.0.0',
          LOG_LEVEL: 'info',
        },
      },
    );
    let output = '';
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address after 60 s:\n${output}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = output.split('\n').find((l) => l.includes('Nhịp đang chạy'));
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        });
        child.once('exit', (code) => reject(new Error(`api exited with ${code}:\n${output}`)));
      });
      expect(JSON.parse(line).msg).toBe(`Nhịp đang chạy: http://localhost:${port}/ (ứng dụng web)`);
      const page = await fetch(`http://localhost:${port}/`, { headers: { Accept: 'text/html' } });
      expect(await page.text()).toContain('<html lang="vi">');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
      await env.teardown();
    }
  }, 120_000);
});
