import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AgencyEntity } from '@nhip/database';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

/** Issue #14, F1, F4, F8, F10: bounded input before any work, no 500 from what a client sends. */
describe('hostile input (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let auth: { Authorization: string };
  let province: AgencyEntity;

  const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 0]));
  const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const result = await work();
    return [result, performance.now() - start];
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await createApiApp(env.config);
    await app.listen(0, '127.0.0.1');
    http = request(await app.getUrl());
    const make = factories(env.db);
    province = await make.agency({ kind: 'province', name: 'UBND tỉnh Thử Nghiệm' });
    const { user, password } = await make.user({ username: 'quan.tri' });
    await make.membership(user, province, 'admin');
    const login = await http.post('/api/v1/auth/login').send({ username: 'quan.tri', password }).expect(200);
    auth = { Authorization: `Bearer ${login.body.token}` };
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  describe('F1: size, depth and number of values are bounded before any work', () => {
    it('refuses 150,000 unknown keys sent to the login at once, with a short answer', async () => {
      const flood = JSON.stringify({ username: 'a', password: 'b', ...keys(150_000) });
      expect(flood.length).toBeGreaterThan(1_500_000);
      const [res, ms] = await timed(() =>
        http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(flood),
      );
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' });
      expect(ms).toBeLessThan(1000);
    });

    it('refuses a login body under its byte limit with too many values', async () => {
      const res = await http
        .post('/api/v1/auth/login')
        .send({ username: 'a', password: 'b', ...keys(100) })
        .expect(400);
      expect(res.body.code).toBe('BODY_TOO_COMPLEX');
      expect(res.body.message).toMatch(/quá phức tạp/);
    });

    it('answers the worst flood of unknown fields the limits let through with at most 10 fields, fast', async () => {
      const [res, ms] = await timed(() =>
        http
          .post(`/api/v1/agencies/${province.id}/stories`)
          .set(auth)
          .send({ ...keys(990) }),
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.fields).toHaveLength(10);
      expect(res.body.details.truncated).toBe(true);
      expect(res.text.length).toBeLessThan(3000);
      expect(ms).toBeLessThan(1000);
    });

    it('refuses 10,000 levels of nesting and a 900,000-element array without a 500', async () => {
      const deep = await http
        .post('/api/v1/agencies')
        .set(auth)
        .set('Content-Type', 'application/json')
        .send(`{"name":${nested(10_000)}}`)
        .expect(400);
      expect(deep.body.code).toBe('BODY_TOO_COMPLEX');
      const deepLogin = await http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(nested(1000))
        .expect(400);
      expect(deepLogin.body.code).toBe('BODY_TOO_COMPLEX');
      const wide = await http
        .post('/api/v1/agencies')
        .set(auth)
        .set('Content-Type', 'application/json')
        .send(`[${'0,'.repeat(900_000)}0]`)
        .expect(413);
      expect(wide.text.length).toBeLessThan(200);
      const wideUnderLimit = await http
        .post('/api/v1/agencies')
        .set(auth)
        .send(Array.from({ length: 5000 }, () => 0))
        .expect(400);
      expect(wideUnderLimit.body.code).toBe('BODY_TOO_COMPLEX');
    });

    it('lets a plan file have long lists but not wide mappings', async () => {
      const [wide, ms] = await timed(() => http.post('/api/v1/plans/import').set(auth).send(keys(1900)));
      expect(wide.status).toBe(400);
      expect(wide.body.code).toBe('BODY_TOO_COMPLEX');
      expect(ms).toBeLessThan(1000);
      const long = await http
        .post('/api/v1/plans/import')
        .set(auth)
        .send({ code: 'ke-hoach-dai', tasks: Array.from({ length: 1_100 }, (_, i) => i) })
        .expect(400);
      expect(long.body.code).toBe('PLAN_FILE_INVALID');
      expect(long.body.details.problems.length).toBeLessThanOrEqual(50);
      const yaml = await http
        .post('/api/v1/plans/import')
        .set(auth)
        .set('Content-Type', 'application/yaml')
        .send(`code: ke-hoach\ntasks: [${'0,'.repeat(2000)}0]\n`)
        .expect(400);
      expect(yaml.body.code).toBe('BODY_TOO_COMPLEX');
    });

    it('refuses bodies that are not JSON on JSON routes with 415, and malformed JSON with 400', async () => {
      const plain = await http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'text/plain')
        .send('username=a&password=b')
        .expect(415);
      expect(plain.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      await http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('username=a&password=b')
        .expect(415);
      const broken = await http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"username":')
        .expect(400);
      expect(broken.body.code).toBe('MALFORMED_REQUEST');
    });
  });

  describe('F10: text, numbers and dates are checked where they enter', () => {
    it('refuses NUL and lone UTF-16 surrogates in bodies, keys, queries and paths with 400', async () => {
      const expectRefused = async (res: request.Response) => {
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('INVALID_CHARACTERS');
        expect(res.body.message).toMatch(/ký tự/);
      };
      await expectRefused(await http.post('/api/v1/auth/login').send({ username: 'a\u0000b', password: 'x' }));
      await expectRefused(
        await http
          .post('/api/v1/auth/login')
          .set('Content-Type', 'application/json')
          .send('{"username":"\\ud800","password":"x"}'),
      );
      await expectRefused(
        await http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"\\u0000":1}'),
      );
      await expectRefused(
        await http
          .post(`/api/v1/agencies/${province.id}/stories`)
          .set(auth)
          .send({ title: 'Tiêu đề', media: [{ kind: 'image', url: 'https://a.example/\u0000.jpg' }] }),
      );
      await expectRefused(await http.get('/api/v1/stories?q=a%00b').set(auth));
      await expectRefused(await http.get('/api/v1/feeds/nhf_%00.ics'));
      const badEncoding = await http.get('/api/v1/feeds/%E0%A4%A.ics').expect(400);
      expect(badEncoding.body.code).toBe('MALFORMED_REQUEST');
    });

    it('bounds paging numbers and checks that dates exist', async () => {
      const offset = await http.get('/api/v1/stories?offset=99999999999999999999').set(auth).expect(400);
      expect(offset.body.details.fields).toEqual([{ field: 'offset', problems: ['offset phải từ 0 đến 1000000.'] }]);
      await http.get('/api/v1/publications?offset=99999999999999999999').set(auth).expect(400);
      await http.get('/api/v1/notifications?offset=1e30').set(auth).expect(400);
      await http.get('/api/v1/queue?offset=-1').set(auth).expect(400);
      const date = await http
        .get(`/api/v1/calendar?from=2026-02-30&to=2026-03-31&agency=${province.id}`)
        .set(auth)
        .expect(400);
      expect(date.body.code).toBe('CALENDAR_RANGE_INVALID');
      await http
        .post(`/api/v1/agencies/${province.id}/campaigns`)
        .set(auth)
        .send({ name: 'Chiến dịch', startsOn: '2026-04-31', endsOn: '2026-05-31' })
        .expect(400);
      await http
        .post('/api/v1/auth/tokens')
        .set(auth)
        .send({ name: 'Tích hợp', expiresAt: '2026-02-30T00:00:00Z' })
        .expect(400);
      await http.get(`/api/v1/calendar?from=2026-02-28&to=2026-03-31&agency=${province.id}`).set(auth).expect(200);
    });

    it('refuses a comment of only spaces, and null for a field that cannot be cleared', async () => {
      const story = await http
        .post(`/api/v1/agencies/${province.id}/stories`)
        .set(auth)
        .send({ title: 'Ngày hội chuyển đổi số' })
        .expect(201);
      const comment = await http
        .post(`/api/v1/stories/${story.body.id}/comments`)
        .set(auth)
        .send({ body: '     ' })
        .expect(400);
      expect(comment.body.details.fields).toEqual([{ field: 'body', problems: ['Bình luận không được để trống.'] }]);
      for (const field of ['title', 'summary', 'body', 'format', 'audiences', 'language', 'media']) {
        const res = await http
          .patch(`/api/v1/stories/${story.body.id}`)
          .set(auth)
          .send({ [field]: null });
        expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      for (const field of ['name', 'requiredApprovals', 'allowSelfApproval']) {
        const res = await http
          .patch(`/api/v1/agencies/${province.id}`)
          .set(auth)
          .send({ [field]: null });
        expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
    });
  });

  describe('F4: PATCH changes only the fields sent', () => {
    it('keeps every stored story field a PATCH leaves out, and a PATCH without title is not a 500', async () => {
      const created = await http
        .post(`/api/v1/agencies/${province.id}/stories`)
        .set(auth)
        .send({
          title: 'Ngày hội toàn dân học tập số',
          summary: 'Tóm tắt ban đầu',
          body: 'Nội dung '.repeat(40).trim(),
          format: 'article',
          audiences: ['residents', 'students'],
          language: 'vi',
          media: [{ kind: 'image', url: 'https://dakbla.example.gov.vn/anh.jpg', caption: 'Ảnh' }],
        })
        .expect(201);
      const patched = await http
        .patch(`/api/v1/stories/${created.body.id}`)
        .set(auth)
        .send({ summary: 'Tóm tắt mới' })
        .expect(200);
      expect(patched.body).toEqual({ ...created.body, summary: 'Tóm tắt mới', updatedAt: expect.any(String) });
      const read = await http.get(`/api/v1/stories/${created.body.id}`).set(auth).expect(200);
      expect(read.body.body).toBe(created.body.body);
      expect(read.body.title).toBe('Ngày hội toàn dân học tập số');
      await http.patch(`/api/v1/stories/${created.body.id}`).set(auth).send({}).expect(200);
      const title = await http
        .patch(`/api/v1/stories/${created.body.id}`)
        .set(auth)
        .send({ title: 'Tiêu đề mới' })
        .expect(200);
      expect(title.body.media).toEqual(created.body.media);
      expect(title.body.audiences).toEqual(['residents', 'students']);
    });

    it("refuses null for a variant's content or schedule and a channel account's name, keeping the rest", async () => {
      const account = await factories(env.db).channelAccount(province, { endpoint: 'https://loa.example.gov.vn' });
      const { variant } = await factories(env.db).publication(account, new Date('2026-10-05T09:00:00+07:00'));
      for (const body of [{ content: null }, { schedule: null }, { schedule: { nextFreeSlot: null } }]) {
        const res = await http.patch(`/api/v1/variants/${variant.id}`).set(auth).send(body);
        expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      for (const body of [{ name: null }, { settings: null }, { concurrency: null }]) {
        const res = await http.patch(`/api/v1/channel-accounts/${account.id}`).set(auth).send(body);
        expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const renamed = await http
        .patch(`/api/v1/channel-accounts/${account.id}`)
        .set(auth)
        .send({ name: 'Loa phường mới' })
        .expect(200);
      expect(renamed.body).toMatchObject({ name: 'Loa phường mới', concurrency: 1, settings: account.settings });
    });

    it('keeps the agency settings a PATCH leaves out', async () => {
      const first = await http
        .patch(`/api/v1/agencies/${province.id}`)
        .set(auth)
        .send({ shortName: 'Tỉnh TN', requiredApprovals: 2, allowSelfApproval: true })
        .expect(200);
      const second = await http
        .patch(`/api/v1/agencies/${province.id}`)
        .set(auth)
        .send({ name: 'UBND tỉnh Thử Nghiệm Mới' })
        .expect(200);
      expect(second.body).toEqual({ ...first.body, name: 'UBND tỉnh Thử Nghiệm Mới' });
    });
  });

  describe('F8: browser security headers', () => {
    it('sends CSP without inline script, no framing, nosniff, a Referrer-Policy, and no X-Powered-By', async () => {
      for (const path of ['/health', '/api/v1/auth/me', '/api/v1/khong-co', '/api/docs']) {
        const res = await http.get(path);
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toMatch(/(^|;)\s*script-src 'self'(;|$)/);
        expect(csp).not.toMatch(/script-src[^;]*unsafe/);
        expect(csp).toMatch(/frame-ancestors 'none'/);
        expect(csp).toMatch(/default-src 'self'/);
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });
  });
});
