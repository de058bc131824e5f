import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { ChannelRegistry } from '@nhip/channels';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { DEMO_WARD_CODE, seedDemoData } from '@nhip/demo';
import { PublishRunner } from '@nhip/publishing';
import { factories } from '../support/factories';
import { freePort } from '../support/free-port';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

type Auth = { Authorization: string };
interface Variant {
  id: string;
  channelType: string;
  content: Record<string, unknown>;
}

/**
 * The demo ward's accounts are connected to the sandbox Nhịp serves itself; an unconnected account is
 * never shown active and a failed check changes what is shown; a rehearsal account runs the engine but
 * sends nothing and ends "rehearsed", which no report counts.
 */
describe('sandbox channels, truthful account status and rehearsal (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let ward: AgencyEntity;
  let accounts: Record<string, ChannelAccountEntity>;
  let officer: Auth, editor: Auth, admin: Auth;

  const login = async (username: string, password: string): Promise<Auth> => {
    const res = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return { Authorization: `Bearer ${res.body.token}` };
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    ward = await env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    accounts = Object.fromEntries(
      (await env.db.getRepository(ChannelAccountEntity).find({ where: { agencyId: ward.id } })).map((a) => [a.type, a]),
    );
    const make = factories(env.db);
    const o = await make.user({ username: 'canbo.mai', displayName: 'Phạm Thị Mai' });
    const e = await make.user({ username: 'bientap.son', displayName: 'Võ Văn Sơn' });
    await make.membership(o.user, ward, 'officer');
    await make.membership(e.user, ward, 'editor');
    officer = await login('canbo.mai', o.password);
    editor = await login('bientap.son', e.password);
    admin = await login('admin', 'mat-khau-quan-tri');
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  /** A story with variants for the given accounts, submitted and approved for "now", then run by the real engine. */
  const publishNow = async (title: string, accountIds: string[]) => {
    const story = (
      await http
        .post(`/api/v1/agencies/${ward.id}/stories`)
        .set(officer)
        .send({
          title,
          summary: 'Phường Đăk Bla hướng dẫn người dân cài đặt VNeID và dùng dịch vụ công trực tuyến.',
          body: 'Tổ công nghệ số cộng đồng hỗ trợ tại nhà văn hóa từ 7 giờ 30.\n\nNgười dân mang theo căn cước.',
          media: [{ kind: 'image', url: 'https://dakbla.example.gov.vn/anh/vneid.jpg', caption: 'Hướng dẫn VNeID' }],
        })
        .expect(201)
    ).body as { id: string };
    const variants = (
      await http
        .post(`/api/v1/stories/${story.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: accountIds })
        .expect(201)
    ).body as Variant[];
    const at = new Date(Date.now() + 10 * 60_000).toISOString();
    for (const v of variants) {
      const content = v.channelType === 'loudspeaker' ? { ...v.content, stations: ['toan-phuong'] } : v.content;
      await http.patch(`/api/v1/variants/${v.id}`).set(officer).send({ content, schedule: { at } }).expect(200);
      const submitted = await http.post(`/api/v1/variants/${v.id}/submit`).set(officer);
      expect([submitted.status, submitted.body.message]).toEqual([200, undefined]);
    }
    await http
      .post('/api/v1/queue/approve')
      .set(editor)
      .send({ variantIds: variants.map((v) => v.id) })
      .expect(200);
    const pubs: Array<{ id: string; version: number; channel_type: string }> = await env.db.query(
      `SELECT p.id, p.version, v.channel_type FROM publications p JOIN variants v ON v.id = p.variant_id WHERE v.story_id = $1`,
      [story.id],
    );
    // Due now instead of in two minutes: the engine runs exactly as it would then.
    await env.db.query(`UPDATE publications SET next_attempt_at = now() WHERE id = ANY($1)`, [pubs.map((p) => p.id)]);
    const outcomes: Record<string, unknown> = {};
    for (const p of pubs) outcomes[p.channel_type] = await app.get(PublishRunner).run(p.id, p.version);
    const shown: Record<string, { id: string; state: string; externalUrl: string | null; attempts: unknown[] }> = {};
    for (const p of pubs)
      shown[p.channel_type] = (await http.get(`/api/v1/publications/${p.id}`).set(editor).expect(200)).body;
    return { story, outcomes, shown };
  };

  it('connects the demo ward to the sandbox: active, marked, and checked as connected', async () => {
    const listed = (await http.get(`/api/v1/agencies/${ward.id}/channel-accounts`).set(admin).expect(200))
      .body as Array<{
      type: string;
      sandbox: boolean;
      status: string;
    }>;
    expect(listed.map((a) => [a.type, a.sandbox, a.status]).sort()).toEqual([
      ['facebook', true, 'active'],
      ['loudspeaker', true, 'active'],
      ['portal', true, 'active'],
      ['zalo', true, 'active'],
    ]);
    const check = (await http.post(`/api/v1/channel-accounts/${accounts.portal.id}/check`).set(admin).expect(200)).body;
    expect(check).toMatchObject({ ok: true, status: 'active' });
    expect(check.message).toContain('môi trường thử nghiệm');
  });

  it('publishes to the four sandbox channels through the engine, and the sandbox pages show what went out', async () => {
    const title = 'Hướng dẫn cài đặt VNeID tại phường Đăk Bla';
    const { outcomes, shown } = await publishNow(title, [
      accounts.portal.id,
      accounts.facebook.id,
      accounts.zalo.id,
      accounts.loudspeaker.id,
    ]);
    expect(outcomes).toEqual({
      portal: { ran: true, state: 'published' },
      facebook: { ran: true, state: 'published' },
      zalo: { ran: true, state: 'published' },
      loudspeaker: { ran: true, state: 'published' },
    });
    for (const type of ['portal', 'facebook', 'zalo', 'loudspeaker']) {
      expect(shown[type].state).toBe('published');
      const url = new URL(shown[type].externalUrl!);
      expect(url.pathname).toMatch(/^\/api\/v1\/sandbox\/posts\/[0-9a-f-]{36}$/);
      const page = await http.get(url.pathname).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('Môi trường thử nghiệm');
    }
    const portalPage = await http.get(new URL(shown.portal.externalUrl!).pathname).expect(200);
    expect(portalPage.text).toContain(title);

    // The station stored the bulletin with audio rendered by the same text-to-speech as a real one.
    const feed = await http.get(`/api/v1/sandbox/accounts/${accounts.loudspeaker.id}`).expect(200);
    expect(feed.text).toContain('Môi trường thử nghiệm');
    const audioPath = /src="(\/api\/v1\/sandbox\/posts\/[0-9a-f-]{36}\/audio)"/.exec(feed.text)?.[1];
    expect(audioPath).toBeDefined();
    const audio = await http.get(audioPath!).buffer(true).expect(200);
    expect(audio.headers['content-type']).toMatch(/^audio\//);
    expect((audio.body as Buffer).subarray(0, 4).toString('ascii')).toBe('RIFF');

    // A second call with the same idempotency key creates nothing more, as on a channel that honours it.
    const [{ count }] = await env.db.query(`SELECT count(*)::int AS count FROM sandbox_posts`);
    expect(count).toBe(4);
    const [portalPub] = await env.db.query(`SELECT idempotency_key, variant_id FROM publications WHERE id = $1`, [
      shown.portal.id,
    ]);
    const [{ content }] = await env.db.query(`SELECT content FROM variants WHERE id = $1`, [portalPub.variant_id]);
    const again = await app.get(ChannelRegistry).forAccount({ type: 'portal', sandbox: true }).publish(
      {
        id: accounts.portal.id,
        type: 'portal',
        settings: {},
        credentials: null,
        credentialsVersion: 0,
        sandbox: true,
      },
      content,
      { idempotencyKey: portalPub.idempotency_key },
    );
    expect(again).toMatchObject({ url: shown.portal.externalUrl, response: { duplicate: true } });
    expect((await env.db.query(`SELECT count(*)::int AS count FROM sandbox_posts`))[0].count).toBe(4);
  });

  it('never serves the sandbox for a real account', async () => {
    const real = (
      await http
        .post(`/api/v1/agencies/${ward.id}/channel-accounts`)
        .set(admin)
        .send({ type: 'facebook', name: 'Fanpage thật của phường', settings: { pageId: '1234567890' } })
        .expect(201)
    ).body as { id: string; sandbox: boolean };
    expect(real.sandbox).toBe(false);
    const notSandbox = await http.get(`/api/v1/sandbox/accounts/${real.id}`).expect(404);
    expect(notSandbox.body.code).toBe('SANDBOX_NOT_FOUND');
    const registry = app.get(ChannelRegistry);
    const sandboxFacebook = registry.forAccount({ type: 'facebook', sandbox: true });
    expect(registry.forAccount({ type: 'facebook', sandbox: false })).not.toBe(sandboxFacebook);
    await expect(
      sandboxFacebook.publish(
        { id: real.id, type: 'facebook', settings: {}, credentials: null, credentialsVersion: 0, sandbox: false },
        { message: 'Thử' },
        { idempotencyKey: 'k-1' },
      ),
    ).rejects.toMatchObject({ kind: 'permanent', code: 'sandbox.real_account' });
    // Sandbox is not something the API sets.
    const patched = await http
      .patch(`/api/v1/channel-accounts/${real.id}`)
      .set(admin)
      .send({ sandbox: true })
      .expect(400);
    expect(patched.body.code).toBeDefined();
  });

  it('shows an unconnected account as not connected, and a failed check as needing reconnection', async () => {
    const unconnected = (
      await http
        .post(`/api/v1/agencies/${ward.id}/channel-accounts`)
        .set(admin)
        .send({
          type: 'portal',
          name: 'Cổng thông tin chưa kết nối',
          settings: { siteUrl: 'https://dakbla.example.gov.vn' },
        })
        .expect(201)
    ).body as { id: string; status: string };
    expect(unconnected.status).toBe('not_connected');
    const resumed = await http.post(`/api/v1/channel-accounts/${unconnected.id}/resume`).set(admin).expect(409);
    expect(resumed.body.code).toBe('ACCOUNT_NOT_CONNECTED');

    // A station whose address answers nothing: the check fails and the status shown changes.
    const closed = await freePort();
    const station = (
      await http
        .post(`/api/v1/agencies/${ward.id}/channel-accounts`)
        .set(admin)
        .send({
          type: 'loudspeaker',
          name: 'Đài truyền thanh thật',
          settings: { endpoint: `http://127.0.0.1:${closed}`, stationGroups: ['toan-phuong'] },
          credentials: { apiKey: 'khoa-bi-mat' },
        })
        .expect(201)
    ).body as { id: string; status: string };
    expect(station.status).toBe('active');
    const check = (await http.post(`/api/v1/channel-accounts/${station.id}/check`).set(admin).expect(200)).body;
    expect(check).toMatchObject({ ok: false, status: 'needs_reconnection' });
    const after = (await http.get(`/api/v1/channel-accounts/${station.id}`).set(admin).expect(200)).body;
    expect(after).toMatchObject({ status: 'needs_reconnection', statusReason: check.message });
  });

  it('rehearses: the engine runs, the channel only validates, nothing is posted, no report counts it', async () => {
    await http.patch(`/api/v1/channel-accounts/${accounts.portal.id}`).set(admin).send({ rehearsal: true }).expect(200);
    const before = (await env.db.query(`SELECT count(*)::int AS count FROM sandbox_posts`))[0].count;
    const title = 'Diễn tập lịch đăng ngày 10/10';
    const { outcomes, shown } = await publishNow(title, [accounts.portal.id]);
    expect(outcomes).toEqual({ portal: { ran: true, state: 'rehearsed' } });
    expect(shown.portal).toMatchObject({ state: 'rehearsed', externalUrl: null });
    expect((await env.db.query(`SELECT count(*)::int AS count FROM sandbox_posts`))[0].count).toBe(before);

    // What would have gone out, and when.
    const [attempt] = await env.db.query(
      `SELECT outcome, response_summary FROM publication_attempts WHERE publication_id = $1`,
      [shown.portal.id],
    );
    expect(attempt.outcome).toBe('rehearsed');
    expect(attempt.response_summary).toMatchObject({ rehearsal: true, content: { title } });
    expect(typeof attempt.response_summary.at).toBe('string');
    const listed = (await http.get(`/api/v1/publications?agency=${ward.id}&state=rehearsed`).set(editor).expect(200))
      .body;
    expect(JSON.stringify(listed)).toContain(shown.portal.id);

    const report = (
      await http.post('/api/v1/reports').set(editor).send({ agency: ward.id, period: '2026' }).expect(201)
    ).body;
    expect(JSON.stringify(report)).not.toContain(title);

    await http
      .patch(`/api/v1/channel-accounts/${accounts.portal.id}`)
      .set(admin)
      .send({ rehearsal: false })
      .expect(200);
  });
});
