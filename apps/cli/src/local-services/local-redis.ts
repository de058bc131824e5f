import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@nhip/core';
import { isListening } from './port-probe';

export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {}

/**
 * Finds Redis for a single-machine start: REDIS_URL when given; else a server on localhost:6379; else
 * a `redis-server` child process if the binary exists.
 */
export async function ensureRedis(config: AppConfig, log: (line: string) => void): Promise<LocalRedis> {
  if (config.redisUrlExplicit) return { url: config.redisUrl, stop: async () => undefined };
  const defaultUrl = new URL(config.redisUrl);
  if (await isListening(defaultUrl.hostname, Number(defaultUrl.port || 6379)))
    return { url: config.redisUrl, stop: async () => undefined };

  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new RedisUnavailableError(
      'Không tìm thấy Redis: hãy đặt REDIS_URL, chạy Redis trên localhost:6379, hoặc cài redis-server (Debian/Ubuntu: apt-get install redis-server).',
    );
  }
  const port = config.embeddedRedisPort;
  const dir = join(config.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  // BullMQ needs noeviction; AOF keeps queued work across restarts of this local server.
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
    ],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 50 && !(await isListening('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await isListening('127.0.0.1', port)))
    throw new RedisUnavailableError(`redis-server không khởi động được trên cổng ${port}.`);
  log(`Redis cục bộ đang chạy trên cổng ${port}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}
