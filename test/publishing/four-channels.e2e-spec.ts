import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import axios from 'axios';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { ChannelAccountService } from '@nhip/channels';
import { AgencyEntity, ChannelAccountEntity, PublicationEntity } from '@nhip/database';
import { DEMO_WARD_CODE, seedDemoData } from '@nhip/demo';
import { publishJobId } from '@nhip/publishing';
import { QueueName, QueueService } from '@nhip/queue';
import { estimateReadingSeconds } from '@nhip/speech';
import { makePng, startFileServer } from '../channels/portal/http-helpers';
import { FakeGraphApi } from '../fakes/facebook/fake-graph-api';
import { FakeStation } from '../fakes/loudspeaker/fake-station';
import { FakeZaloApi } from '../fakes/zalo/fake-zalo-api';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';
import { startWordPress, TestWordPress } from '../support/wordpress/wordpress-server';

const BODY = [
  'Sáng ngày 10/10/2026, Ủy ban nhân dân phường Đăk Bla tổ chức Ngày hội toàn dân học tập số tại nhà văn hóa tổ dân phố 3, thu hút hơn 300 người dân tham gia.',
  'Tại ngày hội, các thành viên tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt và kích hoạt tài khoản định danh điện tử VNeID mức độ 2, sử dụng dịch vụ công trực tuyến, thanh toán không dùng tiền mặt và nhận diện các thủ đoạn lừa đảo trên không gian mạng.',
  'Phường đặt mục tiêu đến hết năm 2026 có 100% hộ gia đình được phổ biến kỹ năng số cơ bản và từ 80% người dân trưởng thành có tài khoản định danh điện tử được kích hoạt. Người dân có nhu cầu hỗ trợ có thể liên hệ tổ công nghệ số cộng đồng tại trụ sở Ủy ban nhân dân phường trong giờ hành chính.',
].join('\n\n');

describe('one story, four channels, end to end', () => {
  let env: TestEnvironment;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let wordpress: TestWordPress;
  let graph: FakeGraphApi;
  let zalo: FakeZaloApi;
  let station: FakeStation;
  let files: Awaited<ReturnType<typeof startFileServer>>;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    [wordpress, graph, zalo, station, files] = await Promise.all([
      startWordPress({ permalinks: 'plain' }),
      FakeGraphApi.start(),
      FakeZaloApi.start({ verifyPendingCount: 1 }),
      FakeStation.start({ stations: [{ id: 'cum-loa-to-dan-pho-3' }], apiKey: 'khoa-tram-dak-bla' }),
      startFileServer({
        '/khai-mac.png': { body: makePng(64, 48, [200, 30, 30]), contentType: 'image/png' },
        '/huong-dan.png': { body: makePng(64, 48, [30, 30, 200]), contentType: 'image/png' },
      }),
    ]);
    env = await createTestEnvironment({
      NHIP_FACEBOOK_GRAPH_URL: graph.baseUrl,
      NHIP_ZALO_API_URL: zalo.apiBaseUrl,
      NHIP_ZALO_OAUTH_URL: zalo.oauthBaseUrl,
      NHIP_CHANNEL_TIMEOUT_SECONDS: '20',
    });
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    api = await createApiApp(env.config);
    await api.init();
    http = request(api.getHttpServer());
    worker = await createWorkerApp(env.config);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await env?.teardown();
    await Promise.all([wordpress?.stop(), graph?.close(), zalo?.close(), station?.stop(), files?.stop()]);
  });

  it('publishes the portal article on WordPress, a two-photo Facebook post, a Zalo article and a loudspeaker bulletin with audio', async () => {
    const ward = await env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const accounts = Object.fromEntries(
      (await env.db.getRepository(ChannelAccountEntity).find({ where: { agencyId: ward.id } })).map((a) => [a.type, a]),
    );
    const page = graph.addPage({ name: 'UBND phường Đăk Bla' });
    const oa = zalo.registerOa({ name: 'UBND phường Đăk Bla' });
    const connect = async (type: string, settings: Record<string, unknown>, credentials: Record<string, unknown>) => {
      await env.db.query(`UPDATE channel_accounts SET settings = $2 WHERE id = $1`, [accounts[type].id, settings]);
      await worker
        .get(ChannelAccountService)
        .replaceCredentials(accounts[type].id, credentials, null as unknown as string);
    };
    await connect(
      'portal',
      { siteUrl: wordpress.siteUrl, allowCreateTerms: true },
      { username: wordpress.username, applicationPassword: wordpress.applicationPassword },
    );
    await connect('facebook', { pageId: page.id }, { pageAccessToken: graph.issuePageToken(page.id) });
    await connect(
      'zalo',
      { oaId: oa.oaId, appId: oa.appId },
      { ...zalo.issueTokens(oa.oaId), appSecret: oa.appSecret },
    );
    await connect('loudspeaker', { endpoint: station.url, slotSeconds: 600 }, { apiKey: 'khoa-tram-dak-bla' });

    const make = factories(env.db);
    const officer = await make.user({ username: 'canbo.vhxh' });
    const editor = await make.user({ username: 'lanhdao.phuong' });
    await make.membership(officer.user, ward, 'officer');
    await make.membership(editor.user, ward, 'editor');
    const as = async (u: { user: { username: string }; password: string }) => ({
      Authorization: `Bearer ${(await http.post('/api/v1/auth/login').send({ username: u.user.username, password: u.password })).body.token}`,
    });
    const o = await as(officer);
    const e = await as(editor);

    const story = (
      await http
        .post(`/api/v1/agencies/${ward.id}/stories`)
        .set(o)
        .send({
          title: 'Phường Đăk Bla tổ chức Ngày hội toàn dân học tập số',
          summary: 'Hơn 300 người dân được hướng dẫn kỹ năng số, cài đặt VNeID và dịch vụ công trực tuyến.',
          body: BODY,
          media: [
            { kind: 'image', url: `${files.url}/khai-mac.png`, caption: 'Khai mạc ngày hội' },
            { kind: 'image', url: `${files.url}/huong-dan.png`, caption: 'Hướng dẫn cài VNeID' },
          ],
        })
        .expect(201)
    ).body;
    const variants = (
      await http
        .post(`/api/v1/stories/${story.id}/variants/generate`)
        .set(o)
        .send({ channelAccountIds: Object.values(accounts).map((a) => a.id) })
        .expect(201)
    ).body as Array<{ id: string; channelType: string; content: Record<string, unknown> }>;
    const at = new Date(Date.now() + 10 * 60_000).toISOString();
    for (const v of variants) {
      const content =
        v.channelType === 'portal'
          ? { ...v.content, categories: ['Chuyển đổi số'] }
          : v.channelType === 'loudspeaker'
            ? { ...v.content, stations: ['cum-loa-to-dan-pho-3'] }
            : v.content;
      await http.patch(`/api/v1/variants/${v.id}`).set(o).send({ content, schedule: { at } }).expect(200);
      await http.post(`/api/v1/variants/${v.id}/submit`).set(o).expect(200);
    }
    const approved = (
      await http
        .post('/api/v1/queue/approve')
        .set(e)
        .send({ variantIds: variants.map((v) => v.id) })
        .expect(200)
    ).body.results;
    expect(approved.every((r: { state: string }) => r.state === 'scheduled')).toBe(true);

    // Ten minutes pass: the publications fall due now, in Postgres and in the delayed jobs alike.
    const pubs = env.db.getRepository(PublicationEntity);
    await env.db.query(`UPDATE publications SET occurrence_at = now() WHERE variant_id = ANY($1)`, [
      variants.map((v) => v.id),
    ]);
    const queue = worker.get(QueueService).queue(QueueName.Publishing);
    for (const p of await pubs.find()) await (await queue.getJob(publishJobId(p.id, p.version)))!.promote();
    const deadline = Date.now() + 90_000;
    let rows = await pubs.find();
    while (rows.some((p) => p.state !== 'published') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      rows = await pubs.find();
    }
    const byType = Object.fromEntries(
      rows.map((p) => [Object.values(accounts).find((a) => a.id === p.channelAccountId)!.type, p]),
    );
    expect(Object.fromEntries(Object.entries(byType).map(([t, p]) => [t, [p.state, p.lastError]]))).toEqual({
      portal: ['published', null],
      facebook: ['published', null],
      zalo: ['published', null],
      loudspeaker: ['published', null],
    });

    // WordPress, through its own REST API.
    const wp = axios.create({ auth: { username: wordpress.username, password: wordpress.applicationPassword } });
    const post = (
      await wp.get(`${wordpress.siteUrl}/?rest_route=/wp/v2/posts/${byType.portal.externalId}&context=edit`)
    ).data;
    expect(post.title.raw).toBe('Phường Đăk Bla tổ chức Ngày hội toàn dân học tập số');
    expect(post.content.raw).toContain('tổ công nghệ số cộng đồng hướng dẫn người dân');
    expect(post.featured_media).toBeGreaterThan(0);
    const categories = (
      await wp.get(`${wordpress.siteUrl}/?rest_route=/wp/v2/categories&include=${post.categories.join(',')}`)
    ).data.map((c: { name: string }) => c.name);
    expect(categories).toContain('Chuyển đổi số');
    const ours = (await wp.get(`${wordpress.siteUrl}/?rest_route=/wp/v2/posts&per_page=100&status=any`)).data.filter(
      (p: { slug: string }) => p.slug.startsWith('nhip-'),
    );
    expect(ours.map((p: { id: number }) => String(p.id))).toEqual([byType.portal.externalId]); // WordPress's own "Hello world" aside

    // Facebook: one feed post carrying the two unpublished photos.
    const fbPosts = graph.posts(page.id);
    expect(fbPosts).toHaveLength(1);
    expect(fbPosts[0]).toMatchObject({
      id: byType.facebook.externalId,
      photoIds: [expect.any(String), expect.any(String)],
    });
    expect(graph.photos(page.id).map((p) => p.url)).toEqual([
      `${files.url}/khai-mac.png`,
      `${files.url}/huong-dan.png`,
    ]);

    // Zalo: the verified article's id.
    const articles = zalo.articles(oa.oaId);
    expect(articles).toHaveLength(1);
    expect(byType.zalo.externalId).toBe(articles[0].id);

    // Loudspeaker: the bulletin and its audio, whose duration matches the reading-time estimate within 10%.
    const [bulletin] = station.bulletins();
    expect(bulletin).toMatchObject({ id: byType.loudspeaker.externalId, stations: ['cum-loa-to-dan-pho-3'] });
    const estimate = estimateReadingSeconds(bulletin.script);
    expect(estimate).toBeGreaterThan(40);
    expect(Math.abs(bulletin.audioSeconds - estimate) / estimate).toBeLessThan(0.1);

    const variantStates = await env.db.query(`SELECT state FROM variants WHERE story_id = $1`, [story.id]);
    expect(variantStates.map((v: { state: string }) => v.state)).toEqual([
      'published',
      'published',
      'published',
      'published',
    ]);
  }, 180_000);
});
