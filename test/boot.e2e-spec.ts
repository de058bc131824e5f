import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

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
