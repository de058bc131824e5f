import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { DEMO_WARD_CODE, seedDemoData } from '@nhip/demo';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

type Auth = { Authorization: string };

/** The API the web app needed beyond the workflow's: members, channel limits, a preview of unsaved content, calendar links. */
describe('api for the web app (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let ward: AgencyEntity;
  let accounts: ChannelAccountEntity[];
  let admin: Auth, officer: Auth;

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
    accounts = await env.db.getRepository(ChannelAccountEntity).find({ where: { agencyId: ward.id } });
    const make = factories(env.db);
    const o = await make.user({ username: 'canbo.lan', displayName: 'Nguyễn Thị Lan' });
    await make.membership(o.user, ward, 'officer');
    admin = await login('admin', 'mat-khau-quan-tri');
    officer = await login('canbo.lan', o.password);
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('lists an agency’s own members for its administrators only', async () => {
    const members = (await http.get(`/api/v1/agencies/${ward.id}/members`).set(admin).expect(200)).body;
    expect(members).toEqual([
      expect.objectContaining({ username: 'canbo.lan', displayName: 'Nguyễn Thị Lan', role: 'officer', active: true }),
    ]);
    expect(members[0]).not.toHaveProperty('passwordHash');
    expect((await http.get(`/api/v1/agencies/${ward.id}/members`).set(officer).expect(403)).body.code).toBe(
      'ROLE_TOO_LOW',
    );
  });

  it('lists agencies in Vietnamese order of name', async () => {
    const names = (await http.get('/api/v1/agencies').set(admin).expect(200)).body.map((a: { name: string }) => a.name);
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
    // The demo agencies include names with Đ and Ủ, which a byte order would put after every Z.
    expect(names).not.toEqual([...names].sort());
  });

  it('gives the limits the channels enforce', async () => {
    const rules = (await http.get('/api/v1/channel-rules').set(officer).expect(200)).body;
    expect(rules.zalo).toMatchObject({ titleMaxLength: 150, authorMaxLength: 50 });
    expect(rules.zalo.descriptionMaxLength).toBeLessThanOrEqual(300);
    expect(rules.facebook.maxPhotos).toBe(10);
    expect(rules.portal.titleMaxLength).toBe(200);
  });

  it('previews content that is not saved, without changing the variant', async () => {
    const story = (
      await http
        .post(`/api/v1/agencies/${ward.id}/stories`)
        .set(officer)
        .send({ title: 'Ngày hội học tập số', body: 'Nội dung.' })
        .expect(201)
    ).body;
    const zalo = accounts.find((a) => a.type === 'zalo')!;
    const [variant] = (
      await http
        .post(`/api/v1/stories/${story.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: [zalo.id] })
        .expect(201)
    ).body;
    const draft = { ...variant.content, title: 'T'.repeat(151) };
    const preview = (
      await http.post(`/api/v1/variants/${variant.id}/preview`).set(officer).send({ content: draft }).expect(200)
    ).body;
    expect(preview.counts.title).toBe(151);
    expect(preview.problems.map((p: { code: string }) => p.code)).toContain('ZALO_TITLE_TOO_LONG');
    const stored = (await http.get(`/api/v1/variants/${variant.id}`).set(officer).expect(200)).body;
    expect(stored).toMatchObject({ revision: variant.revision, content: { title: variant.content.title } });
    expect(
      (
        await http
          .post(`/api/v1/variants/${variant.id}/preview`)
          .set(officer)
          .send({ content: 'không phải đối tượng' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
  });

  it('links each publication on the calendar to its story and variant', async () => {
    const portal = accounts.find((a) => a.type === 'portal')!;
    const { story, variant, publication } = await factories(env.db).publication(
      portal,
      new Date('2026-10-05T02:00:00Z'),
    );
    const { entries } = (
      await http
        .get('/api/v1/calendar')
        .query({ from: '2026-10-05', to: '2026-10-05', kind: 'publication', agency: ward.id })
        .set(officer)
        .expect(200)
    ).body;
    expect(entries).toEqual([
      expect.objectContaining({
        id: `publication:${publication.id}`,
        links: expect.objectContaining({
          story: `/api/v1/stories/${story.id}`,
          variant: `/api/v1/variants/${variant.id}`,
        }),
      }),
    ]);
  });
});
