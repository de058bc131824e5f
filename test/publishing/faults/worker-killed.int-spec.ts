import { AgencyEntity } from '@nhip/database';
import { Dispatcher } from '@nhip/publishing';
import { QueueService, recurringJobs } from '@nhip/queue';
import { FakeChannelServer, startFakeChannel } from '../../fakes/test-channel/fake-channel-server';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import {
  envFor,
  publicationStates,
  RoleProcess,
  seedPublications,
  startRole,
  stateCounts,
  until,
} from './fault-support';

/**
 * Fault: a worker process is killed with SIGKILL while its calls to a slow channel are in flight — no
 * shutdown hook, no lock released, rows left "publishing", jobs left active in Redis. Another worker
 * process starts; the reconciler (the job scheduler the api upserts at boot) runs in it. Every
 * publication must end published exactly once at the channel: the calls cut off by the kill are
 * settled as unknown and then resolved by lookup, never resent.
 */
describe('fault: a worker process killed with -9 mid-publish', () => {
  const LEASE_SECONDS = 5;
  const CHANNEL_DELAY_MS = 2000;
  let env: TestEnvironment;
  let fake: FakeChannelServer;
  let queues: QueueService;
  const processes: RoleProcess[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment({
      NHIP_PUBLISH_LEASE_SECONDS: String(LEASE_SECONDS),
      // A whole call ends within 3 × this (3 s, for a channel that answers in 2 s), under the lease: config refuses otherwise.
      NHIP_CHANNEL_TIMEOUT_SECONDS: '1',
      NHIP_PUBLISH_LOOKUP_DELAY_SECONDS: '1',
      NHIP_PUBLISH_RETRY_BASE_SECONDS: '1',
      NHIP_RECONCILE_EVERY_SECONDS: '2',
      NHIP_PUBLISH_CONCURRENCY: '8',
      NHIP_SHUTDOWN_GRACE_SECONDS: '2',
    });
    // A slow channel: each create takes 2 s, and it still makes the post when the caller has died meanwhile.
    fake = await startFakeChannel({ delayMs: CHANNEL_DELAY_MS });
    queues = new QueueService(env.config);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop(5000)));
    await queues?.onApplicationShutdown();
    await fake?.stop();
    await env?.teardown();
  });

  it('ends with every publication published exactly once: in-flight calls are settled unknown, then resolved by lookup', async () => {
    // The call's deadline (3 s) stays under the lease (5 s): a live call is never mistaken for a crashed one.
    const workerEnv = envFor(env.config, { FAULT_CHANNEL_TIMEOUT_MS: '4000' });
    const first = startRole('worker', workerEnv);
    processes.push(first);

    const agency: AgencyEntity = await factories(env.db).agency();
    const accounts = [];
    for (let i = 0; i < 4; i++)
      accounts.push(await factories(env.db).channelAccount(agency, { endpoint: fake.url, concurrency: 2 }));
    await first.ready;

    // 24 publications due over the next 2 s, queued as the api queues them after approval.
    const start = Date.now() + 500;
    const pubs = await seedPublications(env.db, agency, accounts, 24, (i) => new Date(start + i * 80), 'kill');
    const ids = pubs.map((p) => p.id);
    await new Dispatcher(env.db, queues, env.config).enqueueIds(ids);
    // The recurring jobs' schedulers (the reconciler among them), upserted as every api instance does at boot.
    for (const job of recurringJobs(env.config)) await queues.scheduleRecurring(job);

    // Kill the worker while 8 calls (4 accounts × 2) are in the channel.
    const inFlight = await until(
      () => fake.requests.create,
      (n) => n >= 8,
      15_000,
      20,
    );
    expect(inFlight).toBeGreaterThanOrEqual(8);
    await first.kill9();
    const claimedAtKill = (await stateCounts(env.db, ids)).publishing ?? 0;
    expect(claimedAtKill).toBeGreaterThanOrEqual(1);

    const second = startRole('worker', workerEnv);
    processes.push(second);
    await second.ready;

    const counts = await until(
      () => stateCounts(env.db, ids),
      (c) => c.published === ids.length,
      40_000,
      250,
    );
    expect(counts).toEqual({ published: ids.length });

    expect(fake.duplicates()).toBe(0);
    expect(fake.posts).toHaveLength(ids.length);
    const rows = await publicationStates(env.db, ids);
    const trails: Array<{ subject_id: string; action: string }> = await env.db.query(
      `SELECT subject_id, action FROM audit_events WHERE subject_type = 'publication' AND subject_id = ANY($1::text[]) ORDER BY id`,
      [ids],
    );
    let resolvedAfterKill = 0;
    for (const p of pubs) {
      const row = rows.get(p.id)!;
      const posts = fake.postsFor(p.key);
      expect({ key: p.key, posts: posts.length }).toEqual({ key: p.key, posts: 1 });
      expect(row.state).toBe('published');
      expect(row.external_id).toBe(posts[0].id);
      const trail = trails.filter((t) => t.subject_id === p.id).map((t) => t.action);
      if (row.attempts.some((a) => a.code === 'worker_lost')) {
        // Cut off by the kill: unknown (worker lost), then looked up. The channel had the post, so it is
        // found and linked; had the call never reached the channel, it would be sent once, after two "not found".
        // The lookup settles the cut-off attempt: succeeded when found, retryable when confirmed absent.
        resolvedAfterKill += 1;
        if (trail[0] === 'publication.resolved_published') {
          expect(row.attempts).toEqual([{ outcome: 'succeeded', code: 'worker_lost' }]);
          expect(trail).toEqual(['publication.resolved_published']);
        } else {
          expect(row.attempts).toEqual([
            { outcome: 'retryable', code: 'worker_lost' },
            { outcome: 'succeeded', code: null },
          ]);
          expect(trail).toEqual(['publication.resolved_not_published', 'publication.published']);
        }
      } else {
        expect(row.attempts).toEqual([{ outcome: 'succeeded', code: null }]);
        expect(trail).toEqual(['publication.published']);
      }
    }
    expect(resolvedAfterKill).toBe(claimedAtKill);
    const [repair] = await env.db.query(
      `SELECT coalesce(sum((data->>'crashedInFlight')::int), 0)::int AS crashed FROM audit_events WHERE action = 'publication.reconciled'`,
    );
    expect(repair.crashed).toBe(claimedAtKill);
  }, 120_000);
});
