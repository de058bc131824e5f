import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { AgencyEntity } from '@nhip/database';
import { factories } from './support/factories';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

describe('api (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  const logLines: string[] = [];
  let province: AgencyEntity;
  let commune: AgencyEntity;
  let unrelated: AgencyEntity;

  const login = async (username: string, password: string) => {
    const res = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return res.body.token as string;
  };

  beforeAll(async () => {
    env = await createTestEnvironment({ LOG_LEVEL: 'trace', NHIP_LOGIN_MAX_ATTEMPTS: '3' });
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await createApiApp(env.config, { logStream });
    await app.init();
    http = request(app.getHttpServer());
    const make = factories(env.db);
    province = await make.agency({ kind: 'province', name: 'UBND tỉnh Thử Nghiệm' });
    commune = await make.agency({ kind: 'ward', parent: province, name: 'UBND phường Đak Bla' });
    unrelated = await make.agency({ kind: 'province', name: 'UBND tỉnh Khác' });
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  describe('health and documentation', () => {
    it('GET /health is 200 and reports database and Redis up', async () => {
      const res = await http.get('/health').expect(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.details.database.status).toBe('up');
      expect(res.body.details.redis.status).toBe('up');
    });

    it('serves the OpenAPI document and the browsable docs', async () => {
      const doc = await http.get('/api/openapi.json').expect(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/api/v1/auth/login', '/api/v1/agencies/{id}']),
      );
      const page = await http.get('/api/docs').expect(200);
      expect(page.text).toContain('swagger');
    });

    it('answers unknown routes with the error shape', async () => {
      const res = await http.get('/api/v1/khong-co').expect(404);
      expect(res.body).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });
    });

    it('tags every response with a request id, reusing a sane incoming one', async () => {
      const res = await http.get('/health').set('X-Request-Id', 'abc-123').expect(200);
      expect(res.headers['x-request-id']).toBe('abc-123');
      const generated = await http.get('/health').set('X-Request-Id', 'bad id with spaces').expect(200);
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('login', () => {
    it('returns a bearer token that opens protected routes', async () => {
      const { user, password } = await factories(env.db).user({ username: 'lan.nguyen' });
      await factories(env.db).membership(user, commune, 'officer');
      const token = await login('Lan.Nguyen', password);
      const me = await http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
      expect(me.body.username).toBe('lan.nguyen');
      expect(me.body.memberships).toEqual([
        { agencyId: commune.id, agencyName: 'UBND phường Đak Bla', role: 'officer' },
      ]);
    });

    it('refuses wrong credentials with 401 and reveals nothing about which part was wrong', async () => {
      await factories(env.db).user({ username: 'existing.user', password: 'dung-mat-khau-123' });
      const wrongPassword = await http
        .post('/api/v1/auth/login')
        .send({ username: 'existing.user', password: 'sai' })
        .expect(401);
      const unknownUser = await http
        .post('/api/v1/auth/login')
        .send({ username: 'no.such.user', password: 'sai' })
        .expect(401);
      expect(wrongPassword.body).toEqual({
        code: 'INVALID_CREDENTIALS',
        message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      });
      expect(unknownUser.body).toEqual(wrongPassword.body);
    });

    it('rate-limits repeated failures, even a correct password while blocked', async () => {
      const { password } = await factories(env.db).user({ username: 'target.user' });
      for (let i = 0; i < 2; i++)
        await http.post('/api/v1/auth/login').send({ username: 'target.user', password: 'x' }).expect(401);
      const limited = await http
        .post('/api/v1/auth/login')
        .send({ username: 'target.user', password: 'x' })
        .expect(429);
      expect(limited.body.code).toBe('LOGIN_RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await http.post('/api/v1/auth/login').send({ username: 'target.user', password }).expect(429);
    });

    it('validates the body field by field', async () => {
      const res = await http.post('/api/v1/auth/login').send({ username: '', extra: 1 }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = res.body.details.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['username', 'password', 'extra']));
      expect(res.body.details.fields).toContainEqual({ field: 'extra', problems: ['Không nhận trường “extra”.'] });
    });

    it('answers malformed JSON and oversized bodies with 4xx in the error shape', async () => {
      const res = await http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"username":')
        .expect(400);
      expect(res.body.code).toBe('MALFORMED_REQUEST');
      const big = await http
        .post('/api/v1/auth/login')
        .send({ username: 'x', password: 'y'.repeat(3 * 1024 * 1024) })
        .expect(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses missing, malformed and revoked tokens', async () => {
      await http.get('/api/v1/auth/me').expect(401);
      await http.get('/api/v1/auth/me').set('Authorization', 'Bearer nhp_s_forged').expect(401);
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, commune, 'viewer');
      const token = await login(user.username, password);
      await http.post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
      const after = await http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(after.body.code).toBe('TOKEN_REVOKED');
    });

    it('issues long-lived integration tokens that work until revoked', async () => {
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, commune, 'viewer');
      const session = await login(user.username, password);
      const created = await http
        .post('/api/v1/auth/tokens')
        .set('Authorization', `Bearer ${session}`)
        .send({ name: 'Cổng tỉnh' })
        .expect(201);
      expect(created.body.kind).toBe('integration');
      expect(created.body.expiresAt).toBeNull();
      await http.get(`/api/v1/agencies/${commune.id}`).set('Authorization', `Bearer ${created.body.token}`).expect(200);
      await http.delete(`/api/v1/auth/tokens/${created.body.id}`).set('Authorization', `Bearer ${session}`).expect(204);
      await http.get(`/api/v1/agencies/${commune.id}`).set('Authorization', `Bearer ${created.body.token}`).expect(401);
      // Each token written with its audit row: signing in, creating the token, revoking it.
      const trail: Array<{ action: string; token_id: string }> = await env.db.query(
        `SELECT action, data->>'tokenId' AS token_id FROM audit_events WHERE subject_id = $1 AND action LIKE 'auth.%' ORDER BY id`,
        [user.id],
      );
      expect(trail).toEqual([
        { action: 'auth.login', token_id: expect.any(String) },
        { action: 'auth.token_created', token_id: created.body.id },
        { action: 'auth.token_revoked', token_id: created.body.id },
      ]);
    });

    it('writes no token when its audit row cannot be written', async () => {
      const { user, password } = await factories(env.db).user();
      const session = await login(user.username, password);
      const tokens = async () =>
        (await env.db.query(`SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1`, [user.id]))[0].n as number;
      const before = await tokens();
      // The audit table refuses the row (as it would when full, or its constraint is broken): the token goes too.
      const schema = env.config.databaseSchema;
      await env.db.query(`CREATE FUNCTION "${schema}".refuse_token_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.action = 'auth.token_created' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
      await env.db.query(
        `CREATE TRIGGER refuse_token_audit BEFORE INSERT ON "${schema}".audit_events FOR EACH ROW EXECUTE FUNCTION "${schema}".refuse_token_audit()`,
      );
      try {
        await http
          .post('/api/v1/auth/tokens')
          .set('Authorization', `Bearer ${session}`)
          .send({ name: 'Mất dấu' })
          .expect(500);
      } finally {
        await env.db.query(`DROP TRIGGER refuse_token_audit ON "${schema}".audit_events`);
        await env.db.query(`DROP FUNCTION "${schema}".refuse_token_audit()`);
      }
      expect(await tokens()).toBe(before);
    });
  });

  describe('agency roles', () => {
    const campaign = { name: 'Tuần lễ Chuyển đổi số 10/10', startsOn: '2026-10-03', endsOn: '2026-10-10' };

    it('a viewer of X reads X but gets 403 on a write to X and on any read of an unrelated agency', async () => {
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, commune, 'viewer');
      const token = await login(user.username, password);
      const auth = { Authorization: `Bearer ${token}` };
      await http.get(`/api/v1/agencies/${commune.id}`).set(auth).expect(200);
      const write = await http.post(`/api/v1/agencies/${commune.id}/campaigns`).set(auth).send(campaign).expect(403);
      expect(write.body.code).toBe('ROLE_TOO_LOW');
      const read = await http.get(`/api/v1/agencies/${unrelated.id}`).set(auth).expect(403);
      expect(read.body.code).toBe('AGENCY_OUT_OF_REACH');
      await http.get(`/api/v1/agencies/${unrelated.id}/campaigns`).set(auth).expect(403);
      await http.get(`/api/v1/agencies/${province.id}`).set(auth).expect(403);
      const count = await env.db.query(`SELECT count(*)::int AS n FROM campaigns WHERE agency_id = $1`, [commune.id]);
      expect(count[0].n).toBe(0);
    });

    it('an editor of a province acts on a commune below it', async () => {
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, province, 'editor');
      const auth = { Authorization: `Bearer ${await login(user.username, password)}` };
      const created = await http.post(`/api/v1/agencies/${commune.id}/campaigns`).set(auth).send(campaign).expect(201);
      expect(created.body).toMatchObject({ agencyId: commune.id, name: campaign.name });
      const listed = await http.get(`/api/v1/agencies/${commune.id}/campaigns`).set(auth).expect(200);
      expect(listed.body.map((c: { id: string }) => c.id)).toContain(created.body.id);
      await http.get(`/api/v1/agencies/${unrelated.id}`).set(auth).expect(403);
    });

    it('lists exactly the agencies in reach with the effective role', async () => {
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, province, 'editor');
      await factories(env.db).membership(user, commune, 'admin');
      const res = await http
        .get('/api/v1/agencies')
        .set('Authorization', `Bearer ${await login(user.username, password)}`)
        .expect(200);
      const roles = Object.fromEntries(res.body.map((a: { id: string; myRole: string }) => [a.id, a.myRole]));
      expect(roles).toEqual({ [province.id]: 'editor', [commune.id]: 'admin' });
    });

    it('refuses ids that are not ids with 400 and unknown ones with 404', async () => {
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, province, 'admin');
      const auth = { Authorization: `Bearer ${await login(user.username, password)}` };
      expect((await http.get('/api/v1/agencies/123').set(auth).expect(400)).body.code).toBe('INVALID_ID');
      expect(
        (await http.get('/api/v1/agencies/00000000-0000-4000-8000-000000000000').set(auth).expect(404)).body.code,
      ).toBe('AGENCY_NOT_FOUND');
    });
  });

  describe('people', () => {
    it('an admin finds existing people to add — in reach by name with or without diacritics, elsewhere only by exact username', async () => {
      const make = factories(env.db);
      const { user: admin, password } = await make.user();
      await make.membership(admin, province, 'admin');
      const auth = { Authorization: `Bearer ${await login(admin.username, password)}` };
      const district = await make.agency({ kind: 'ward', parent: province, name: 'UBND phường Trường Chinh' });
      const inReach = await make.user({ username: 'canbo.lan.tc', displayName: 'Nguyễn Thị Lân' });
      await make.membership(inReach.user, district, 'officer');
      const elsewhere = await make.user({ username: 'lan.tinhkhac', displayName: 'Lê Thị Lân' });
      await make.membership(elsewhere.user, unrelated, 'officer');
      const already = await make.user({ username: 'lan.dakbla', displayName: 'Phạm Lân' });
      await make.membership(already.user, commune, 'officer');
      const url = `/api/v1/agencies/${commune.id}/user-candidates`;

      for (const q of ['lân', 'lan', 'NGUYEN THI LAN', 'thi lan'.normalize('NFD')]) {
        const found = await http.get(url).query({ q }).set(auth).expect(200);
        expect({ q, usernames: found.body.map((u: { username: string }) => u.username) }).toEqual({
          q,
          usernames: ['canbo.lan.tc'],
        });
      }
      const exact = await http.get(url).query({ q: 'Lan.TinhKhac' }).set(auth).expect(200);
      expect(exact.body).toEqual([
        { id: elsewhere.user.id, username: 'lan.tinhkhac', displayName: 'Lê Thị Lân', needsInvitation: true },
      ]);
      expect((await http.get(url).query({ q: 'lan.tinh' }).set(auth).expect(200)).body).toEqual([]);

      const short = await http.get(url).query({ q: 'l' }).set(auth).expect(400);
      expect(short.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      await http.get(url).set(auth).expect(400);
      const viewer = await make.user();
      await make.membership(viewer.user, commune, 'editor');
      await http
        .get(url)
        .query({ q: 'lan' })
        .set({ Authorization: `Bearer ${await login(viewer.user.username, viewer.password)}` })
        .expect(403);

      // Found, but from outside the admin's reach: only an invitation they accept adds them.
      const direct = await http
        .put(`/api/v1/agencies/${commune.id}/members/${elsewhere.user.id}`)
        .set(auth)
        .send({ role: 'viewer' })
        .expect(403);
      expect(direct.body.code).toBe('INVITATION_REQUIRED');
      const invitation = await http
        .post(`/api/v1/agencies/${commune.id}/invitations`)
        .set(auth)
        .send({ userId: elsewhere.user.id, role: 'viewer' })
        .expect(201);
      await http
        .post(`/api/v1/invitations/${invitation.body.id}/accept`)
        .set({ Authorization: `Bearer ${await login(elsewhere.user.username, elsewhere.password)}` })
        .expect(204);
      expect((await http.get(url).query({ q: 'lan.tinhkhac' }).set(auth).expect(200)).body).toEqual([]);
    });
  });

  describe('channel credentials', () => {
    it('never appear in any response or log line, and are encrypted at rest', async () => {
      const secret = `EAAB-secret-${Date.now()}-do-not-leak`;
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, province, 'admin');
      const auth = { Authorization: `Bearer ${await login(user.username, password)}` };
      const bodies: string[] = [];

      const created = await http
        .post(`/api/v1/agencies/${commune.id}/channel-accounts`)
        .set(auth)
        .send({
          type: 'facebook',
          name: 'Fanpage phường Đak Bla',
          settings: { pageId: '1234567890' },
          credentials: { accessToken: secret },
        })
        .expect(201);
      bodies.push(JSON.stringify(created.body));
      expect(created.body).toMatchObject({
        type: 'facebook',
        hasCredentials: true,
        settings: { pageId: '1234567890' },
      });
      expect(created.body).not.toHaveProperty('credentials');

      bodies.push(
        JSON.stringify((await http.get(`/api/v1/channel-accounts/${created.body.id}`).set(auth).expect(200)).body),
      );
      bodies.push(
        JSON.stringify((await http.get(`/api/v1/agencies/${commune.id}/channel-accounts`).set(auth).expect(200)).body),
      );
      await http
        .put(`/api/v1/channel-accounts/${created.body.id}/credentials`)
        .set(auth)
        .send({ credentials: { accessToken: `${secret}-2` } })
        .expect(204);
      const invalid = await http
        .post(`/api/v1/agencies/${commune.id}/channel-accounts`)
        .set(auth)
        .send({ type: 'myspace', name: 'x', credentials: { accessToken: secret } })
        .expect(400);
      bodies.push(JSON.stringify(invalid.body));

      for (const body of bodies) expect(body).not.toContain(secret);
      expect(logLines.length).toBeGreaterThan(0);
      for (const line of logLines) expect(line).not.toContain(secret);
      const stored = await env.db.query(`SELECT credentials_encrypted FROM channel_accounts WHERE id = $1`, [
        created.body.id,
      ]);
      expect(stored[0].credentials_encrypted).not.toContain('EAAB');
      const audit = await env.db.query(`SELECT data::text FROM audit_events WHERE subject_id = $1`, [created.body.id]);
      expect(audit.length).toBe(2);
      for (const row of audit) expect(row.data).not.toContain(secret);
    });

    it('only an admin of the agency (or above) connects a channel', async () => {
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, commune, 'editor');
      const auth = { Authorization: `Bearer ${await login(user.username, password)}` };
      await http
        .post(`/api/v1/agencies/${commune.id}/channel-accounts`)
        .set(auth)
        .send({ type: 'zalo', name: 'Zalo OA phường' })
        .expect(403);
    });

    it('an admin changes the name, settings and limits of an account; bad values change nothing', async () => {
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, commune, 'admin');
      const auth = { Authorization: `Bearer ${await login(user.username, password)}` };
      const created = await http
        .post(`/api/v1/agencies/${commune.id}/channel-accounts`)
        .set(auth)
        .send({
          type: 'portal',
          name: 'Cổng phường',
          settings: { siteUrl: 'https://a.example' },
          rateLimitPerMinute: 10,
        })
        .expect(201);
      const url = `/api/v1/channel-accounts/${created.body.id}`;

      const changed = await http
        .patch(url)
        .set(auth)
        .send({
          name: 'Cổng thông tin phường Đak Bla'.normalize('NFD'),
          settings: { siteUrl: 'https://b.example' },
          rateLimitPerMinute: null,
          concurrency: 3,
        })
        .expect(200);
      expect(changed.body).toMatchObject({
        name: 'Cổng thông tin phường Đak Bla'.normalize('NFC'),
        settings: { siteUrl: 'https://b.example' },
        rateLimitPerMinute: null,
        concurrency: 3,
      });
      const [audit] = await env.db.query(
        `SELECT data FROM audit_events WHERE subject_id = $1 AND action = 'channel_account.updated'`,
        [created.body.id],
      );
      expect(audit.data.changes).toEqual({
        name: { from: 'Cổng phường', to: 'Cổng thông tin phường Đak Bla' },
        settings: { from: { siteUrl: 'https://a.example' }, to: { siteUrl: 'https://b.example' } },
        rateLimitPerMinute: { from: 10, to: null },
        concurrency: { from: 1, to: 3 },
      });

      for (const bad of [
        { concurrency: 0 },
        { concurrency: null },
        { name: null },
        { name: 'x' },
        { settings: 'https://c.example' },
        { rateLimitPerMinute: 1.5 },
        { status: 'active' },
      ]) {
        const res = await http.patch(url).set(auth).send(bad).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      expect((await http.get(url).set(auth).expect(200)).body).toMatchObject({
        name: 'Cổng thông tin phường Đak Bla',
        concurrency: 3,
        rateLimitPerMinute: null,
      });
      // Nothing to change: no audit row.
      await http.patch(url).set(auth).send({ concurrency: 3 }).expect(200);
      expect(
        await env.db.query(`SELECT 1 FROM audit_events WHERE subject_id = $1 AND action = 'channel_account.updated'`, [
          created.body.id,
        ]),
      ).toHaveLength(1);

      const { user: editor, password: editorPassword } = await factories(env.db).user();
      await factories(env.db).membership(editor, commune, 'editor');
      await http
        .patch(url)
        .set({ Authorization: `Bearer ${await login(editor.username, editorPassword)}` })
        .send({ concurrency: 5 })
        .expect(403);
      await http
        .patch('/api/v1/channel-accounts/00000000-0000-4000-8000-000000000000')
        .set(auth)
        .send({ concurrency: 5 })
        .expect(404);
    });
  });
});
