import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { DEMO_WARD_CODE, seedDemoData } from '@nhip/demo';
import { factories } from './support/factories';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

type Auth = { Authorization: string };
interface Variant {
  id: string;
  state: string;
  content: Record<string, unknown>;
  schedule: { at: string | null; nextFreeSlot: boolean };
  warnings?: Array<{ code: string; message: string }>;
}

/** Posting slots set per account through the api, and what approval says when none is free. */
describe('posting slots (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let ward: AgencyEntity;
  let portal: ChannelAccountEntity;
  let admin: Auth, officer: Auth, editor: Auth;

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
    portal = await env.db.getRepository(ChannelAccountEntity).findOneByOrFail({ agencyId: ward.id, type: 'portal' });
    const make = factories(env.db);
    const o = await make.user({ username: 'canbo.thu', displayName: 'Võ Thị Thu' });
    const e = await make.user({ username: 'bientap.tam', displayName: 'Hồ Văn Tâm' });
    await make.membership(o.user, ward, 'officer');
    await make.membership(e.user, ward, 'editor');
    admin = await login('admin', 'mat-khau-quan-tri');
    officer = await login('canbo.thu', o.password);
    editor = await login('bientap.tam', e.password);
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  const slotsOf = async () =>
    (await http.get(`/api/v1/channel-accounts/${portal.id}`).set(officer).expect(200)).body.postingSlots as string[];

  /** A portal variant submitted with "next free slot", ready for an editor. */
  const submittedWithNextSlot = async (title: string): Promise<Variant> => {
    const story = (
      await http
        .post(`/api/v1/agencies/${ward.id}/stories`)
        .set(officer)
        .send({
          title,
          summary: 'Phường hướng dẫn người dân dùng dịch vụ công trực tuyến tại nhà văn hóa.',
          body: 'Các tổ công nghệ số cộng đồng hỗ trợ tại chỗ.',
          audiences: ['residents'],
          media: [],
        })
        .expect(201)
    ).body as { id: string };
    const [v] = (
      await http
        .post(`/api/v1/stories/${story.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: [portal.id] })
        .expect(201)
    ).body as Variant[];
    await http
      .patch(`/api/v1/variants/${v.id}`)
      .set(officer)
      .send({ schedule: { nextFreeSlot: true } })
      .expect(200);
    await http.post(`/api/v1/variants/${v.id}/submit`).set(officer).expect(200);
    return v;
  };

  it('sets, sorts and clears an account’s slots (admin only), with the change in the audit trail', async () => {
    expect(await slotsOf()).toEqual([]);
    const res = await http
      .patch(`/api/v1/channel-accounts/${portal.id}`)
      .set(admin)
      .send({ postingSlots: ['17:30', '06:30', '17:30', '11:00'] })
      .expect(200);
    expect(res.body.postingSlots).toEqual(['06:30', '11:00', '17:30']);
    expect(await slotsOf()).toEqual(['06:30', '11:00', '17:30']);

    const [audit] = await env.db.query(
      `SELECT data FROM audit_events WHERE subject_id = $1 AND action = 'channel_account.updated' ORDER BY occurred_at DESC LIMIT 1`,
      [portal.id],
    );
    expect(audit.data.changes.postingSlots).toEqual({ from: [], to: ['06:30', '11:00', '17:30'] });

    const refused = await http
      .patch(`/api/v1/channel-accounts/${portal.id}`)
      .set(officer)
      .send({ postingSlots: ['08:00'] })
      .expect(403);
    expect(refused.body.code).toBe('ROLE_TOO_LOW');

    await http.patch(`/api/v1/channel-accounts/${portal.id}`).set(admin).send({ postingSlots: [] }).expect(200);
    expect(await slotsOf()).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['24:00', ['24:00'], 'HH:mm'],
    ['6:30 without its zero', ['6:30'], 'HH:mm'],
    ['a number among the times', ['06:30', 7], 'HH:mm'],
    ['one time not in a list', '06:30', 'danh sách'],
    [
      '49 times',
      Array.from({ length: 49 }, (_, i) => `${String(Math.floor(i / 2) % 24).padStart(2, '0')}:${i % 2 ? '30' : '00'}`),
      '48',
    ],
  ])('refuses %s with a Vietnamese message and keeps the slots', async (_label, postingSlots, words) => {
    await http
      .patch(`/api/v1/channel-accounts/${portal.id}`)
      .set(admin)
      .send({ postingSlots: ['09:00'] })
      .expect(200);
    const res = await http.patch(`/api/v1/channel-accounts/${portal.id}`).set(admin).send({ postingSlots }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body)).toContain(words);
    expect(await slotsOf()).toEqual(['09:00']);
  });

  it('approves with a warning when no slot is free, in bulk too, and the variant can then be given a time', async () => {
    await http.patch(`/api/v1/channel-accounts/${portal.id}`).set(admin).send({ postingSlots: [] }).expect(200);
    const one = await submittedWithNextSlot('Hướng dẫn cài đặt VNeID cho người cao tuổi');
    const approved = (await http.post(`/api/v1/variants/${one.id}/approve`).set(editor).send({}).expect(200))
      .body as Variant;
    expect(approved.state).toBe('approved');
    expect(approved.warnings?.map((w) => w.code)).toEqual(['NO_FREE_SLOT']);
    expect(approved.warnings![0].message).toContain('chưa lên lịch');

    const two = await submittedWithNextSlot('Thanh toán không dùng tiền mặt tại chợ phường');
    const bulk = await http
      .post('/api/v1/queue/approve')
      .set(editor)
      .send({ variantIds: [two.id] })
      .expect(200);
    expect(bulk.body.results).toEqual([
      expect.objectContaining({
        variantId: two.id,
        ok: true,
        state: 'approved',
        warnings: [expect.objectContaining({ code: 'NO_FREE_SLOT' })],
      }),
    ]);

    // Left approved without a time: the officer gives it one, without a second approval.
    const at = new Date(Date.now() + 5 * 3600_000).toISOString();
    const scheduled = await http.post(`/api/v1/variants/${one.id}/schedule`).set(officer).send({ at }).expect(200);
    expect(scheduled.body.state).toBe('scheduled');
    expect(scheduled.body.schedule.at).toBe(at);
    const pubs = (await http.get(`/api/v1/variants/${one.id}/publications`).set(officer).expect(200)).body;
    expect(pubs).toHaveLength(1);

    // Once the account has slots, the other one takes the next of them.
    await http
      .patch(`/api/v1/channel-accounts/${portal.id}`)
      .set(admin)
      .send({ postingSlots: ['07:15'] })
      .expect(200);
    const slotted = await http
      .post(`/api/v1/variants/${two.id}/schedule`)
      .set(officer)
      .send({ nextFreeSlot: true })
      .expect(200);
    expect(slotted.body.state).toBe('scheduled');
    const local = new Date(new Date(slotted.body.schedule.at).getTime() + 7 * 3600_000).toISOString().slice(11, 16);
    expect(local).toBe('07:15');

    // A scheduled variant still cannot be moved this way: that needs an edit and a new approval.
    const again = await http.post(`/api/v1/variants/${one.id}/schedule`).set(officer).send({ at }).expect(409);
    expect(again.body.code).toBe('VARIANT_NOT_SCHEDULABLE');
  });
});
