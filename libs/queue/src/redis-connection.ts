import type { ConnectionOptions } from 'bullmq';
import { Redis, RedisOptions } from 'ioredis';

/** Reconnect forever with a capped backoff, as BullMQ's production guide asks. */
const retryStrategy = (times: number) => Math.min(1000 * 2 ** Math.min(times, 5), 20000);

/**
 * Producers (the api) fail fast when Redis is down instead of holding HTTP requests open; workers keep
 * blocking commands alive across reconnects (maxRetriesPerRequest: null).
 */
export function bullConnection(url: string, role: 'producer' | 'worker'): ConnectionOptions {
  return role === 'producer'
    ? { url, enableOfflineQueue: false, retryStrategy }
    : { url, maxRetriesPerRequest: null, retryStrategy };
}

export function createRedisClient(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { retryStrategy, enableOfflineQueue: false, maxRetriesPerRequest: 1, ...options });
}
