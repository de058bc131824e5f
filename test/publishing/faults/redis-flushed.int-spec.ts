import type { INestApplicationContext } from '@nestjs/common';
import { AgencyEntity } from '@nhip/database';
import { Dispatcher } from '@nhip/publishing';
import { QueueName, QueueService, recurringJobs } from '@nhip/queue';
import { FakeChannelServer, startFakeChannel } from '../../fakes/test-channel/fake-channel-server';
import { startWorkerWithTestChannel } from '../../fakes/test-channel/worker-with-test-channel';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { flushPrefix, seedPublications, sleep, stateCounts, until } from './fault-support';

/**
 * Fault: Redis loses everything (FLUSHALL, or a restart without persistence) while 500 publications
 * are queued over the next 30 s. Postgres is the truth: the reconciler re-derives the queue from the
 * rows, and every publication is published, once.
 */
describe('fault: Redis flushed with 500 publications queued', () => {
  const COUNT = 500;
  const SPREAD_MS = 30_000;
  let env: TestEnvironment;
  let fake: FakeChannelServer;
  let queues: QueueService;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    env = await createTestEnvironment({ NHIP_RECONCILE_EVERY_SECONDS: '2', NHIP_PUBLISH_CONCURRENCY: '20' });
    fake = await startFakeChannel();
    queues = new QueueService(env.config);
  });

  afterAll(async () => {
    await worker?.close();
    await queues?.onApplicationShutdown();
    await fake?.stop();
    await env?.teardown();
  });

  it('publishes every one of them, once, after the reconciler has rebuilt the queue', async () => {
    const agency: AgencyEntity = await factories(env.db).agency();
    const accounts = [];
    for (let i = 0; i < 10; i++)
      accounts.push(await factories(env.db).channelAccount(agency, { endpoint: fake.url, concurrency: 5 }));
    ({ app: worker } = await startWorkerWithTestChannel(env.config));
    // The recurring jobs' schedulers (the reconciler among them), upserted as every api instance does at boot.
    for (const job of recurringJobs(env.config)) await queues.scheduleRecurring(job);

    const start = Date.now() + 1000;
    const pubs = await seedPublications(
      env.db,
      agency,
      accounts,
      COUNT,
      (i) => new Date(start + Math.floor((i * SPREAD_MS) / COUNT)),
      'flush',
    );
    const ids = pubs.map((p) => p.id);
    await worker.get(Dispatcher).enqueueIds(ids);
    expect(await queues.queue(QueueName.Publishing).getDelayedCount()).toBeGreaterThan(COUNT - 20);

    await sleep(4000);
    // The whole of this test's Redis goes: FLUSHALL would also wipe the other test files sharing this
    // Redis, so every key under this test's prefix (queues, job schedulers, account gates) is deleted
    // instead — for Nhịp, which keeps nothing else in Redis, that is the same event.
    const deleted = await flushPrefix(env.config.redisUrl, env.config.queuePrefix);
    expect(deleted).toBeGreaterThan(0);
    const before = await stateCounts(env.db, ids);
    expect(before.published ?? 0).toBeGreaterThan(0);
    expect(before.scheduled ?? 0).toBeGreaterThan(COUNT / 2);

    const after = await until(
      () => stateCounts(env.db, ids),
      (c) => c.published === COUNT,
      SPREAD_MS + 20_000,
      500,
    );
    expect(after).toEqual({ published: COUNT });
    expect(fake.posts).toHaveLength(COUNT);
    expect(fake.duplicates()).toBe(0);
    for (const p of pubs) expect({ key: p.key, posts: fake.postsFor(p.key).length }).toEqual({ key: p.key, posts: 1 });
    // Nothing went out before its time.
    const early: Array<{ n: number }> = await env.db.query(
      `SELECT count(*)::int AS n FROM publication_attempts a JOIN publications p ON p.id = a.publication_id WHERE p.id = ANY($1) AND a.started_at < p.occurrence_at - interval '1 second'`,
      [ids],
    );
    expect(early[0].n).toBe(0);
    // Every recurring job's scheduler came back after the flush, not only the reconciler's.
    for (const job of recurringJobs(env.config))
      expect({ scheduler: job.id, present: await queues.hasScheduler(job) }).toEqual({
        scheduler: job.id,
        present: true,
      });
  }, 90_000);
});
