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
 * Fault: Zalo answers the create with its article token, and the answer of the `article/verify` that
 * follows is lost. The article is still processing, and with the shipped processing window a listing
 * would prove nothing for 15 minutes. The token is known, so the lookup asks `article/verify` about that
 * very article: "still processing" (it exists, asked again), then its id. One article; the publication
 * is published at Zalo's own creation time and its attempt is settled as succeeded.
 */
describe('fault: a Zalo create whose token is known, with the verify answer lost', () => {
  const PROCESSING_MS = 5000;
  let env: TestEnvironment;
  let zalo: FakeZaloApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    zalo = await FakeZaloApi.start({ processingMs: PROCESSING_MS });
    env = await createTestEnvironment({
      NHIP_ZALO_API_URL: zalo.apiBaseUrl,
      NHIP_ZALO_OAUTH_URL: zalo.oauthBaseUrl,
      NHIP_CHANNEL_TIMEOUT_SECONDS: '1',
      NHIP_PUBLISH_LOOKUP_DELAY_SECONDS: '1',
      // The shipped window: only asking about the token can settle it within the test.
      NHIP_ZALO_PROCESSING_WINDOW_SECONDS: '900',
    });
    worker = await createWorkerApp(env.config, { shutdownHooks: false });
  });

  afterAll(async () => {
    await worker?.close();
    await zalo?.close();
    await env?.teardown();
  });

  it('settles through article/verify with the token: one article, Zalo’s time, the attempt succeeded', async () => {
    const agency = await factories(env.db).agency();
    const oa = zalo.registerOa({ name: 'Sở Thông tin và Truyền thông' });
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
        title: 'Cuộc thi trực tuyến tìm hiểu chuyển đổi số',
        author: 'Sở Thông tin và Truyền thông',
        description: 'Cuộc thi mở từ tháng 6 đến tháng 9, dành cho mọi người dân trong tỉnh.',
        cover: { url: 'https://cdn.tuyenquang.gov.vn/media/cuoc-thi-bia.jpg' },
        body: [{ type: 'text', content: 'Thể lệ cuộc thi được đăng trên Cổng thông tin điện tử tỉnh.' }],
      },
    });
    // The create answers with its token; the answer of the verify that follows never comes back.
    zalo.loseAnswer({ match: (c) => c.path === '/v2.0/article/verify' });
    await worker.get(Dispatcher).enqueueIds([publication.id]);

    const row = () => env.db.getRepository(PublicationEntity).findOneByOrFail({ id: publication.id });
    const done = await until(row, (p) => p.state === 'published' || zalo.articles(oa.oaId).length > 1, 40_000, 200);
    const articles = zalo.articles(oa.oaId);
    expect(articles).toHaveLength(1);
    expect(zalo.callsTo('/v2.0/article/create')).toHaveLength(1);
    expect(done).toMatchObject({ state: 'published', externalId: articles[0].id, lastError: null });
    // Asked about the token while Zalo was processing ("still processing" is not "absent"), then found.
    const verifies = zalo.callsTo('/v2.0/article/verify');
    expect(verifies.length).toBeGreaterThanOrEqual(3);
    expect(verifies.map((c) => c.error)).toContain(-214);
    expect(verifies.at(-1)!.error).toBe(0);
    // Zalo's own time of the article, not the time of the lookup.
    expect(done.publishedAt!.getTime()).toBe(articles[0].createdAt.getTime());
    const attempts: Array<{ outcome: string; response_summary: Record<string, unknown> }> = await env.db.query(
      `SELECT outcome, response_summary FROM publication_attempts WHERE publication_id = $1 ORDER BY number`,
      [publication.id],
    );
    expect(attempts).toEqual([
      {
        outcome: 'succeeded',
        response_summary: expect.objectContaining({ foundBy: 'lookup', foundIn: 'verify', externalId: articles[0].id }),
      },
    ]);
  }, 90_000);
});
