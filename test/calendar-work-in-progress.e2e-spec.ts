import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { DEMO_WARD_CODE, seedDemoData } from '@nhip/demo';
import { factories } from './support/factories';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

type Auth = { Authorization: string };
interface Entry {
  id: string;
  kind: string;
  title: string;
  start: string;
  status: string;
  overdue?: string;
  links: Record<string, string>;
}

/**
 * The agency's calendar shows what is still in the workflow (drafts, returned, waiting for approval,
 * approved without a time) as its own kind, a moved item stays on it, and a late publication says why.
 */
describe('calendar: work in progress and overdue publications (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let ward: AgencyEntity;
  let portal: ChannelAccountEntity;
  let facebook: ChannelAccountEntity;
  let admin: Auth, officer: Auth, editor: Auth;

  const login = async (username: string, password: string): Promise<Auth> => {
    const res = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return { Authorization: `Bearer ${res.body.token}` };
  };
  const hoursAhead = (h: number) => {
    const d = new Date(Date.now() + h * 3600_000);
    d.setUTCMinutes(0, 0, 0);
    return d.toISOString();
  };
  const localDay = (iso: string, days = 0) =>
    new Date(Date.parse(iso) + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  const calendar = async (query: Record<string, string> = {}) => {
    const from = localDay(new Date().toISOString(), -1);
    const to = localDay(new Date().toISOString(), 4);
    return (
      await http
        .get('/api/v1/calendar')
        .query({ from, to, agency: ward.id, ...query })
        .set(officer)
        .expect(200)
    ).body.entries as Entry[];
  };
  const ofVariant = (entries: Entry[], variantId: string) =>
    entries.filter((e) => e.links.variant === `/api/v1/variants/${variantId}`);

  beforeAll(async () => {
    env = await createTestEnvironment();
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    ward = await env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const accounts = env.db.getRepository(ChannelAccountEntity);
    portal = await accounts.findOneByOrFail({ agencyId: ward.id, type: 'portal' });
    facebook = await accounts.findOneByOrFail({ agencyId: ward.id, type: 'facebook' });
    const make = factories(env.db);
    const o = await make.user({ username: 'canbo.hanh', displayName: 'Phan Thị Hạnh' });
    const e = await make.user({ username: 'bientap.duc', displayName: 'Lý Văn Đức' });
    await make.membership(o.user, ward, 'officer');
    await make.membership(e.user, ward, 'editor');
    admin = await login('admin', 'mat-khau-quan-tri');
    officer = await login('canbo.hanh', o.password);
    editor = await login('bientap.duc', e.password);
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  async function variantsFor(title: string) {
    const story = (
      await http
        .post(`/api/v1/agencies/${ward.id}/stories`)
        .set(officer)
        .send({
          title,
          summary: 'Tổ công nghệ số cộng đồng hỗ trợ người dân tại nhà văn hóa.',
          body: 'Người dân mang theo căn cước và điện thoại thông minh.',
          audiences: ['residents'],
          media: [{ kind: 'image', url: 'https://dakbla.example.gov.vn/anh/a.jpg', caption: 'Hỗ trợ' }],
        })
        .expect(201)
    ).body as { id: string };
    const generated = (
      await http
        .post(`/api/v1/stories/${story.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: [portal.id, facebook.id] })
        .expect(201)
    ).body as Array<{ id: string; channelType: string }>;
    return {
      portal: generated.find((v) => v.channelType === 'portal')!.id,
      facebook: generated.find((v) => v.channelType === 'facebook')!.id,
    };
  }
  const schedule = (id: string, at: string) =>
    http.patch(`/api/v1/variants/${id}`).set(officer).send({ schedule: { at } }).expect(200);

  it('shows a draft, then the same item waiting for approval, at the time it proposes', async () => {
    const v = await variantsFor('Ngày chuyển đổi số tại tổ dân phố 3');
    const at = hoursAhead(26);
    expect(ofVariant(await calendar(), v.portal)).toEqual([]); // no time: nowhere to show it
    await schedule(v.portal, at);
    expect(ofVariant(await calendar(), v.portal)).toEqual([
      expect.objectContaining({
        kind: 'variant',
        status: 'draft',
        start: at,
        title: 'Ngày chuyển đổi số tại tổ dân phố 3',
      }),
    ]);
    await http.post(`/api/v1/variants/${v.portal}/submit`).set(officer).expect(200);
    const [waiting] = ofVariant(await calendar(), v.portal);
    expect(waiting).toMatchObject({ kind: 'variant', status: 'submitted', start: at });

    // The filters find it by kind and by state, and leave it out when other states are asked for.
    expect(ofVariant(await calendar({ kind: 'variant' }), v.portal)).toHaveLength(1);
    expect(ofVariant(await calendar({ status: 'submitted' }), v.portal)).toHaveLength(1);
    expect(ofVariant(await calendar({ status: 'draft' }), v.portal)).toEqual([]);
    expect(ofVariant(await calendar({ kind: 'publication' }), v.portal)).toEqual([]);
    expect(ofVariant(await calendar({ channelType: 'facebook' }), v.portal)).toEqual([]);
  });

  it('keeps a moved item on the calendar as waiting for approval, and never puts drafts in a feed', async () => {
    const v = await variantsFor('Tuyên truyền thanh toán không dùng tiền mặt');
    const first = hoursAhead(27);
    await schedule(v.facebook, first);
    await http.post(`/api/v1/variants/${v.facebook}/submit`).set(officer).expect(200);
    await http.post(`/api/v1/variants/${v.facebook}/approve`).set(editor).send({}).expect(200);
    expect(ofVariant(await calendar(), v.facebook).map((e) => [e.kind, e.status])).toEqual([
      ['publication', 'scheduled'],
    ]);

    const moved = hoursAhead(30);
    await schedule(v.facebook, moved); // what a drag on the calendar sends
    const entries = ofVariant(await calendar(), v.facebook);
    expect(entries.map((e) => [e.kind, e.status, e.start])).toEqual(
      expect.arrayContaining([
        ['publication', 'cancelled', first],
        ['variant', 'submitted', moved],
      ]),
    );
    expect(entries).toHaveLength(2);

    await schedule(v.portal, hoursAhead(28)); // a draft of the same story
    const created = await http
      .post(`/api/v1/agencies/${ward.id}/feeds`)
      .set(admin)
      .send({ name: 'Lịch cho Sở Văn hóa' })
      .expect(201);
    const feed = (await http.get(new URL(created.body.url).pathname).expect(200)).text;
    expect(feed).not.toContain(`variant:${v.portal}`);
    expect(feed).not.toContain(`variant:${v.facebook}`);
    const refused = await http
      .post(`/api/v1/agencies/${ward.id}/feeds`)
      .set(admin)
      .send({ name: 'Lịch có bản nháp', kinds: ['variant'] })
      .expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
  });

  it('marks a scheduled publication past its time as overdue, with the reason', async () => {
    const v = await variantsFor('Hướng dẫn dịch vụ công trực tuyến mức độ 4');
    await schedule(v.portal, hoursAhead(29));
    await http.post(`/api/v1/variants/${v.portal}/submit`).set(officer).expect(200);
    await http.post(`/api/v1/variants/${v.portal}/approve`).set(editor).send({}).expect(200);
    const [onTime] = ofVariant(await calendar(), v.portal);
    expect(onTime).toMatchObject({ kind: 'publication', status: 'scheduled' });
    expect(onTime.overdue).toBeUndefined();

    // The worker is not running here: the row stays "scheduled" after its time, as when nothing sends it.
    await env.db.query(`UPDATE publications SET occurrence_at = now() - interval '1 hour' WHERE variant_id = $1`, [
      v.portal,
    ]);
    const [late] = ofVariant(await calendar(), v.portal);
    expect(late.status).toBe('scheduled');
    expect(late.overdue).toBe('Quá giờ đăng: bài chưa được gửi lên kênh.');

    await env.db.query(
      `UPDATE channel_accounts SET status = 'needs_reconnection', status_reason = 'Mật khẩu ứng dụng bị thu hồi' WHERE id = $1`,
      [portal.id],
    );
    try {
      const [waiting] = ofVariant(await calendar(), v.portal);
      expect(waiting.overdue).toContain('cần kết nối lại (Mật khẩu ứng dụng bị thu hồi)');
    } finally {
      await env.db.query(`UPDATE channel_accounts SET status = 'active', status_reason = NULL WHERE id = $1`, [
        portal.id,
      ]);
    }
  });
});
