import type { INestApplicationContext } from '@nestjs/common';
import { ChannelAccountService } from '@nhip/channels';
import { PublicationEntity, VariantEntity } from '@nhip/database';
import { Dispatcher } from '@nhip/publishing';
import { createWorkerApp } from '../../../apps/worker/src/create-worker-app';
import { FakeZaloApi } from '../../fakes/zalo/fake-zalo-api';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { until } from './fault-support';

/**
 * Fault: a Zalo create times out after Zalo accepted it, and Zalo processes the article more slowly
 * than the engine's lookups come (`getslice` lists an article only once processed). Two early "not
 * found" answers prove nothing: "absent" is concluded only after the processing window, so the
 * article is found and linked — one article, never two.
 */
describe('fault: a timed-out Zalo create, processed more slowly than the lookups', () => {
  const PROCESSING_MS = 6000;
  let env: TestEnvironment;
  let zalo: FakeZaloApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    zalo = await FakeZaloApi.start({ processingMs: PROCESSING_MS });
    env = await createTestEnvironment({
      NHIP_ZALO_API_URL: zalo.apiBaseUrl,
      NHIP_ZALO_OAUTH_URL: zalo.oauthBaseUrl,
      NHIP_CHANNEL_TIMEOUT_SECONDS: '1',
      // Lookups at about 1 s and 2 s after the timeout: both while Zalo is still processing.
      NHIP_PUBLISH_LOOKUP_DELAY_SECONDS: '1',
      NHIP_ZALO_PROCESSING_WINDOW_SECONDS: '10',
    });
    worker = await createWorkerApp(env.config, { shutdownHooks: false });
  });

  afterAll(async () => {
    await worker?.close();
    await zalo?.close();
    await env?.teardown();
  });

  it('ends as one article, found after the processing window, never sent twice', async () => {
    const agency = await factories(env.db).agency();
    const oa = zalo.registerOa({ name: 'UBND xã Tân Trào' });
    const account = await factories(env.db).channelAccount(agency, { type: 'zalo', endpoint: 'unused' });
    await env.db.query(`UPDATE channel_accounts SET settings = $2 WHERE id = $1`, [
      account.id,
      { oaId: oa.oaId, appId: oa.appId },
    ]);
    await worker
      .get(ChannelAccountService)
      .replaceCredentials(account.id, { ...zalo.issueTokens(oa.oaId), appSecret: oa.appSecret }, null as never);
    const { publication, variant } = await factories(env.db).publication(account, new Date(Date.now() + 300));
    await env.db.getRepository(VariantEntity).update(variant.id, {
      content: {
        title: 'Ngày hội Chuyển đổi số xã Tân Trào',
        author: 'UBND xã Tân Trào',
        description: 'Người dân được hướng dẫn cài đặt VNeID và nộp hồ sơ dịch vụ công trực tuyến.',
        cover: { url: 'https://cdn.tuyenquang.gov.vn/media/ngay-hoi-bia.jpg' },
        body: [{ type: 'text', content: 'Sáng nay, Ngày hội Chuyển đổi số thu hút đông đảo người dân.' }],
      },
    });
    // Zalo accepts the create, and the answer never comes back.
    zalo.hangAfterCommit('hang', { match: (c) => c.path === '/v2.0/article/create' });
    await worker.get(Dispatcher).enqueueIds([publication.id]);

    const row = () => env.db.getRepository(PublicationEntity).findOneByOrFail({ id: publication.id });
    const done = await until(row, (p) => p.state === 'published' || zalo.articles(oa.oaId).length > 1, 40_000, 200);
    const articles = zalo.articles(oa.oaId);
    expect(articles).toHaveLength(1);
    expect(zalo.callsTo('/v2.0/article/create')).toHaveLength(1);
    expect(done).toMatchObject({ state: 'published', externalId: articles[0].id });
    // It was looked for while Zalo was still processing it, and not taken as absent then.
    const early = await env.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = 'publication.resolved_not_published'`,
      [publication.id],
    );
    expect(early[0].n).toBe(0);
    expect(zalo.callsTo('/v2.0/article/getslice').length).toBeGreaterThanOrEqual(2);
    expect(done.lastError).toBeNull();
  }, 90_000);
});
