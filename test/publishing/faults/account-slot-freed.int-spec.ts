import { AgencyEntity } from '@nhip/database';
import { Dispatcher, SLOT_LEASE_MS } from '@nhip/publishing';
import { QueueService } from '@nhip/queue';
import { FakeChannelServer, startFakeChannel } from '../../fakes/test-channel/fake-channel-server';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import {
  envFor,
  publicationStates,
  RoleProcess,
  seedPublications,
  sleep,
  startRole,
  stateCounts,
  until,
} from './fault-support';

/**
 * Fault: a worker is killed with -9 in the middle of a slow call on an account that allows one call at
 * a time, with the shipped publish lease (300 s). The dead worker's slot must not hold the account for
 * the lease: the account's next publication starts within 30 s of the kill. While the slow call is alive
 * its slot is renewed (the next one does not start beside it however long it takes), and nothing is
 * sent twice: the cut-off call is left to the lease and the lookup, never resent.
 */
describe('fault: worker killed -9 mid-call on an account with concurrency 1', () => {
  const SLOW_MS = 120_000;
  let env: TestEnvironment;
  let fake: FakeChannelServer;
  let queues: QueueService;
  const processes: RoleProcess[] = [];

  beforeAll(async () => {
    // The shipped lease, channel timeout and lookup delay; only the reconciler ticks faster.
    env = await createTestEnvironment({ NHIP_RECONCILE_EVERY_SECONDS: '5', NHIP_SHUTDOWN_GRACE_SECONDS: '2' });
    expect(env.config.publishLeaseSeconds).toBe(300);
    fake = await startFakeChannel({ delayMs: (key) => (key === 'slot-0' ? SLOW_MS : 0) });
    queues = new QueueService(env.config);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop(5000)));
    await queues?.onApplicationShutdown();
    await fake?.stop();
    await env?.teardown();
  });

  const start = () => {
    // The test channel waits as long as the engine's own deadline (3 × 30 s), so the slow call stays alive.
    const p = startRole('worker', envFor(env.config, { FAULT_CHANNEL_TIMEOUT_MS: '90000' }), 120_000);
    processes.push(p);
    return p;
  };

  it("frees the dead holder's slot within seconds: the next publication starts within 30 s, nothing twice", async () => {
    const agency: AgencyEntity = await factories(env.db).agency();
    const account = await factories(env.db).channelAccount(agency, { endpoint: fake.url, concurrency: 1 });
    const first = start();
    await first.ready;

    const at = Date.now() + 300;
    const [slow, next] = await seedPublications(env.db, agency, [account], 2, (i) => new Date(at + i * 300), 'slot');
    await new Dispatcher(env.db, queues, env.config).enqueueIds([slow.id, next.id]);
    const slowCall = await until(
      () => fake.received.find((r) => r.key === slow.key),
      (r) => r !== undefined,
      20_000,
      50,
    );
    expect(slowCall).toBeDefined();

    // A second worker serves too, and the slow call outlives its slot's lease: renewed, it keeps the account.
    const second = start();
    await second.ready;
    await sleep(Math.max(0, slowCall!.at + SLOT_LEASE_MS + 3000 - Date.now()));
    expect(fake.received.map((r) => r.key)).toEqual([slow.key]);

    await first.kill9();
    const killedAt = Date.now();
    const nextCall = await until(
      () => fake.received.find((r) => r.key === next.key),
      (r) => r !== undefined,
      40_000,
      100,
    );
    expect(nextCall).toBeDefined();
    expect(nextCall!.at - killedAt).toBeLessThan(30_000);

    const counts = await until(
      () => stateCounts(env.db, [next.id]),
      (c) => c.published === 1,
      10_000,
      100,
    );
    expect(counts).toEqual({ published: 1 });
    // Nothing twice: one request per publication, at most one call at a time, and the cut-off call is
    // still "publishing" under the publish lease — to be settled by lookup, not sent again.
    expect(fake.received.map((r) => r.key)).toEqual([slow.key, next.key]);
    expect(fake.maxInFlight).toBe(1);
    expect(fake.postsFor(next.key)).toHaveLength(1);
    expect(fake.duplicates()).toBe(0);
    expect((await publicationStates(env.db, [slow.id])).get(slow.id)!.state).toBe('publishing');
  }, 300_000);
});
