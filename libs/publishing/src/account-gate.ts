import { Injectable } from '@nestjs/common';
import { RedisService } from '@nhip/queue';

/**
 * Per-channel-account concurrency and rate limits, shared by every worker through Redis (BullMQ's own
 * limiter is per queue, not per group). Holders are leased, so a crashed worker frees its slot.
 */
const ACQUIRE = `
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local concurrency = tonumber(ARGV[3])
local holder = ARGV[4]
local rate = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - lease)
if redis.call('ZSCORE', KEYS[1], holder) then return {1, 0} end
if redis.call('ZCARD', KEYS[1]) >= concurrency then return {0, 500} end
if rate > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 60000)
  if redis.call('ZCARD', KEYS[2]) >= rate then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return {0, math.max(50, tonumber(oldest[2]) + 60000 - now)}
  end
  redis.call('ZADD', KEYS[2], now, holder)
  redis.call('PEXPIRE', KEYS[2], 61000)
end
redis.call('ZADD', KEYS[1], now, holder)
redis.call('PEXPIRE', KEYS[1], lease)
return {1, 0}`;

export interface AccountLimits {
  concurrency: number;
  ratePerMinute: number | null;
}

@Injectable()
export class AccountGate {
  constructor(private readonly redis: RedisService) {}

  /** Takes a slot for `holder`, or says how long to wait. */
  async acquire(accountId: string, holder: string, limits: AccountLimits, leaseMs: number): Promise<{ ok: true } | { ok: false; waitMs: number }> {
    const [ok, wait] = (await this.redis.client.eval(
      ACQUIRE,
      2,
      `account:${accountId}:inflight`,
      `account:${accountId}:rate`,
      Date.now(),
      leaseMs,
      Math.max(1, limits.concurrency),
      holder,
      limits.ratePerMinute ?? 0,
    )) as [number, number];
    return ok === 1 ? { ok: true } : { ok: false, waitMs: wait };
  }

  async release(accountId: string, holder: string): Promise<void> {
    await this.redis.client.zrem(`account:${accountId}:inflight`, holder);
  }
}
