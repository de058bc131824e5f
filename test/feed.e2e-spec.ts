import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { DEMO_WARD_CODE, seedDemoData } from '@nhip/demo';
import { factories } from './support/factories';
import { nodeIcalOccurrences, parseIcs } from './support/ical-occurrences';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

describe('iCalendar feed (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let admin: { Authorization: string };
  let ward: AgencyEntity;

  beforeAll(async () => {
    env = await createTestEnvironment({ NHIP_PUBLIC_URL: 'https://nhip.quangngai.example.gov.vn' });
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    app = await createApiApp(env.config);
    await app.listen(0, '127.0.0.1');
    http = request(await app.getUrl());
    admin = {
      Authorization: `Bearer ${(await http.post('/api/v1/auth/login').send({ username: 'admin', password: 'mat-khau-quan-tri' })).body.token}`,
    };
    ward = await env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const portal = await env.db
      .getRepository(ChannelAccountEntity)
      .findOneByOrFail({ agencyId: ward.id, type: 'portal' });
    await factories(env.db).publication(portal, new Date('2026-10-05T09:00:00+07:00'), {
      title: 'Ngày hội toàn dân học tập số — Đăk Bla',
    });
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('parses in an independent parser, and its occurrences equal the calendar API entries for the same range', async () => {
    const created = await http
      .post(`/api/v1/agencies/${ward.id}/feeds`)
      .set(admin)
      .send({ name: 'Lịch phường Đăk Bla cho Sở VHTTDL' })
      .expect(201);
    expect(created.body.url).toMatch(/\/api\/v1\/feeds\/nhf_[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(created.body.url).pathname;
    // The window reaches back to 1 January, so the feed covers the year the API is asked for below.
    const past = Math.ceil((Date.now() - Date.parse('2026-01-01T00:00:00+07:00')) / 86_400_000);
    const feed = await http
      .get(path)
      .query({ past, ahead: 366 - past })
      .expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const { calendar, events } = parseIcs(feed.text);
    expect(calendar).toBeDefined();
    expect([...events.values()].map((e) => e.summary)).toContain('Ngày hội toàn dân học tập số — Đăk Bla');

    for (const [from, to] of [
      ['2026-01-01', '2026-12-31'],
      ['2026-09-26', '2026-10-12'],
    ]) {
      const api = (await http.get('/api/v1/calendar').query({ from, to, agency: ward.id }).set(admin).expect(200)).body
        .entries as Array<{ id: string; seriesId?: string; start: string }>;
      const range = {
        from: new Date(`${from}T00:00:00+07:00`),
        to: new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000),
      };
      const expected = api.map((e) => `${e.seriesId ?? e.id}|${e.start}`).sort();
      const actual = [...events.values()].flatMap((e) => nodeIcalOccurrences(e, range)).sort();
      expect(expected.length).toBeGreaterThan(3);
      expect(actual).toEqual(expected);
    }
  });

  it('builds the feed URL and its URL: property from NHIP_PUBLIC_URL, whatever Host and X-Forwarded-Proto say', async () => {
    const created = await http
      .post(`/api/v1/agencies/${ward.id}/feeds`)
      .set(admin)
      .set('Host', 'evil.example')
      .set('X-Forwarded-Proto', 'javascript')
      .set('X-Forwarded-Host', 'evil.example')
      .send({ name: 'Lịch cho Sở Thông tin' })
      .expect(201);
    expect(created.body.url).toMatch(
      /^https:\/\/nhip\.quangngai\.example\.gov\.vn\/api\/v1\/feeds\/nhf_[A-Za-z0-9_-]{43}\.ics$/,
    );
    const feed = await http
      .get(new URL(created.body.url).pathname)
      .set('Host', 'evil.example')
      .set('X-Forwarded-Proto', 'javascript')
      .expect(200);
    expect(feed.text).toMatch(/^URL(;VALUE=URI)?:https:\/\/nhip\.quangngai\.example\.gov\.vn\/\r$/m);
    expect(feed.text).not.toContain('evil.example');
  });

  it('answers 304 to an unchanged calendar; a revoked URL is 410 and a made-up one 404', async () => {
    const created = (
      await http.post(`/api/v1/agencies/${ward.id}/feeds`).set(admin).send({ name: 'Tạm thời' }).expect(201)
    ).body;
    const path = new URL(created.url).pathname;
    const first = await http.get(path).expect(200);
    await http.get(path).set('If-None-Match', first.headers.etag).expect(304);
    await http.delete(`/api/v1/agencies/${ward.id}/feeds/${created.id}`).set(admin).expect(204);
    expect((await http.get(path).expect(410)).body).toEqual({
      code: 'FEED_REVOKED',
      message: 'Liên kết lịch này đã bị thu hồi.',
    });
    expect((await http.get(path.replace(/nhf_.{4}/, 'nhf_AAAA')).expect(404)).body.code).toBe('FEED_NOT_FOUND');
    await http.get('/api/v1/feeds/nhf_khong-ton-tai.ics').expect(404);
  });

  it('only an admin of the agency creates a feed', async () => {
    const { user, password } = await factories(env.db).user();
    await factories(env.db).membership(user, ward, 'editor');
    const token = (await http.post('/api/v1/auth/login').send({ username: user.username, password })).body.token;
    await http
      .post(`/api/v1/agencies/${ward.id}/feeds`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ name: 'Không được phép' })
      .expect(403);
  });
});
