import type { INestApplicationContext } from '@nestjs/common';
import { Dispatcher } from '@nhip/publishing';
import { createWorkerApp } from '../../../apps/worker/src/create-worker-app';
import { FakeGraphApi } from '../../fakes/facebook/fake-graph-api';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { attemptsOf, connectPage, seedPosts } from './facebook-support';
import { stateCounts, until } from './fault-support';

/**
 * Fault: Facebook throttles a Page (code 32, "Page request limit reached") with 20 posts due on it.
 * Throttling holds for the Page, not one post: the whole account waits the channel's estimate
 * (`estimated_time_to_regain_access`, minutes), kept in Postgres, without using attempts. The Page
 * receives no request until the estimate has passed, no post is throttled twice, and every one goes
 * out exactly once afterwards.
 */
describe('fault: a Facebook Page throttled with 20 posts due on it', () => {
  const THROTTLE_MS = 60_000; // Graph's estimate is in whole minutes: one is the shortest it says.
  let env: TestEnvironment;
  let graph: FakeGraphApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    graph = await FakeGraphApi.start();
    env = await createTestEnvironment({ NHIP_FACEBOOK_GRAPH_URL: graph.baseUrl });
    worker = await createWorkerApp(env.config, { shutdownHooks: false });
  });

  afterAll(async () => {
    await worker?.close();
    await graph?.close();
    await env?.teardown();
  });

  it('sends nothing to the Page until the estimate has passed, then publishes each post once', async () => {
    const agency = await factories(env.db).agency();
    const { account, pageId } = await connectPage(env, worker, graph, agency, { name: 'UBND tỉnh Tuyên Quang' });
    const due = Date.now() + 500;
    const seeded = await seedPosts(env, agency, account, 20, (i) => new Date(due + i * 20), 'fb-throttle');
    const ids = seeded.map((s) => s.id);
    graph.throttlePage(pageId, { afterCalls: 3, forMs: THROTTLE_MS, header: 'page' });
    await worker.get(Dispatcher).enqueueIds(ids);

    // The cool-down is the account's, in Postgres, as soon as the throttle is met.
    const cooling = await until(
      () => env.db.query(`SELECT cooldown_until, cooldown FROM channel_accounts WHERE id = $1`, [account.id]),
      (rows) => rows[0].cooldown_until !== null,
      20_000,
    );
    const throttledUntil = graph.throttledUntil(pageId)!;
    expect(throttledUntil).toBeDefined();
    const coolingUntil = new Date(cooling[0].cooldown_until).getTime();
    expect(coolingUntil).toBeGreaterThanOrEqual(throttledUntil);
    expect(coolingUntil).toBeLessThan(throttledUntil + 5_000);
    expect(cooling[0].cooldown).toMatchObject({ kind: 'throttled', code: 'facebook.32', estimated: true });

    const counts = await until(
      () => stateCounts(env.db, ids),
      (c) => c.published === 20,
      THROTTLE_MS + 40_000,
      500,
    );
    expect(counts).toEqual({ published: 20 });

    // One refused call, and after it nothing reached the Page before the throttle ended.
    const pageCalls = graph.calls.filter((c) => c.path.startsWith(`${pageId}/`));
    const refused = pageCalls.filter((c) => c.errorCode !== undefined);
    expect(refused).toHaveLength(1);
    expect(refused[0].errorCode).toBe(32);
    const after = pageCalls.slice(pageCalls.indexOf(refused[0]) + 1);
    expect(after.length).toBeGreaterThanOrEqual(17);
    for (const call of after) expect(call.at).toBeGreaterThanOrEqual(throttledUntil);

    // Every post once; none throttled twice; the wait used no attempt.
    const posts = graph.posts(pageId);
    expect(posts).toHaveLength(20);
    const rows: Array<{ id: string; external_id: string; attempt_count: number }> = await env.db.query(
      `SELECT id, external_id, attempt_count FROM publications WHERE id = ANY($1)`,
      [ids],
    );
    expect(new Set(rows.map((r) => r.external_id))).toEqual(new Set(posts.map((p) => p.id)));
    expect(rows.every((r) => r.attempt_count === 1)).toBe(true);
    const attempts = await attemptsOf(env, ids);
    const throttled = [...attempts.values()].map((list) => list.filter((a) => a.outcome === 'throttled').length);
    expect(throttled.filter((n) => n > 0)).toEqual([1]);
    expect([...attempts.values()].every((list) => list.at(-1)!.outcome === 'succeeded')).toBe(true);
  }, 120_000);
});
