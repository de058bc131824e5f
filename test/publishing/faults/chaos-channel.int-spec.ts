import type { INestApplicationContext } from '@nestjs/common';
import { AgencyEntity } from '@nhip/database';
import { Dispatcher } from '@nhip/publishing';
import { FakeBehaviour, FakeChannelServer, startFakeChannel } from '../../fakes/test-channel/fake-channel-server';
import { startWorkerWithTestChannel } from '../../fakes/test-channel/worker-with-test-channel';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { hashedRandom, publicationStates, seedPublications, stateCounts, until } from './fault-support';

/**
 * Fault: a channel that answers at random — 500s, 429s with Retry-After, and "accept, then drop the
 * connection" (the post exists, the caller hears nothing) — under two workers. Every publication must
 * end published or failed with the channel's reason, the channel must count zero duplicates, and
 * nothing may be left scheduled, publishing or unknown. The answers are drawn from a seeded hash of
 * (idempotency key, attempt), so a run is repeatable and the expected end of each publication is known.
 */
describe('fault: a chaotic channel', () => {
  const SEED = 20261010;
  const COUNT = 100;
  const MAX_ATTEMPTS = 3;
  let env: TestEnvironment;
  let fake: FakeChannelServer;
  const workers: INestApplicationContext[] = [];
  const calls = new Map<string, FakeBehaviour[]>();

  /** 45% ok, 30% 500, 15% 429 (Retry-After: 1), 10% accepted then dropped. */
  const answer = (attempt: number, key: string): FakeBehaviour => {
    const r = hashedRandom(SEED, `${key}#${attempt}`);
    const behaviour: FakeBehaviour = r < 0.45 ? 'ok' : r < 0.75 ? 'error500' : r < 0.9 ? 'rate429' : 'acceptThenDrop';
    calls.set(key, [...(calls.get(key) ?? []), behaviour]);
    return behaviour;
  };

  /** What the engine must make of a key's scripted answers: its end state and how many creates it sends. */
  const expected = (key: string): { state: 'published' | 'failed'; creates: number } => {
    let counted = 0;
    for (let attempt = 1; ; attempt++) {
      const r = hashedRandom(SEED, `${key}#${attempt}`);
      if (r < 0.45 || r >= 0.9) return { state: 'published', creates: attempt }; // ok, or accepted-then-dropped and found by lookup
      if (r < 0.75 && ++counted >= MAX_ATTEMPTS) return { state: 'failed', creates: attempt }; // 500: counts; 429 does not
    }
  };

  beforeAll(async () => {
    env = await createTestEnvironment({
      NHIP_PUBLISH_RETRY_BASE_SECONDS: '1',
      NHIP_PUBLISH_LOOKUP_DELAY_SECONDS: '1',
      NHIP_PUBLISH_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      NHIP_PUBLISH_CONCURRENCY: '10',
    });
    fake = await startFakeChannel({ behaviour: answer, retryAfterSeconds: 1, delayMs: 20 });
    for (let i = 0; i < 2; i++) workers.push((await startWorkerWithTestChannel(env.config, 5000)).app);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await fake?.stop();
    await env?.teardown();
  });

  it('ends every publication published or failed with a reason, with no duplicate and nothing left in between', async () => {
    const agency: AgencyEntity = await factories(env.db).agency();
    const accounts = [];
    for (let i = 0; i < 5; i++)
      accounts.push(await factories(env.db).channelAccount(agency, { endpoint: fake.url, concurrency: 4 }));
    const start = Date.now() + 500;
    const pubs = await seedPublications(
      env.db,
      agency,
      accounts,
      COUNT,
      (i) => new Date(start + i * 20),
      `chaos-${SEED}`,
    );
    const ids = pubs.map((p) => p.id);
    await workers[0].get(Dispatcher).enqueueIds(ids);

    const counts = await until(
      () => stateCounts(env.db, ids),
      (c) => (c.published ?? 0) + (c.failed ?? 0) === COUNT,
      45_000,
      250,
    );
    expect(Object.keys(counts).filter((s) => s !== 'published' && s !== 'failed')).toEqual([]);
    expect(fake.duplicates()).toBe(0);

    const rows = await publicationStates(env.db, ids);
    const seen = { published: 0, failed: 0, dropped: 0, rateLimited: 0, retried: 0 };
    for (const p of pubs) {
      const row = rows.get(p.id)!;
      const want = expected(p.key);
      const script = calls.get(p.key) ?? [];
      // The engine did exactly what the answers call for: same end, same number of creates — in
      // particular no create after an accepted-then-dropped call, which is looked up instead.
      expect({ key: p.key, state: row.state, creates: script.length }).toEqual({
        key: p.key,
        state: want.state,
        creates: want.creates,
      });
      expect({ key: p.key, posts: fake.postsFor(p.key).length }).toEqual({
        key: p.key,
        posts: want.state === 'published' ? 1 : 0,
      });
      // An accepted create whose answer was lost is settled by the lookup that finds it: its attempt succeeded.
      expect(row.attempts.map((a) => a.outcome)).toEqual(
        script.map(
          (b) =>
            ({ ok: 'succeeded', error500: 'retryable', rate429: 'rate_limited', acceptThenDrop: 'succeeded' })[
              b as 'ok'
            ],
        ),
      );
      if (row.state === 'published') {
        expect(row.external_id).toBe(fake.postsFor(p.key)[0].id);
      } else {
        // Failed with the channel's reason, in Vietnamese, after the last allowed attempt.
        expect(row.last_error).toMatchObject({
          kind: 'retryable',
          code: 'test.500',
          message: expect.stringContaining('lần cuối: Kênh gặp lỗi tạm thời: Lỗi máy chủ kênh.'),
          channelMessage: 'Kênh gặp lỗi tạm thời: Lỗi máy chủ kênh',
        });
      }
      seen[row.state as 'published' | 'failed'] += 1;
      if (script.includes('acceptThenDrop')) seen.dropped += 1;
      if (script.includes('rate429')) seen.rateLimited += 1;
      if (script.includes('error500')) seen.retried += 1;
    }
    // The seed exercises every path.
    expect(seen.failed).toBeGreaterThan(0);
    expect(seen.dropped).toBeGreaterThan(0);
    expect(seen.rateLimited).toBeGreaterThan(0);
    expect(seen.retried).toBeGreaterThan(seen.failed);
  });
});
