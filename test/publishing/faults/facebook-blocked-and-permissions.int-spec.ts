import type { INestApplicationContext } from '@nestjs/common';
import { ChannelAccountService } from '@nhip/channels';
import { ChannelAccountEntity } from '@nhip/database';
import { Dispatcher, PublicationAdmin } from '@nhip/publishing';
import { createWorkerApp } from '../../../apps/worker/src/create-worker-app';
import { FakeGraphApi } from '../../fakes/facebook/fake-graph-api';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { attemptsOf, connectPage, seedPosts } from './facebook-support';
import { sleep, stateCounts, until } from './fault-support';

/**
 * Faults that hold for a whole Facebook Page, not one post:
 * - 368 "temporarily blocked": every post of the Page waits, twice as long each time the block is met
 *   again, none fails and none uses an attempt; once the block has lasted the limit the account is paused
 *   and its admins and editors are asked to look. A person resuming it lets the posts go, once each.
 * - a permission missing (200): the account is parked as "needs reconnection" with the reason, as an
 *   expired token is; its other posts send nothing until it is reconnected, then go once each.
 */
describe('fault: a Facebook Page blocked (368) or missing a permission (200)', () => {
  const WAIT_S = 2;
  const MAX_S = 7;
  let env: TestEnvironment;
  let graph: FakeGraphApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    graph = await FakeGraphApi.start();
    env = await createTestEnvironment({
      NHIP_FACEBOOK_GRAPH_URL: graph.baseUrl,
      NHIP_ACCOUNT_BLOCKED_WAIT_SECONDS: String(WAIT_S),
      NHIP_ACCOUNT_BLOCKED_MAX_SECONDS: String(MAX_S),
    });
    worker = await createWorkerApp(env.config, { shutdownHooks: false });
  });

  afterAll(async () => {
    await worker?.close();
    await graph?.close();
    await env?.teardown();
  });

  const notesFor = (userId: string): Promise<Array<{ title: string; body: string }>> =>
    env.db.query(`SELECT title, body FROM notifications WHERE user_id = $1 ORDER BY created_at`, [userId]);

  it('368: waits with growing pauses, then pauses the account and asks a person; resumed, each post goes once', async () => {
    const agency = await factories(env.db).agency();
    const editor = await factories(env.db).user();
    await factories(env.db).membership(editor.user, agency, 'editor');
    const { account, pageId } = await connectPage(env, worker, graph, agency, { name: 'Sở Khoa học và Công nghệ' });
    const seeded = await seedPosts(env, agency, account, 5, () => new Date(Date.now() + 300), 'fb-368');
    const ids = seeded.map((s) => s.id);
    // Blocked for four tries, then the block lifts.
    graph.failNext(
      { code: 368, message: 'The action attempted has been deemed abusive or is otherwise disallowed' },
      { times: 4, match: (c) => c.path === `${pageId}/feed` },
    );
    await worker.get(Dispatcher).enqueueIds(ids);

    const parked = await until(
      () => env.db.getRepository(ChannelAccountEntity).findOneByOrFail({ id: account.id }),
      (a) => a.status !== 'active',
      30_000,
    );
    expect(parked).toMatchObject({ status: 'paused', statusReason: expect.stringContaining('mã 368') });
    const calls = graph.calls.filter((c) => c.path === `${pageId}/feed`);
    expect(calls.map((c) => c.errorCode)).toEqual([368, 368, 368, 368]);
    // 2 s, then 4 s, then the 1 s left of the 7 s limit; then a person is asked.
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(WAIT_S * 1000 - 50);
    expect(gaps[1]).toBeGreaterThanOrEqual(2 * WAIT_S * 1000 - 50);
    expect(gaps[2]).toBeGreaterThanOrEqual(1000 - 50);
    expect(await stateCounts(env.db, ids)).toEqual({ scheduled: 5 });
    const rows: Array<{ attempt_count: number }> = await env.db.query(
      `SELECT attempt_count FROM publications WHERE id = ANY($1)`,
      [ids],
    );
    expect(rows.every((r) => r.attempt_count === 0)).toBe(true);
    const notes = await notesFor(editor.user.id);
    expect(notes).toEqual([
      { title: 'Tài khoản Trang Facebook bị tạm chặn đăng bài', body: expect.stringContaining('bấm “Tiếp tục”') },
    ]);
    expect(notes[0].body).not.toMatch(/sẽ thử lại/);

    // Nothing more goes to the Page while it is paused.
    await sleep(1500);
    expect(graph.calls.filter((c) => c.path === `${pageId}/feed`)).toHaveLength(4);

    await worker.get(PublicationAdmin).setAccountPaused(account.id, false, editor.user.id);
    expect(
      await until(
        () => stateCounts(env.db, ids),
        (c) => c.published === 5,
        30_000,
      ),
    ).toEqual({ published: 5 });
    expect(graph.posts(pageId)).toHaveLength(5);
    const attempts = await attemptsOf(env, ids);
    expect([...attempts.values()].flat().filter((a) => a.outcome === 'blocked')).toHaveLength(4);
    const after = await env.db.getRepository(ChannelAccountEntity).findOneByOrFail({ id: account.id });
    expect(after).toMatchObject({ status: 'active', cooldownUntil: null });
  }, 60_000);

  it('200: parks the account as needing reconnection with the reason; sends nothing more until reconnected', async () => {
    const agency = await factories(env.db).agency();
    const admin = await factories(env.db).user();
    await factories(env.db).membership(admin.user, agency, 'admin');
    const { account, pageId } = await connectPage(env, worker, graph, agency, {
      name: 'UBND xã Tân Trào',
      permissions: ['pages_read_engagement'],
    });
    const seeded = await seedPosts(env, agency, account, 3, (i) => new Date(Date.now() + 300 + i * 50), 'fb-200');
    const ids = seeded.map((s) => s.id);
    await worker.get(Dispatcher).enqueueIds(ids);

    const parked = await until(
      () => env.db.getRepository(ChannelAccountEntity).findOneByOrFail({ id: account.id }),
      (a) => a.status !== 'active',
      20_000,
    );
    expect(parked).toMatchObject({
      status: 'needs_reconnection',
      statusReason: expect.stringContaining('pages_manage_posts'),
    });
    await sleep(1500);
    const calls = graph.calls.filter((c) => c.path.startsWith(`${pageId}/`));
    expect(calls.map((c) => c.errorCode)).toEqual([200]);
    expect(await stateCounts(env.db, ids)).toEqual({ scheduled: 3 });
    expect(await notesFor(admin.user.id)).toEqual([
      { title: 'Cần kết nối lại tài khoản Trang Facebook', body: expect.stringContaining('pages_manage_posts') },
    ]);

    const token = graph.issuePageToken(pageId);
    await worker.get(ChannelAccountService).replaceCredentials(account.id, { pageAccessToken: token }, admin.user.id);
    await worker.get(PublicationAdmin).requeueAccount(account.id);
    expect(
      await until(
        () => stateCounts(env.db, ids),
        (c) => c.published === 3,
        20_000,
      ),
    ).toEqual({ published: 3 });
    expect(graph.posts(pageId)).toHaveLength(3);
    const rows: Array<{ attempt_count: number }> = await env.db.query(
      `SELECT attempt_count FROM publications WHERE id = ANY($1)`,
      [ids],
    );
    expect(rows.map((r) => r.attempt_count)).toEqual([1, 1, 1]);
  }, 60_000);
});
