import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AppConfig } from '@nhip/core';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

/*
 * Login limiting (issue #14, F7). X-Forwarded-For is believed only from configured proxies, and failures
 * are limited per username and address, per address, per username and across everyone. Each case runs
 * its own api with its own Redis key prefix (under the file's), so the counters of one do not feed another.
 */
describe('login limits (e2e)', () => {
  let env: TestEnvironment;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await env?.teardown();
  });

  let instance = 0;
  const api = async (overrides: Partial<AppConfig>) => {
    const config = Object.assign(Object.create(AppConfig.prototype) as AppConfig, env.config, {
      queuePrefix: `${env.config.queuePrefix}:login-${++instance}`,
      ...overrides,
    });
    const app = await createApiApp(config);
    await app.init();
    apps.push(app);
    const http = request(app.getHttpServer());
    return (username: string, password: string, forwardedFor?: string) => {
      const call = http.post('/api/v1/auth/login');
      if (forwardedFor) call.set('X-Forwarded-For', forwardedFor);
      return call.send({ username, password });
    };
  };

  it('ignores X-Forwarded-For by default: changing it does not escape the limit', async () => {
    const login = await api({ loginMaxAttempts: 3 });
    const { user, password } = await factories(env.db).user();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await login(user.username, 'sai-mat-khau', `203.0.113.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
    const blocked = await login(user.username, password, '198.51.100.7');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('LOGIN_RATE_LIMITED');
  });

  it('limits one address spraying many usernames, a correct password included', async () => {
    const login = await api({ loginMaxPerAddress: 20 });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await login(`khong-co-${i}`, 'mat-khau-doan')).status);
    expect(statuses.slice(0, 19).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(19)).toEqual([429, 429, 429, 429, 429, 429]);
    const { user, password } = await factories(env.db).user();
    expect((await login(user.username, password)).status).toBe(429);
  });

  it('believes X-Forwarded-For from a configured proxy, and limits one username attacked from many addresses', async () => {
    const login = await api({ trustedProxies: ['127.0.0.1', '::ffff:127.0.0.1'], loginMaxPerUsername: 10 });
    const { user, password } = await factories(env.db).user();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(user.username, 'sai', `203.0.113.${i + 1}`)).status);
    expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(9)).toEqual([429, 429, 429]);
    expect((await login(user.username, password, '198.51.100.9')).status).toBe(429);

    // Another person, from another address, is not held up by it.
    const other = await factories(env.db).user();
    expect((await login(other.user.username, other.password, '198.51.100.10')).status).toBe(200);
    const [audit] = await env.db.query(
      `SELECT data->>'clientIp' AS ip FROM audit_events WHERE action = 'auth.login' AND subject_id = $1`,
      [other.user.id],
    );
    expect(audit.ip).toBe('198.51.100.10');
  });

  it('refuses every login for a while once failures across everyone pass the global limit', async () => {
    const login = await api({ trustedProxies: ['127.0.0.1', '::ffff:127.0.0.1'], loginMaxGlobal: 15 });
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await login(`nguoi-${i}`, 'sai', `203.0.113.${i + 1}`)).status);
    expect(statuses.slice(0, 14).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(14)).toEqual([429, 429]);
    const { user, password } = await factories(env.db).user();
    const res = await login(user.username, password, '198.51.100.20');
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});
