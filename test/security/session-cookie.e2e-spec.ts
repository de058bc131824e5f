import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AppConfig } from '@nhip/core';
import { AgencyEntity } from '@nhip/database';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

const WEB = { 'X-Nhip-Client': 'web' };

/** The web app's session lives in an HttpOnly, SameSite cookie; bearer tokens stay for integrations (issue #14, F8). */
describe('web session cookie (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let ward: AgencyEntity;

  const member = async () => {
    const { user, password } = await factories(env.db).user();
    await factories(env.db).membership(user, ward, 'officer');
    return { user, password };
  };

  /** Logs in as the web app does; answers the cookie pair to send back and the Set-Cookie line. */
  const webLogin = async (server: ReturnType<typeof request>, username: string, password: string) => {
    const res = await server.post('/api/v1/auth/login').set(WEB).send({ username, password }).expect(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const line = setCookie.find((c) => c.startsWith('nhip_session='));
    return { body: res.body, line: line ?? '', cookie: (line ?? '').split(';')[0] };
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    ward = await factories(env.db).agency({ kind: 'ward', name: 'UBND phường Cookie' });
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('a web login sets an HttpOnly, SameSite=Strict cookie for /api and keeps the token out of the body', async () => {
    const { user, password } = await member();
    const { body, line, cookie } = await webLogin(http, user.username, password);
    expect(body).toEqual({ id: expect.any(String), kind: 'session', expiresAt: expect.any(String) });
    expect(line).toMatch(/^nhip_session=nhp_s_[A-Za-z0-9_-]{43}; /);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\/api(;|$)/);
    expect(line).toMatch(/; Expires=/);
    expect(line).not.toMatch(/; Secure/);
    const me = await http.get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.username).toBe(user.username);
  });

  it('is Secure when the public address is https', async () => {
    const httpsApp = await createApiApp(
      Object.assign(new AppConfig(), env.config, { publicUrl: 'https://nhip.example.gov.vn' }),
    );
    await httpsApp.init();
    try {
      const { user, password } = await member();
      const { line } = await webLogin(request(httpsApp.getHttpServer()), user.username, password);
      expect(line).toMatch(/; Secure/);
    } finally {
      await httpsApp.close();
    }
  });

  it('refuses a change authenticated by the cookie without the web client header (CSRF), and allows it with', async () => {
    const { user, password } = await member();
    const { cookie } = await webLogin(http, user.username, password);
    const forged = await http.post('/api/v1/auth/tokens').set('Cookie', cookie).send({ name: 'Giả mạo' });
    expect(forged.status).toBe(403);
    expect(forged.body).toEqual({ code: 'CSRF_HEADER_MISSING', message: expect.stringMatching(/X-Nhip-Client/) });
    const wrong = await http
      .post('/api/v1/auth/tokens')
      .set('Cookie', cookie)
      .set('X-Nhip-Client', 'other')
      .send({ name: 'Giả mạo' });
    expect(wrong.status).toBe(403);
    const tokens = await env.db.query(
      `SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1 AND kind = 'integration'`,
      [user.id],
    );
    expect(tokens[0].n).toBe(0);
    await http.post('/api/v1/auth/tokens').set('Cookie', cookie).set(WEB).send({ name: 'Thật' }).expect(201);
  });

  it('logout revokes the session and clears the cookie; the old cookie then gets 401 TOKEN_REVOKED', async () => {
    const { user, password } = await member();
    const { cookie } = await webLogin(http, user.username, password);
    const out = await http.post('/api/v1/auth/logout').set('Cookie', cookie).set(WEB).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/nhip_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await http.get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
    expect(after.body.code).toBe('TOKEN_REVOKED');
    expect(String(after.headers['set-cookie'])).toMatch(/nhip_session=;/);
  });

  it('a deactivated user’s cookie is refused with USER_DEACTIVATED', async () => {
    const admin = await factories(env.db).user();
    await factories(env.db).membership(admin.user, ward, 'admin');
    const adminCookie = (await webLogin(http, admin.user.username, admin.password)).cookie;
    const { user, password } = await member();
    const { cookie } = await webLogin(http, user.username, password);
    await http.post(`/api/v1/users/${user.id}/deactivate`).set('Cookie', adminCookie).set(WEB).expect(204);
    expect((await http.get('/api/v1/auth/me').set('Cookie', cookie).expect(401)).body.code).toBe('USER_DEACTIVATED');
  });

  it('integrations keep the bearer token: no cookie, the token in the body, no client header needed', async () => {
    const { user, password } = await member();
    const res = await http.post('/api/v1/auth/login').send({ username: user.username, password }).expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const auth = { Authorization: `Bearer ${res.body.token}` };
    await http.post('/api/v1/auth/tokens').set(auth).send({ name: 'Cổng tỉnh' }).expect(201);
    // A bearer header wins over a cookie, even a broken one.
    await http.get('/api/v1/auth/me').set(auth).set('Cookie', 'nhip_session=nhp_s_nonsense').expect(200);
    await http.get('/api/v1/auth/me').set('Cookie', 'nhip_session=nhp_s_nonsense').expect(401);
    await http.get('/api/v1/auth/me').set('Cookie', 'other=1').expect(401);
  });
});
