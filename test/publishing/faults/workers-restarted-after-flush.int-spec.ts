import { AgencyEntity } from '@nhip/database';
import { Dispatcher } from '@nhip/publishing';
import { QueueService, recurringJobs } from '@nhip/queue';
import { FakeChannelServer, startFakeChannel } from '../../fakes/test-channel/fake-channel-server';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import {
  envFor,
  flushPrefix,
  RoleProcess,
  seedPublications,
  sleep,
  startRole,
  stateCounts,
  until,
} from './fault-support';

/**
 * Fault: Redis loses everything, then every worker is killed with -9 and fresh ones start, while the api
 * (which scheduled the recurring jobs at its boot) keeps running. The fresh workers have seen no job
 * scheduler: they must put every one back themselves, so the reconciler runs again and the publications
 * due meanwhile go out within two ticks. While no reconciler runs, /health says so (503, with the reason),
 * /metrics shows the last run's time, and the administrators are told once.
 */
describe('fault: Redis emptied, every worker killed -9 and restarted, the api left running', () => {
  const TICK_SECONDS = 2;
  const COUNT = 20;
  let env: TestEnvironment;
  let fake: FakeChannelServer;
  let queues: QueueService;
  const processes: RoleProcess[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment({
      NHIP_RECONCILE_EVERY_SECONDS: String(TICK_SECONDS),
      NHIP_PUBLISH_CONCURRENCY: '10',
      NHIP_SHUTDOWN_GRACE_SECONDS: '2',
    });
    fake = await startFakeChannel();
    queues = new QueueService(env.config);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop(5000)));
    await queues?.onApplicationShutdown();
    await fake?.stop();
    await env?.teardown();
  });

  const start = (role: 'api' | 'worker') => {
    // The machine may be busy: starting a process (ts-node) can take a while; the timings measured start after.
    const p = startRole(role, envFor(env.config), 120_000);
    processes.push(p);
    return p;
  };

  it('fresh workers restore every scheduler; due publications go out within two ticks; /health is degraded in between', async () => {
    const agency: AgencyEntity = await factories(env.db).agency();
    const { user: admin } = await factories(env.db).user();
    await factories(env.db).membership(admin, agency, 'admin');
    const accounts = [];
    for (let i = 0; i < 4; i++)
      accounts.push(await factories(env.db).channelAccount(agency, { endpoint: fake.url, concurrency: 5 }));

    const api = start('api');
    const workers = [start('worker'), start('worker')];
    const { port } = await api.ready;
    await Promise.all(workers.map((w) => w.ready));
    const health = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      return {
        status: res.status,
        body: (await res.json()) as { code?: string; details: { reconciler?: unknown; error?: unknown } },
      };
    };
    const lastRunMetric = async () => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return Number(/^nhip_reconciler_last_run_timestamp_seconds (\S+)$/m.exec(text)?.[1]);
    };
    const healthy = await until(health, (h) => h.status === 200, 10_000, 200);
    expect(healthy.status).toBe(200);
    expect(healthy.body.details.reconciler).toEqual({ status: 'up', lastRunAt: expect.any(String) });

    // Due in a few seconds, queued as the api queues them after approval.
    const dueAt = Date.now() + 3000;
    const pubs = await seedPublications(env.db, agency, accounts, COUNT, (i) => new Date(dueAt + i * 50), 'restart');
    const ids = pubs.map((p) => p.id);
    await new Dispatcher(env.db, queues, env.config).enqueueIds(ids);

    // Redis loses everything (this test's prefix: see flushPrefix), then every worker dies.
    expect(await flushPrefix(env.config.redisUrl, env.config.queuePrefix)).toBeGreaterThan(0);
    await Promise.all(workers.map((w) => w.kill9()));
    const killedAt = Date.now();

    // Nobody reconciles: within three ticks (plus one for the check) /health says degraded, with the reason.
    const degraded = await until(health, (h) => h.status !== 200, (3 + 2) * TICK_SECONDS * 1000, 200);
    expect(Date.now() - killedAt).toBeLessThan((3 + 2) * TICK_SECONDS * 1000);
    expect(degraded.status).toBe(503);
    expect(degraded.body).toEqual({
      code: 'RECONCILER_STALLED',
      message: expect.stringContaining('Bộ đối soát xuất bản không chạy'),
      details: expect.objectContaining({ error: { reconciler: expect.objectContaining({ status: 'down' }) } }),
    });
    const stalledAt = await lastRunMetric();
    expect(stalledAt * 1000).toBeLessThan(killedAt + 1000);
    expect(stalledAt * 1000).toBeGreaterThan(killedAt - (3 + 1) * TICK_SECONDS * 1000);
    // The administrator is told once, however many watchdog ticks see the stall.
    await sleep(3 * TICK_SECONDS * 1000);
    expect((await health()).status).toBe(503);
    const told: Array<{ user_id: string; title: string }> = await env.db.query(
      `SELECT user_id, title FROM notifications WHERE kind = 'reconciler_stalled'`,
    );
    expect(told).toEqual([{ user_id: admin.id, title: 'Bộ đối soát xuất bản đã ngừng chạy' }]);
    expect(await stateCounts(env.db, ids)).toEqual({ scheduled: COUNT });

    // Fresh workers, which never saw a scheduler: everything due goes out within two ticks of them serving.
    const fresh = [start('worker'), start('worker')];
    await Promise.race(fresh.map((w) => w.ready));
    const servingAt = Date.now();
    const counts = await until(
      () => stateCounts(env.db, ids),
      (c) => c.published === COUNT,
      30_000,
      100,
    );
    expect(counts).toEqual({ published: COUNT });
    const [last]: Array<{ at: Date }> = await env.db.query(
      `SELECT max(started_at) AS at FROM publication_attempts WHERE publication_id = ANY($1)`,
      [ids],
    );
    expect(new Date(last.at).getTime() - servingAt).toBeLessThan(2 * TICK_SECONDS * 1000);
    expect(fake.posts).toHaveLength(COUNT);
    expect(fake.duplicates()).toBe(0);
    for (const job of recurringJobs(env.config))
      expect({ scheduler: job.id, present: await queues.hasScheduler(job) }).toEqual({
        scheduler: job.id,
        present: true,
      });
    const recovered = await until(health, (h) => h.status === 200, 2 * TICK_SECONDS * 1000, 200);
    expect(recovered.status).toBe(200);
    expect(await lastRunMetric()).toBeGreaterThan(stalledAt);
    await Promise.all(fresh.map((w) => w.ready));
  }, 300_000);
});
