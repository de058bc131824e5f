import { AgencyEntity } from '@nhip/database';
import { Dispatcher } from '@nhip/publishing';
import { QueueService, recurringJobs } from '@nhip/queue';
import { FakeChannelServer, startFakeChannel } from '../../fakes/test-channel/fake-channel-server';
import { factories } from '../../support/factories';
import { OwnPostgres } from '../../support/own-postgres';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { envFor, RoleProcess, seedPublications, sleep, startRole, stateCounts, until } from './fault-support';

/**
 * Fault: the database itself dies mid-storm. The test runs its own PostgreSQL server; while two worker
 * processes are publishing to a slow channel, the postmaster and every backend are killed with SIGKILL
 * (no checkpoint, open transactions lost, every connection of every process cut at once), and started
 * again on the same data after a pause, recovering from its WAL. Calls the channel accepted while their
 * success could not be written are unknown to the engine: they must be settled by lookup, never resent.
 * Every publication ends published exactly once at the channel.
 */
describe('fault: PostgreSQL killed with -9 mid-storm and started again', () => {
  const COUNT = 60;
  let pg: OwnPostgres;
  let env: TestEnvironment;
  let fake: FakeChannelServer;
  let queues: QueueService;
  const workers: RoleProcess[] = [];

  beforeAll(async () => {
    pg = await OwnPostgres.create();
    await pg.start();
    env = await createTestEnvironment({
      DATABASE_URL: pg.url,
      NHIP_PUBLISH_LEASE_SECONDS: '5',
      NHIP_CHANNEL_TIMEOUT_SECONDS: '1',
      NHIP_PUBLISH_LOOKUP_DELAY_SECONDS: '1',
      NHIP_PUBLISH_RETRY_BASE_SECONDS: '1',
      NHIP_RECONCILE_EVERY_SECONDS: '2',
      NHIP_PUBLISH_CONCURRENCY: '8',
      NHIP_SHUTDOWN_GRACE_SECONDS: '2',
    });
    fake = await startFakeChannel({ delayMs: 250 });
    queues = new QueueService(env.config);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop(5000)));
    await queues?.onApplicationShutdown();
    await fake?.stop();
    await env?.teardown().catch(() => undefined);
    await pg?.destroy();
  });

  it('publishes every publication exactly once across the crash and the recovery', async () => {
    const workerEnv = envFor(env.config, { FAULT_CHANNEL_TIMEOUT_MS: '2500' });
    for (let i = 0; i < 2; i++) workers.push(startRole('worker', workerEnv));
    const agency: AgencyEntity = await factories(env.db).agency();
    const accounts = [];
    for (let i = 0; i < 4; i++)
      accounts.push(await factories(env.db).channelAccount(agency, { endpoint: fake.url, concurrency: 2 }));
    await Promise.all(workers.map((w) => w.ready));

    const start = Date.now() + 500;
    const pubs = await seedPublications(env.db, agency, accounts, COUNT, (i) => new Date(start + i * 60), 'pgkill');
    const ids = pubs.map((p) => p.id);
    await new Dispatcher(env.db, queues, env.config).enqueueIds(ids);
    for (const job of recurringJobs(env.config)) await queues.scheduleRecurring(job);

    // Mid-storm: some published, calls in flight, most still to come.
    await until(
      () => fake.posts.length,
      (n) => n >= 12,
      20_000,
      20,
    );
    await pg.kill9();
    const postsAtKill = fake.posts.length;
    expect(postsAtKill).toBeLessThan(COUNT);
    await sleep(4000);
    await pg.start();

    // The test's own pool reconnects too; a read that meets a connection cut by the kill is simply repeated.
    const counts = await until(
      () => stateCounts(env.db, ids).catch(() => ({}) as Record<string, number>),
      (c) => c.published === COUNT,
      60_000,
      250,
    );
    expect({ counts, workersAlive: workers.map((w) => w.child.exitCode === null) }).toEqual({
      counts: { published: COUNT },
      workersAlive: [true, true],
    });
    expect(fake.duplicates()).toBe(0);
    for (const p of pubs) expect({ key: p.key, posts: fake.postsFor(p.key).length }).toEqual({ key: p.key, posts: 1 });
    expect(fake.posts).toHaveLength(COUNT);
    const trail: Array<{ outcome: string; code: string | null; n: number }> = await env.db.query(
      `SELECT outcome, error_code AS code, count(*)::int AS n FROM publication_attempts WHERE publication_id = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 1, 2`,
      [ids],
    );
    console.log(`posts when killed: ${postsAtKill}/${COUNT}; attempts: ${JSON.stringify(trail)}`);
    // The kill did cut calls the channel accepted (their success could not be written): found by lookup, not resent.
    expect(trail.find((t) => t.code === 'worker_lost' && t.outcome === 'succeeded')?.n ?? 0).toBeGreaterThan(0);
    expect(trail.filter((t) => t.outcome !== 'succeeded')).toEqual([]);
  }, 150_000);
});
