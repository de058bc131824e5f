import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

/**
 * Issue #15: a person whose password an administrator chose must choose their own at first sign-in;
 * until then their session opens only who they are, the change itself and signing out.
 */
describe('first sign-in with a password an administrator chose (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  const login = async (username: string, password: string) =>
    `Bearer ${(await http.post('/api/v1/auth/login').send({ username, password }).expect(200)).body.token as string}`;

  it('opens nothing but the change until the person has chosen their own password', async () => {
    const make = factories(env.db);
    const ward = await make.agency({ kind: 'ward', name: 'Ủy ban nhân dân phường Đăk Bla' });
    const admin = await make.user();
    await make.membership(admin.user, ward, 'admin');
    const adminAuth = await login(admin.user.username, admin.password);
    const created = await http
      .post('/api/v1/users')
      .set('Authorization', adminAuth)
      .send({
        username: 'canbo.nga',
        displayName: 'Trần Thị Nga',
        password: 'mat-khau-tam-thoi-1',
        agencyId: ward.id,
        role: 'officer',
      })
      .expect(201);

    const first = await login('canbo.nga', 'mat-khau-tam-thoi-1');
    const auth = { Authorization: first };
    const me = await http.get('/api/v1/auth/me').set(auth).expect(200);
    expect(me.body).toMatchObject({ id: created.body.id, mustChangePassword: true });
    const blocked = await http.get(`/api/v1/agencies/${ward.id}`).set(auth).expect(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(blocked.body.message).toContain('đổi mật khẩu');
    await http.post(`/api/v1/agencies/${ward.id}/stories`).set(auth).send({ title: 'Tin' }).expect(403);
    // A second session opened with the same password, to see it revoked by the change.
    const other = await login('canbo.nga', 'mat-khau-tam-thoi-1');

    const change = (currentPassword: string, newPassword: string) =>
      http.post('/api/v1/auth/password').set(auth).send({ currentPassword, newPassword });
    expect((await change('sai-mat-khau', 'mot-mat-khau-moi').expect(400)).body.code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await change('mat-khau-tam-thoi-1', 'ngan').expect(400)).body.code).toBe('PASSWORD_TOO_SHORT');
    expect((await change('mat-khau-tam-thoi-1', 'mat-khau-tam-thoi-1').expect(400)).body.code).toBe(
      'PASSWORD_UNCHANGED',
    );
    expect((await change('mat-khau-tam-thoi-1', 'canbo.nga-2026!').expect(400)).body.code).toBe(
      'PASSWORD_CONTAINS_USERNAME',
    );
    await change('mat-khau-tam-thoi-1', 'Hoa sen nở tháng 10').expect(204);

    // The session in use now opens everything its role allows; the other one is gone; the old password too.
    await http.get(`/api/v1/agencies/${ward.id}`).set(auth).expect(200);
    expect((await http.get('/api/v1/auth/me').set(auth).expect(200)).body.mustChangePassword).toBe(false);
    expect((await http.get('/api/v1/auth/me').set('Authorization', other).expect(401)).body.code).toBe('TOKEN_REVOKED');
    await http.post('/api/v1/auth/login').send({ username: 'canbo.nga', password: 'mat-khau-tam-thoi-1' }).expect(401);
    await login('canbo.nga', 'Hoa sen nở tháng 10');
    const [audit] = await env.db.query(
      `SELECT data FROM audit_events WHERE action = 'auth.password_changed' AND subject_id = $1`,
      [created.body.id],
    );
    expect(audit.data).toMatchObject({ wasRequired: true, otherTokensRevoked: 1 });

    // Someone who set their own password is never asked.
    const own = await make.user();
    const ownAuth = await login(own.user.username, own.password);
    expect((await http.get('/api/v1/auth/me').set('Authorization', ownAuth).expect(200)).body.mustChangePassword).toBe(
      false,
    );
  });
});
