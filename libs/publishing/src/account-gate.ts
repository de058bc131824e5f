import { Injectable } from '@nestjs/common';
import { RedisService } from '@nhip/queue';
import { batched } from './statement-batcher';

/**
 * Per-channel-account concurrency and rate limits, shared by every worker through Redis (BullMQ's own
 * limiter is per queue, not per group). Holders are leased for a short time (SLOT_LEASE_MS) and the
 * living call renews its lease, so a worker killed mid-call frees its slot within seconds.
 *
 * One script call takes or refuses slots for many requests, in order (two requests for one account in
 * the same call see each other): under a storm a worker's jobs share one round trip to Redis.
 * KEYS: per request, the account's in-flight set and its rate window. ARGV: now, then per request
 * lease ms, concurrency, holder, rate per minute (0: none). Returns per request {ok, wait ms}.
 */
const ACQUIRE = `
local now = tonumber(ARGV[1])
local answers = {}
for i = 1, #KEYS / 2 do
  local inflight, window = KEYS[2 * i - 1], KEYS[2 * i]
  local lease, concurrency, holder, rate = tonumber(ARGV[4 * i - 2]), tonumber(ARGV[4 * i - 1]), ARGV[4 * i], tonumber(ARGV[4 * i + 1])
  local ok, wait = 1, 0
  redis.call('ZREMRANGEBYSCORE', inflight, '-inf', now - lease)
  if not redis.call('ZSCORE', inflight, holder) then
    if redis.call('ZCARD', inflight) >= concurrency then
      ok, wait = 0, 500
    elseif rate > 0 then
      redis.call('ZREMRANGEBYSCORE', window, '-inf', now - 60000)
      if redis.call('ZCARD', window) >= rate then
        local oldest = redis.call('ZRANGE', window, 0, 0, 'WITHSCORES')
        ok, wait = 0, math.max(50, tonumber(oldest[2]) + 60000 - now)
      else
        redis.call('ZADD', window, now, holder)
        redis.call('PEXPIRE', window, 61000)
      end
    end
    if ok == 1 then
      redis.call('ZADD', inflight, now, holder)
      redis.call('PEXPIRE', inflight, lease)
    end
  end
  answers[2 * i - 1] = ok
  answers[2 * i] = wait
end
return answers`;

/**
 * KEYS: per request, the account's in-flight set; ARGV: now, then per request the holder and its lease ms.
 * A holder still in the set gets its lease moved to now; one already dropped (its lease ran out) is not
 * put back. Returns per request 1 (renewed) or 0 (lost).
 */
const RENEW = `
local now = tonumber(ARGV[1])
local answers = {}
for i = 1, #KEYS do
  local holder, lease = ARGV[2 * i], tonumber(ARGV[2 * i + 1])
  if redis.call('ZSCORE', KEYS[i], holder) then
    redis.call('ZADD', KEYS[i], now, holder)
    if redis.call('PTTL', KEYS[i]) < lease then redis.call('PEXPIRE', KEYS[i], lease) end
    answers[i] = 1
  else
    answers[i] = 0
  end
end
return answers`;

/** KEYS: per request, the account's in-flight set; ARGV: the holders, in the same order. */
const RELEASE = `
for i = 1, #KEYS do redis.call('ZREM', KEYS[i], ARGV[i]) end
return #KEYS`;

export interface AccountLimits {
  concurrency: number;
  ratePerMinute: number | null;
}

interface SlotRequest {
  accountId: string;
  holder: string;
  limits: AccountLimits;
  leaseMs: number;
}

type Slot = { ok: true } | { ok: false; waitMs: number };

/**
 * How long a slot is held without renewal. The call holding it renews it every third of this, so only a
 * holder that died (kill -9, a machine gone) lets it lapse: the account's next call waits at most this.
 */
export const SLOT_LEASE_MS = 15_000;

const inflightKey = (accountId: string) => `account:${accountId}:inflight`;
const windowKey = (accountId: string) => `account:${accountId}:rate`;

@Injectable()
export class AccountGate {
  private readonly acquireBatch = batched((requests: readonly SlotRequest[]) => this.acquireMany(requests));
  private readonly renewBatch = batched(
    (requests: ReadonlyArray<{ accountId: string; holder: string; leaseMs: number }>) => this.renewMany(requests),
  );
  private readonly releaseBatch = batched((requests: ReadonlyArray<{ accountId: string; holder: string }>) =>
    this.releaseMany(requests),
  );

  constructor(private readonly redis: RedisService) {}

  /** Takes a slot for `holder`, or says how long to wait. */
  acquire(accountId: string, holder: string, limits: AccountLimits, leaseMs: number): Promise<Slot> {
    return this.acquireBatch({ accountId, holder, limits, leaseMs });
  }

  /** Extends a held slot's lease from now; false when the slot had already lapsed. */
  renew(accountId: string, holder: string, leaseMs: number): Promise<boolean> {
    return this.renewBatch({ accountId, holder, leaseMs });
  }

  /**
   * Takes a slot and keeps it renewed while `work` runs, then releases it. Returns the refusal when the
   * slot is not free; otherwise what `work` returned.
   */
  async hold<T>(
    accountId: string,
    holder: string,
    limits: AccountLimits,
    work: () => Promise<T>,
    leaseMs = SLOT_LEASE_MS,
  ): Promise<{ ok: true; value: T } | { ok: false; waitMs: number }> {
    const slot = await this.acquire(accountId, holder, limits, leaseMs);
    if (!slot.ok) return slot;
    // A renewal Redis refuses (a blip) leaves the lease running; the next one, a third of it later, tries again.
    const timer = setInterval(() => void this.renew(accountId, holder, leaseMs).catch(() => false), leaseMs / 3);
    try {
      return { ok: true, value: await work() };
    } finally {
      clearInterval(timer);
      await this.release(accountId, holder);
    }
  }

  release(accountId: string, holder: string): Promise<void> {
    return this.releaseBatch({ accountId, holder });
  }

  private async acquireMany(requests: readonly SlotRequest[]): Promise<Slot[]> {
    const keys = requests.flatMap((r) => [inflightKey(r.accountId), windowKey(r.accountId)]);
    const args = requests.flatMap((r) => [
      r.leaseMs,
      Math.max(1, r.limits.concurrency),
      r.holder,
      r.limits.ratePerMinute ?? 0,
    ]);
    const answers = (await this.redis.client.eval(ACQUIRE, keys.length, ...keys, Date.now(), ...args)) as number[];
    return requests.map((_, i) => (answers[2 * i] === 1 ? { ok: true } : { ok: false, waitMs: answers[2 * i + 1] }));
  }

  private async renewMany(
    requests: ReadonlyArray<{ accountId: string; holder: string; leaseMs: number }>,
  ): Promise<boolean[]> {
    const answers = (await this.redis.client.eval(
      RENEW,
      requests.length,
      ...requests.map((r) => inflightKey(r.accountId)),
      Date.now(),
      ...requests.flatMap((r) => [r.holder, r.leaseMs]),
    )) as number[];
    return answers.map((a) => a === 1);
  }

  private async releaseMany(requests: ReadonlyArray<{ accountId: string; holder: string }>): Promise<void[]> {
    await this.redis.client.eval(
      RELEASE,
      requests.length,
      ...requests.map((r) => inflightKey(r.accountId)),
      ...requests.map((r) => r.holder),
    );
    return requests.map(() => undefined);
  }
}
