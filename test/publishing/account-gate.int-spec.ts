import { AccountGate } from '@nhip/publishing';
import { RedisService } from '@nhip/queue';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

/** The per-account limits in Redis, shared by every worker; requests made together go in one script call. */
describe('account gate', () => {
  let env: TestEnvironment;
  let redis: RedisService;
  let gate: AccountGate;
  const lease = 10_000;

  beforeAll(async () => {
    env = await createTestEnvironment();
    redis = new RedisService(env.config);
    if (redis.client.status !== 'ready') await new Promise((resolve) => redis.client.once('ready', resolve));
    gate = new AccountGate(redis);
  });

  afterAll(async () => {
    await redis?.onApplicationShutdown();
    await env?.teardown();
  });

  it('gives an account no more slots than its concurrency, even to requests made in the same instant', async () => {
    const limits = { concurrency: 2, ratePerMinute: null };
    const slots = await Promise.all(
      ['a', 'b', 'c', 'd'].map((holder) => gate.acquire('acct-concurrency', holder, limits, lease)),
    );
    expect(slots.filter((s) => s.ok)).toHaveLength(2);
    expect(slots.filter((s) => !s.ok)).toEqual([
      { ok: false, waitMs: 500 },
      { ok: false, waitMs: 500 },
    ]);
    // Another account is not held up, and a released slot is free again.
    expect(await gate.acquire('acct-other', 'x', limits, lease)).toEqual({ ok: true });
    await gate.release('acct-concurrency', 'a');
    expect(await gate.acquire('acct-concurrency', 'c', limits, lease)).toEqual({ ok: true });
    expect(await gate.acquire('acct-concurrency', 'd', limits, lease)).toMatchObject({ ok: false });
  });

  it('a holder asking again keeps its slot instead of taking a second one', async () => {
    const limits = { concurrency: 1, ratePerMinute: null };
    expect(await gate.acquire('acct-again', 'h', limits, lease)).toEqual({ ok: true });
    expect(await gate.acquire('acct-again', 'h', limits, lease)).toEqual({ ok: true });
    expect(await gate.acquire('acct-again', 'other', limits, lease)).toMatchObject({ ok: false });
  });

  it('a crashed holder’s slot frees itself when its lease ends', async () => {
    const limits = { concurrency: 1, ratePerMinute: null };
    expect(await gate.acquire('acct-lease', 'crashed', limits, 200)).toEqual({ ok: true });
    expect(await gate.acquire('acct-lease', 'next', limits, 200)).toMatchObject({ ok: false });
    await new Promise((r) => setTimeout(r, 300));
    expect(await gate.acquire('acct-lease', 'next', limits, 200)).toEqual({ ok: true });
  });

  it('a living holder keeps its slot past the lease by renewing it; a lapsed one is not put back', async () => {
    const limits = { concurrency: 1, ratePerMinute: null };
    const seen: Array<{ ok: boolean }> = [];
    const held = await gate.hold(
      'acct-renew',
      'living',
      limits,
      async () => {
        for (let i = 0; i < 4; i++) {
          await new Promise((r) => setTimeout(r, 150));
          seen.push(await gate.acquire('acct-renew', 'next', limits, 300));
        }
        return 'done';
      },
      300,
    );
    // 600 ms of work on a 300 ms lease: renewed every 100 ms, the slot was never free meanwhile.
    expect(held).toEqual({ ok: true, value: 'done' });
    expect(seen.map((s) => s.ok)).toEqual([false, false, false, false]);
    // Released when the work ended.
    expect(await gate.acquire('acct-renew', 'next', limits, 300)).toEqual({ ok: true });
    await gate.release('acct-renew', 'next');

    expect(await gate.acquire('acct-lapse', 'dead', limits, 100)).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(await gate.acquire('acct-lapse', 'next', limits, 100)).toEqual({ ok: true });
    expect(await gate.renew('acct-lapse', 'dead', 100)).toBe(false);
  });

  it('refuses past the rate per minute and says how long until the oldest call leaves the window', async () => {
    const limits = { concurrency: 10, ratePerMinute: 3 };
    const slots = await Promise.all([1, 2, 3, 4].map((n) => gate.acquire('acct-rate', `r${n}`, limits, lease)));
    expect(slots.filter((s) => s.ok)).toHaveLength(3);
    const refused = slots.find((s) => !s.ok) as { ok: false; waitMs: number };
    expect(refused.waitMs).toBeGreaterThan(55_000);
    expect(refused.waitMs).toBeLessThanOrEqual(60_000);
    // Releasing frees concurrency, not the rate window.
    await Promise.all(['r1', 'r2', 'r3'].map((holder) => gate.release('acct-rate', holder)));
    expect(await gate.acquire('acct-rate', 'r5', limits, lease)).toMatchObject({ ok: false });
  });
});
