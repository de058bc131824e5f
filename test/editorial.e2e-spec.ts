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
  channelType: string;
  state: string;
  revision: number;
  content: Record<string, unknown>;
  problems: Array<{ code: string; message: string }>;
}

describe('editorial workflow (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let ward: AgencyEntity;
  let accounts: ChannelAccountEntity[];
  let officer: Auth, editor: Auth, secondEditor: Auth, officerId: string;

  const login = async (username: string, password: string): Promise<Auth> => {
    const res = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return { Authorization: `Bearer ${res.body.token}` };
  };
  const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

  beforeAll(async () => {
    env = await createTestEnvironment();
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    ward = await env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    accounts = await env.db
      .getRepository(ChannelAccountEntity)
      .find({ where: { agencyId: ward.id }, order: { type: 'ASC' } });
    const make = factories(env.db);
    const o = await make.user({ username: 'canbo.lan', displayName: 'Nguyễn Thị Lan' });
    const e = await make.user({ username: 'bientap.hung', displayName: 'Trần Văn Hùng' });
    const e2 = await make.user({ username: 'chutich.phuong', displayName: 'Lê Văn Phương' });
    await make.membership(o.user, ward, 'officer');
    await make.membership(e.user, ward, 'editor');
    await make.membership(e2.user, ward, 'editor');
    officerId = o.user.id;
    officer = await login('canbo.lan', o.password);
    editor = await login('bientap.hung', e.password);
    secondEditor = await login('chutich.phuong', e2.password);
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  const newStory = async (title = 'Ngày hội toàn dân học tập số tại phường Đăk Bla') => {
    const res = await http
      .post(`/api/v1/agencies/${ward.id}/stories`)
      .set(officer)
      .send({
        title,
        summary: 'Sáng 10/10/2026, UBND phường tổ chức Ngày hội toàn dân học tập số; 100% cán bộ tham gia.',
        body: 'Ngày hội hướng dẫn người dân cài đặt VNeID và dùng dịch vụ công trực tuyến.\n\nCác tổ công nghệ số cộng đồng hỗ trợ tại chỗ.',
        audiences: ['residents', 'elderly'],
        media: [{ kind: 'image', url: 'https://dakbla.example.gov.vn/anh/ngay-hoi.jpg', caption: 'Khai mạc ngày hội' }],
      })
      .expect(201);
    return res.body as { id: string; title: string };
  };

  it('runs the whole workflow: write, four variants, submit, return, resubmit, approve, schedule, edit after approval', async () => {
    const story = await newStory();
    const generated = (
      await http
        .post(`/api/v1/stories/${story.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: accounts.map((a) => a.id) })
        .expect(201)
    ).body as Variant[];
    expect(generated.map((v) => v.channelType).sort()).toEqual(['facebook', 'loudspeaker', 'portal', 'zalo']);
    const byType = Object.fromEntries(generated.map((v) => [v.channelType, v])) as Record<string, Variant>;
    expect(byType.loudspeaker.content.script).toContain(
      'ngày mùng mười tháng mười năm hai nghìn không trăm hai mươi sáu',
    );

    // The loudspeaker draft names no station group: its channel's rule refuses it, in Vietnamese.
    expect(byType.loudspeaker.problems.map((p) => p.code)).toContain('LOUDSPEAKER_STATIONS_REQUIRED');
    for (const v of generated)
      await http
        .patch(`/api/v1/variants/${v.id}`)
        .set(officer)
        .send({ schedule: { at: inHours(26) } })
        .expect(200);
    const refused = await http.post(`/api/v1/variants/${byType.loudspeaker.id}/submit`).set(officer).expect(400);
    expect(refused.body.code).toBe('VARIANT_BREAKS_CHANNEL_RULES');
    expect(refused.body.message).toContain('Chọn ít nhất một cụm loa');
    expect((await http.get(`/api/v1/variants/${byType.loudspeaker.id}`).set(officer).expect(200)).body.state).toBe(
      'draft',
    );
    await http
      .patch(`/api/v1/variants/${byType.loudspeaker.id}`)
      .set(officer)
      .send({ content: { ...byType.loudspeaker.content, stations: ['cum-loa-to-dan-pho-1'] } })
      .expect(200);

    for (const v of generated)
      expect((await http.post(`/api/v1/variants/${v.id}/submit`).set(officer).expect(200)).body.state).toBe(
        'submitted',
      );

    let queue = (await http.get('/api/v1/queue').set(editor).expect(200)).body;
    expect(queue.items.map((i: { variantId: string }) => i.variantId).sort()).toEqual(
      generated.map((v) => v.id).sort(),
    );
    expect(queue.items[0]).toMatchObject({
      storyTitle: story.title,
      firstReview: true,
      canApprove: true,
      approvals: { required: 1, given: [] },
    });

    // Returned with a comment, edited, resubmitted.
    const returned = await http
      .post(`/api/v1/variants/${byType.facebook.id}/return`)
      .set(editor)
      .send({ comment: 'Thêm giờ khai mạc vào bài Facebook.' })
      .expect(200);
    expect(returned.body.state).toBe('changes_requested');
    const thread = (await http.get(`/api/v1/stories/${story.id}/comments`).set(officer).expect(200)).body;
    expect(thread).toEqual([
      expect.objectContaining({
        body: 'Thêm giờ khai mạc vào bài Facebook.',
        variantId: byType.facebook.id,
        author: expect.objectContaining({ name: 'Trần Văn Hùng' }),
      }),
    ]);
    const officerNotes = (await http.get('/api/v1/notifications').set(officer).expect(200)).body;
    expect(officerNotes.items.map((n: { kind: string }) => n.kind)).toContain('changes_requested');
    expect(officerNotes.unread).toBeGreaterThan(0);
    // "Đánh dấu tất cả đã đọc": every unread one at once, and only the caller's.
    const marked = await http.post('/api/v1/notifications/read-all').set(officer).expect(200);
    expect(marked.body).toEqual({ marked: officerNotes.unread });
    expect((await http.get('/api/v1/notifications?unread=true').set(officer).expect(200)).body).toMatchObject({
      unread: 0,
      items: [],
    });
    expect((await http.post('/api/v1/notifications/read-all').set(officer).expect(200)).body).toEqual({ marked: 0 });
    const message = `${byType.facebook.content.message}\n\nKhai mạc lúc 7 giờ 30.`;
    const current = (await http.get(`/api/v1/variants/${byType.facebook.id}`).set(officer).expect(200)).body;
    // Written on an older revision (someone changed it meanwhile): refused, nothing overwritten.
    const stale = await http
      .patch(`/api/v1/variants/${byType.facebook.id}`)
      .set(officer)
      .send({ content: { ...byType.facebook.content, message: 'Bản cũ ghi đè' }, revision: current.revision - 1 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'REVISION_CONFLICT', details: { revision: current.revision } });
    expect((await http.get(`/api/v1/variants/${byType.facebook.id}`).set(officer).expect(200)).body.content).toEqual(
      current.content,
    );
    await http
      .patch(`/api/v1/variants/${byType.facebook.id}`)
      .set(officer)
      .send({ content: { ...byType.facebook.content, message }, revision: current.revision })
      .expect(200);
    await http.post(`/api/v1/variants/${byType.facebook.id}/submit`).set(officer).expect(200);

    // Approved in bulk; each has a time, so each is scheduled with one publication.
    const approved = (
      await http
        .post('/api/v1/queue/approve')
        .set(editor)
        .send({ variantIds: generated.map((v) => v.id) })
        .expect(200)
    ).body.results;
    expect(approved.map((r: { ok: boolean; state: string }) => [r.ok, r.state])).toEqual(
      generated.map(() => [true, 'scheduled']),
    );
    const pubs = async () =>
      (await env.db.query(
        `SELECT v.channel_type, p.state, p.version FROM publications p JOIN variants v ON v.id = p.variant_id WHERE v.story_id = $1 ORDER BY v.channel_type`,
        [story.id],
      )) as Array<{ channel_type: string; state: string; version: number }>;
    expect((await pubs()).map((p) => `${p.channel_type}:${p.state}`)).toEqual([
      'facebook:scheduled',
      'loudspeaker:scheduled',
      'portal:scheduled',
      'zalo:scheduled',
    ]);
    expect((await http.get('/api/v1/queue').set(editor).expect(200)).body.items).toEqual([]);

    // An edit after approval puts exactly that variant back in the queue and cancels its pending publication.
    const zalo = byType.zalo;
    const edited = await http
      .patch(`/api/v1/variants/${zalo.id}`)
      .set(officer)
      .send({ content: { ...zalo.content, title: 'Ngày hội học tập số: hướng dẫn cài VNeID' } })
      .expect(200);
    expect(edited.body.state).toBe('submitted');
    expect((await pubs()).map((p) => `${p.channel_type}:${p.state}`)).toEqual([
      'facebook:scheduled',
      'loudspeaker:scheduled',
      'portal:scheduled',
      'zalo:cancelled',
    ]);
    queue = (await http.get('/api/v1/queue').set(editor).expect(200)).body;
    expect(queue.items.map((i: { variantId: string }) => i.variantId)).toEqual([zalo.id]);
    expect(queue.items[0].firstReview).toBe(false);
    expect(queue.items[0].changes).toEqual([
      { field: 'content.title', before: zalo.content.title, after: 'Ngày hội học tập số: hướng dẫn cài VNeID' },
    ]);

    // Approving again revives the same publication with a new version (a stale job for the old one is a no-op).
    await http.post(`/api/v1/variants/${zalo.id}/approve`).set(editor).send({}).expect(200);
    const zaloPub = (await pubs()).find((p) => p.channel_type === 'zalo')!;
    expect(zaloPub).toMatchObject({ state: 'scheduled', version: 3 });

    // The audit trail lists every step, in order.
    const trail = (await http.get(`/api/v1/stories/${story.id}/audit`).set(officer).expect(200)).body as Array<{
      id: string;
      action: string;
      subjectId: string;
      actorUserId: string;
    }>;
    expect(trail.map((e) => Number(e.id))).toEqual([...trail.map((e) => Number(e.id))].sort((a, b) => a - b));
    expect(trail[0]).toMatchObject({ action: 'story.created', actorUserId: officerId });
    expect(trail.filter((e) => e.subjectId === zalo.id).map((e) => e.action)).toEqual([
      'variant.created',
      'variant.edited',
      'variant.submitted',
      'variant.approved',
      'variant.scheduled',
      'variant.edited',
      'variant.approved',
      'variant.scheduled',
    ]);
    expect(trail.filter((e) => e.subjectId === byType.facebook.id).map((e) => e.action)).toEqual([
      'variant.created',
      'variant.edited',
      'variant.submitted',
      'variant.changes_requested',
      'variant.edited',
      'variant.submitted',
      'variant.approved',
      'variant.scheduled',
    ]);
    expect(trail.filter((e) => e.subjectId === byType.loudspeaker.id).map((e) => e.action)).toEqual([
      'variant.created',
      'variant.edited',
      'variant.edited',
      'variant.submitted',
      'variant.approved',
      'variant.scheduled',
    ]);
  });

  it('refuses a time in the past or too close for the channel, with the reason', async () => {
    const story = await newStory('Thông báo lịch tiếp công dân');
    const [portal] = (
      await http
        .post(`/api/v1/stories/${story.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: [accounts.find((a) => a.type === 'portal')!.id] })
        .expect(201)
    ).body as Variant[];
    await http
      .patch(`/api/v1/variants/${portal.id}`)
      .set(officer)
      .send({ schedule: { at: new Date(Date.now() - 60_000).toISOString() } })
      .expect(200);
    expect((await http.post(`/api/v1/variants/${portal.id}/submit`).set(officer).expect(400)).body.code).toBe(
      'SCHEDULE_IN_PAST',
    );
    await http
      .patch(`/api/v1/variants/${portal.id}`)
      .set(officer)
      .send({ schedule: { at: new Date(Date.now() + 20_000).toISOString() } })
      .expect(200);
    const soon = await http.post(`/api/v1/variants/${portal.id}/submit`).set(officer).expect(400);
    expect(soon.body).toMatchObject({
      code: 'SCHEDULE_TOO_SOON',
      message: expect.stringContaining('Cổng thông tin cần ít nhất 1 phút'),
    });
    const secondly = await http
      .patch(`/api/v1/variants/${portal.id}`)
      .set(officer)
      .send({ schedule: { at: inHours(3), rrule: 'FREQ=SECONDLY' } })
      .expect(400);
    expect(secondly.body.code).toBe('RECURRENCE_TOO_FREQUENT');
  });

  it('an officer cannot approve, an editor cannot approve their own variant, and two approvals need two editors', async () => {
    const story = await newStory('Hướng dẫn thanh toán không dùng tiền mặt');
    const [portal] = (
      await http
        .post(`/api/v1/stories/${story.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: [accounts.find((a) => a.type === 'portal')!.id] })
        .expect(201)
    ).body as Variant[];
    await http.post(`/api/v1/variants/${portal.id}/submit`).set(officer).expect(200);
    expect((await http.post(`/api/v1/variants/${portal.id}/approve`).set(officer).send({}).expect(403)).body.code).toBe(
      'ROLE_TOO_LOW',
    );

    const own = (
      await http
        .post(`/api/v1/agencies/${ward.id}/stories`)
        .set(editor)
        .send({ title: 'Tin do biên tập viên tự viết', body: 'Nội dung do chính biên tập viên soạn.' })
        .expect(201)
    ).body;
    const [ownVariant] = (
      await http
        .post(`/api/v1/stories/${own.id}/variants/generate`)
        .set(editor)
        .send({ channelAccountIds: [accounts.find((a) => a.type === 'portal')!.id] })
        .expect(201)
    ).body as Variant[];
    await http.post(`/api/v1/variants/${ownVariant.id}/submit`).set(editor).expect(200);
    expect(
      (await http.post(`/api/v1/variants/${ownVariant.id}/approve`).set(editor).send({}).expect(403)).body.code,
    ).toBe('SELF_APPROVAL_NOT_ALLOWED');

    await env.db.query(`UPDATE agencies SET required_approvals = 2 WHERE id = $1`, [ward.id]);
    try {
      const first = await http
        .post(`/api/v1/variants/${portal.id}/approve`)
        .set(editor)
        .send({ comment: 'Phòng VH-XH đồng ý' })
        .expect(200);
      expect(first.body.state).toBe('submitted');
      expect(
        (await http.post(`/api/v1/variants/${portal.id}/approve`).set(editor).send({}).expect(409)).body.code,
      ).toBe('ALREADY_APPROVED');
      const queue = (await http.get('/api/v1/queue').set(secondEditor).expect(200)).body.items.find(
        (i: { variantId: string }) => i.variantId === portal.id,
      );
      expect(queue.approvals).toMatchObject({
        required: 2,
        given: [expect.objectContaining({ step: 1, name: 'Trần Văn Hùng' })],
      });
      const second = await http
        .post(`/api/v1/variants/${portal.id}/approve`)
        .set(secondEditor)
        .send({ comment: 'Chủ tịch UBND phường duyệt' })
        .expect(200);
      expect(second.body.state).toBe('approved'); // no time yet: approved, waiting for a schedule
      const scheduled = await http
        .post(`/api/v1/variants/${portal.id}/schedule`)
        .set(officer)
        .send({ at: inHours(5) })
        .expect(200);
      expect(scheduled.body.state).toBe('scheduled');
    } finally {
      await env.db.query(`UPDATE agencies SET required_approvals = 1 WHERE id = $1`, [ward.id]);
    }
  });

  it('takes the next free posting slot of the account when approved', async () => {
    const loudspeaker = accounts.find((a) => a.type === 'loudspeaker')!;
    await env.db.query(`UPDATE channel_accounts SET posting_slots = '{06:00,17:00}' WHERE id = $1`, [loudspeaker.id]);
    const slots: string[] = [];
    for (const title of ['Bản tin sáng', 'Bản tin chiều']) {
      const story = await newStory(title);
      const [v] = (
        await http
          .post(`/api/v1/stories/${story.id}/variants/generate`)
          .set(officer)
          .send({ channelAccountIds: [loudspeaker.id] })
          .expect(201)
      ).body as Variant[];
      await http
        .patch(`/api/v1/variants/${v.id}`)
        .set(officer)
        .send({ content: { ...v.content, stations: ['cum-loa-1'] }, schedule: { nextFreeSlot: true } })
        .expect(200);
      await http.post(`/api/v1/variants/${v.id}/submit`).set(officer).expect(200);
      const approved = await http.post(`/api/v1/variants/${v.id}/approve`).set(editor).send({}).expect(200);
      expect(approved.body.state).toBe('scheduled');
      slots.push(approved.body.schedule.at);
    }
    const local = slots.map((s) => new Date(new Date(s).getTime() + 7 * 3600_000).toISOString().slice(11, 16));
    expect(local.every((t) => t === '06:00' || t === '17:00')).toBe(true);
    expect(slots[0]).not.toBe(slots[1]);
    expect(new Date(slots[0]).getTime()).toBeLessThan(new Date(slots[1]).getTime());
  });

  it('searches stories by title and body, with and without diacritics', async () => {
    await newStory('Chuyển đổi số trong trường học');
    const search = async (q: string) =>
      (await http.get('/api/v1/stories').query({ q, agency: ward.id }).set(officer).expect(200)).body.items.map(
        (s: { title: string }) => s.title,
      );
    expect(await search('chuyển đổi số')).toContain('Chuyển đổi số trong trường học');
    expect(await search('chuyen doi so')).toContain('Chuyển đổi số trong trường học');
    expect(await search('VNEID')).toContain('Chuyển đổi số trong trường học'); // in the body
    expect(await search('khong co tu nay')).toEqual([]);
  });

  it('previews each channel as it will show', async () => {
    const story = await newStory('Tuyên truyền Ngày Chuyển đổi số quốc gia 10/10');
    const variants = (
      await http
        .post(`/api/v1/stories/${story.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: accounts.map((a) => a.id) })
        .expect(201)
    ).body as Variant[];
    const loud = variants.find((v) => v.channelType === 'loudspeaker')!;
    const preview = (await http.get(`/api/v1/variants/${loud.id}/preview`).set(officer).expect(200)).body;
    expect(preview).toMatchObject({ channel: 'loudspeaker', syllablesPerMinute: 220, slot: { seconds: 300 } });
    expect(preview.readingSeconds).toBeGreaterThan(5);
    expect(preview.readingTime).toMatch(/giây/);
    // A second bulletin in the same slot: the programme of both is checked against the slot (300 s here).
    const story2 = await newStory('Thông báo lịch tiêm chủng');
    const [loud2] = (
      await http
        .post(`/api/v1/stories/${story2.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: [accounts.find((a) => a.type === 'loudspeaker')!.id] })
        .expect(201)
    ).body as Variant[];
    const slotAt = inHours(30);
    const long = 'Người dân chú ý lịch tiêm chủng mở rộng tại trạm y tế phường. '.repeat(75); // 1,050 syllables: fits 300 s alone
    await http
      .patch(`/api/v1/variants/${loud.id}`)
      .set(officer)
      .send({ schedule: { at: slotAt } })
      .expect(200);
    await http
      .patch(`/api/v1/variants/${loud2.id}`)
      .set(officer)
      .send({ content: { ...loud2.content, script: long, stations: ['cum-loa-1'] }, schedule: { at: slotAt } })
      .expect(200);
    await http.post(`/api/v1/variants/${loud2.id}/submit`).set(officer).expect(200);
    const withProgramme = (await http.get(`/api/v1/variants/${loud.id}/preview`).set(officer).expect(200)).body;
    expect(withProgramme.slot.fit.fits).toBe(true);
    const programme = withProgramme.programme;
    expect(programme).toMatchObject({
      bulletins: 2,
      fit: {
        fits: false,
        warning: { code: 'BROADCAST_EXCEEDS_SLOT', message: expect.stringContaining('vượt khung phát') },
      },
    });
    const zalo = (
      await http
        .get(`/api/v1/variants/${variants.find((v) => v.channelType === 'zalo')!.id}/preview`)
        .set(officer)
        .expect(200)
    ).body;
    expect(zalo.counts.title).toBe([...story.title].length);
  });
});
