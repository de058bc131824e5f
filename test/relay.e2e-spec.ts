import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { RelayCoverage, RelayService } from '@nhip/editorial';
import { factories } from './support/factories';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

type Auth = { Authorization: string };

/** Communes whose names exercise Vietnamese collation (Ă, Â, Đ, Ơ, Ư sort after their base letters). */
const COMMUNE_NAMES = [
  'Xã Ân Nghĩa',
  'Xã An Hòa',
  'Xã Ba Tơ',
  'Xã Bình Sơn',
  'Xã Đăk Bla',
  'Xã Diên Hồng',
  'Phường Ea Tam',
  'Xã Hòa Bình',
  'Xã Ia Grai',
  'Xã Kon Plông',
  'Xã Lý Sơn',
  'Xã Minh Long',
  'Xã Nghĩa Hành',
  'Phường Ơn Nghĩa',
  'Xã Sơn Hà',
  'Xã Tây Trà',
  'Xã Trà Bồng',
  'Phường Ưu Điềm',
  'Xã Vạn Tường',
  'Xã Ya Chim',
];

/**
 * Issue #20: a province offers one story to its 20 communes; 15 adopt it (two with local edits), 3
 * decline with a reason, 2 do nothing; the coverage shows exactly that, and every commune kept the say
 * over its own channels. A second, locked offer refuses local edits of the text.
 */
describe('province to commune relay (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let province: AgencyEntity;
  let communes: AgencyEntity[];
  const accounts = new Map<string, ChannelAccountEntity[]>();
  const officers = new Map<string, Auth>();
  let provinceOfficer: Auth;

  const login = async (username: string, password: string): Promise<Auth> => {
    const res = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return { Authorization: `Bearer ${res.body.token}` };
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    const make = factories(env.db);
    province = await make.agency({ kind: 'province', name: 'Ủy ban nhân dân tỉnh Quảng Ngãi' });
    communes = [];
    for (const name of COMMUNE_NAMES) {
      const commune = await make.agency({
        parent: province,
        kind: name.startsWith('Phường') ? 'ward' : 'commune',
        name,
      });
      communes.push(commune);
      accounts.set(commune.id, [
        await make.channelAccount(commune, { type: 'portal', endpoint: 'https://example.gov.vn' }),
        await make.channelAccount(commune, { type: 'facebook', endpoint: 'https://example.gov.vn' }),
        await make.channelAccount(commune, { type: 'zalo', endpoint: 'https://example.gov.vn' }),
      ]);
      const { user, password } = await make.user();
      await make.membership(user, commune, 'officer');
      officers.set(commune.id, await login(user.username, password));
    }
    const { user, password } = await make.user({ displayName: 'Cán bộ Sở KH&CN' });
    await make.membership(user, province, 'officer');
    provinceOfficer = await login(user.username, password);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  const story = async (title: string) =>
    (
      await http
        .post(`/api/v1/agencies/${province.id}/stories`)
        .set(provinceOfficer)
        .send({
          title,
          summary: 'Tỉnh phát động tháng hành động chuyển đổi số.',
          body: 'Nội dung thông cáo của tỉnh.',
          format: 'news',
        })
        .expect(201)
    ).body as { id: string; title: string };
  const window = () => ({
    from: new Date(Date.now() + 3600_000).toISOString(),
    to: new Date(Date.now() + 26 * 3600_000).toISOString(),
  });

  it('offers to 20 communes; 15 adopt, 3 decline, 2 wait; the coverage says exactly that', async () => {
    const offered = await story('Ngày Chuyển đổi số quốc gia 10/10: tỉnh phát động tháng hành động');
    const relay = (
      await http
        .post(`/api/v1/stories/${offered.id}/relay`)
        .set(provinceOfficer)
        .send({ scope: 'communes', window: window(), channels: ['portal', 'facebook'], note: 'Đăng buổi sáng.' })
        .expect(201)
    ).body as RelayCoverage;
    expect(relay.summary).toMatchObject({ offered: 20, adopted: 0, declined: 0, waiting: 20 });
    const relayId = relay.relay.id;

    // Each commune sees it in its own queue.
    const inbox = (
      await http.get(`/api/v1/agencies/${communes[0].id}/relay-offers`).set(officers.get(communes[0].id)!).expect(200)
    ).body as Array<{ relay: { id: string }; state: string; story: { title: string }; from: { name: string } }>;
    expect(inbox).toEqual([
      expect.objectContaining({
        relay: expect.objectContaining({ id: relayId }),
        state: 'offered',
        story: expect.objectContaining({ title: offered.title }),
        from: expect.objectContaining({ name: 'Ủy ban nhân dân tỉnh Quảng Ngãi' }),
      }),
    ]);

    // One commune cannot answer for another.
    const other = await http
      .post(`/api/v1/relays/${relayId}/agencies/${communes[1].id}/adopt`)
      .set(officers.get(communes[0].id)!)
      .send({})
      .expect(403);
    expect(other.body.code).toBe('AGENCY_OUT_OF_REACH');

    // 15 adopt in one request each; two edit the text locally.
    for (const [i, commune] of communes.slice(0, 15).entries()) {
      const edits = i < 2 ? { edits: { title: `${commune.name} hưởng ứng Ngày Chuyển đổi số quốc gia` } } : {};
      const row = (
        await http
          .post(`/api/v1/relays/${relayId}/agencies/${commune.id}/adopt`)
          .set(officers.get(commune.id)!)
          .send(edits)
          .expect(200)
      ).body as RelayCoverage['agencies'][number];
      expect(row).toMatchObject({ state: 'adopted', storyId: expect.any(String) });
      // Only the offered channel types, on the commune's own accounts; its Zalo account is not used.
      expect(row.channels.map((c) => [c.channelType, c.variantState]).sort()).toEqual([
        ['facebook', 'draft'],
        ['portal', 'draft'],
      ]);
    }
    const [edited] = await env.db.query(`SELECT title FROM stories WHERE agency_id = $1`, [communes[0].id]);
    expect(edited.title).toBe(`${communes[0].name} hưởng ứng Ngày Chuyển đổi số quốc gia`);
    const [kept] = await env.db.query(`SELECT title FROM stories WHERE agency_id = $1`, [communes[5].id]);
    expect(kept.title).toBe(offered.title);
    const [variantTimes] = await env.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT scheduled_at)::int AS times FROM variants v JOIN stories s ON s.id = v.story_id WHERE s.agency_id = ANY($1::uuid[])`,
      [communes.slice(0, 15).map((c) => c.id)],
    );
    expect(variantTimes).toEqual({ n: 30, times: 1 });

    // An answer is given once.
    const again = await http
      .post(`/api/v1/relays/${relayId}/agencies/${communes[0].id}/adopt`)
      .set(officers.get(communes[0].id)!)
      .send({})
      .expect(409);
    expect(again.body.code).toBe('RELAY_ALREADY_ANSWERED');

    // 3 decline, each saying why; a decline without a reason is refused.
    const bare = await http
      .post(`/api/v1/relays/${relayId}/agencies/${communes[15].id}/decline`)
      .set(officers.get(communes[15].id)!)
      .send({ reason: ' ' })
      .expect(400);
    expect(bare.body.code).toBe('VALIDATION_FAILED');
    for (const commune of communes.slice(15, 18))
      await http
        .post(`/api/v1/relays/${relayId}/agencies/${commune.id}/decline`)
        .set(officers.get(commune.id)!)
        .send({ reason: `${commune.name} đã đăng tin cùng nội dung trong tuần.` })
        .expect(200);

    // One commune takes its portal variant through its own approval: the coverage shows it scheduled.
    const editorUser = await factories(env.db).user();
    await factories(env.db).membership(editorUser.user, communes[3], 'editor');
    const editor = await login(editorUser.user.username, editorUser.password);
    const [portalVariant] = await env.db.query(
      `SELECT v.id FROM variants v JOIN stories s ON s.id = v.story_id WHERE s.agency_id = $1 AND v.channel_type = 'portal'`,
      [communes[3].id],
    );
    await http.post(`/api/v1/variants/${portalVariant.id}/submit`).set(officers.get(communes[3].id)!).expect(200);
    const approved = await http.post(`/api/v1/variants/${portalVariant.id}/approve`).set(editor).send({}).expect(200);
    expect(approved.body.state).toBe('scheduled');

    const coverage = (await http.get(`/api/v1/stories/${offered.id}/relay`).set(provinceOfficer).expect(200))
      .body as RelayCoverage;
    expect(coverage.summary).toMatchObject({ offered: 20, adopted: 15, declined: 3, waiting: 2 });
    expect(coverage.summary.byChannel.portal).toEqual({ agencies: 15, published: 0, scheduled: 1, failed: 0 });
    expect(coverage.summary.byChannel.facebook).toEqual({ agencies: 15, published: 0, scheduled: 0, failed: 0 });
    expect(coverage.summary.byChannel.zalo.agencies).toBe(0);
    const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
    expect(coverage.agencies.map((a) => a.agency.name)).toEqual([...COMMUNE_NAMES].sort(collator.compare));
    const byName = new Map(coverage.agencies.map((a) => [a.agency.name, a]));
    for (const name of COMMUNE_NAMES.slice(15, 18))
      expect(byName.get(name)).toMatchObject({
        state: 'declined',
        reason: `${name} đã đăng tin cùng nội dung trong tuần.`,
      });
    for (const name of COMMUNE_NAMES.slice(18))
      expect(byName.get(name)).toMatchObject({ state: 'offered', channels: [] });
    expect(byName.get(COMMUNE_NAMES[3])!.channels.find((c) => c.channelType === 'portal')).toMatchObject({
      variantState: 'scheduled',
      publicationState: 'scheduled',
    });

    // The two that did nothing are reminded once when the publishing time has come; nobody else is.
    const relays = app.get(RelayService);
    expect(await relays.remindWaiting(new Date())).toEqual({ reminded: 0 });
    expect(await relays.remindWaiting(new Date(Date.now() + 2 * 3600_000))).toEqual({ reminded: 2 });
    expect(await relays.remindWaiting(new Date(Date.now() + 3 * 3600_000))).toEqual({ reminded: 0 });
    const notices: Array<{ agency_id: string; kind: string; n: number }> = await env.db.query(
      `SELECT m.agency_id, n.kind, count(*)::int AS n FROM notifications n JOIN memberships m ON m.user_id = n.user_id
        WHERE m.agency_id = ANY($1::uuid[]) AND n.kind LIKE 'relay_%' GROUP BY 1, 2`,
      [communes.map((c) => c.id)],
    );
    const kinds = (c: AgencyEntity) =>
      notices
        .filter((x) => x.agency_id === c.id)
        .map((x) => `${x.kind}×${x.n}`)
        .sort();
    for (const c of communes.slice(0, 18)) expect(kinds(c)).toEqual(['relay_offered×1']);
    for (const c of communes.slice(18)) expect(kinds(c)).toEqual(['relay_offered×1', 'relay_reminder×1']);

    // Every answer is in the audit trail.
    const [trail] = await env.db.query(
      `SELECT count(*) FILTER (WHERE action = 'relay.adopted')::int AS adopted,
              count(*) FILTER (WHERE action = 'relay.declined')::int AS declined,
              count(*) FILTER (WHERE action = 'relay.offered')::int AS offered
         FROM audit_events WHERE subject_type = 'story' AND subject_id = $1`,
      [offered.id],
    );
    expect(trail).toEqual({ adopted: 15, declined: 3, offered: 1 });
  });

  it('a locked offer keeps its text verbatim: local edits are refused when adopting and after', async () => {
    const offered = await story('Thông báo khẩn về phòng chống bão số 9');
    const commune = communes[19];
    const auth = officers.get(commune.id)!;
    const relay = (
      await http
        .post(`/api/v1/stories/${offered.id}/relay`)
        .set(provinceOfficer)
        .send({ agencies: [commune.id], window: window(), channels: ['portal'], locked: true, level: 'priority' })
        .expect(201)
    ).body as RelayCoverage;
    expect(relay.relay).toMatchObject({ locked: true, level: 'priority' });
    const before = (await env.db.query(`SELECT count(*)::int AS n FROM stories WHERE agency_id = $1`, [commune.id]))[0]
      .n;
    const refused = await http
      .post(`/api/v1/relays/${relay.relay.id}/agencies/${commune.id}/adopt`)
      .set(auth)
      .send({ edits: { title: 'Xã Ya Chim thông báo về bão số 9' } })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'RELAY_TEXT_LOCKED', details: { fields: ['title'] } });
    expect((await env.db.query(`SELECT count(*)::int AS n FROM stories WHERE agency_id = $1`, [commune.id]))[0].n).toBe(
      before,
    );
    const adopted = (
      await http.post(`/api/v1/relays/${relay.relay.id}/agencies/${commune.id}/adopt`).set(auth).send({}).expect(200)
    ).body as { storyId: string };
    const edit = await http
      .patch(`/api/v1/stories/${adopted.storyId}`)
      .set(auth)
      .send({ body: 'Nội dung đã sửa' })
      .expect(409);
    expect(edit.body.code).toBe('RELAY_TEXT_LOCKED');
    // What is not the text may still change.
    await http
      .patch(`/api/v1/stories/${adopted.storyId}`)
      .set(auth)
      .send({ audiences: ['residents'] })
      .expect(200);
  });

  it('offers only to agencies below the story’s own, and never relays a relayed story again', async () => {
    const offered = await story('Tin thử phạm vi');
    const elsewhere = await factories(env.db).agency({ kind: 'province', name: 'Ủy ban nhân dân tỉnh Tuyên Quang' });
    const outside = await http
      .post(`/api/v1/stories/${offered.id}/relay`)
      .set(provinceOfficer)
      .send({ agencies: [elsewhere.id], window: window(), channels: ['portal'] })
      .expect(400);
    expect(outside.body.code).toBe('RELAY_AGENCY_NOT_BELOW');
    const both = await http
      .post(`/api/v1/stories/${offered.id}/relay`)
      .set(provinceOfficer)
      .send({ agencies: [communes[0].id], scope: 'communes', window: window(), channels: ['portal'] })
      .expect(400);
    expect(both.body.code).toBe('RELAY_AUDIENCE_REQUIRED');
    const backwards = await http
      .post(`/api/v1/stories/${offered.id}/relay`)
      .set(provinceOfficer)
      .send({ scope: 'communes', window: { from: window().to, to: window().from }, channels: ['portal'] })
      .expect(400);
    expect(backwards.body.code).toBe('RELAY_WINDOW_INVALID');
    const past = await http
      .post(`/api/v1/stories/${offered.id}/relay`)
      .set(provinceOfficer)
      .send({
        scope: 'communes',
        window: {
          from: new Date(Date.now() - 7200_000).toISOString(),
          to: new Date(Date.now() - 3600_000).toISOString(),
        },
        channels: ['portal'],
      })
      .expect(400);
    expect(past.body.code).toBe('RELAY_WINDOW_INVALID');
    expect(await env.db.query(`SELECT 1 FROM story_relays WHERE story_id = $1`, [offered.id])).toEqual([]);
    await http.get(`/api/v1/stories/${offered.id}/relay`).set(provinceOfficer).expect(404);
  });
});
