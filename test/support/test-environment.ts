import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@nhip/core';
import { openDataSource } from '@nhip/database';

/** Tests use the machine's real Postgres and Redis; override with TEST_DATABASE_URL / TEST_REDIS_URL. */
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/nhip_test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestEnvironment {
  config: AppConfig;
  db: DataSource;
  teardown(): Promise<void>;
}

async function ensureDatabase(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another test process
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * A test file's own world: a fresh Postgres schema with every migration applied, and a queue prefix of
 * its own in Redis. Both are removed by teardown().
 */
export async function createTestEnvironment(overrides: Record<string, string> = {}): Promise<TestEnvironment> {
  await ensureDatabase(DATABASE_URL);
  const suffix = randomBytes(5).toString('hex');
  const config = loadConfig({
    DATABASE_URL,
    DATABASE_SCHEMA: `t_${suffix}`,
    REDIS_URL,
    NHIP_QUEUE_PREFIX: `nhip-test-${suffix}`,
    NHIP_DATA_DIR: mkdtempSync(join(tmpdir(), 'nhip-test-')),
    NHIP_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'error',
    NHIP_SHUTDOWN_GRACE_SECONDS: '5',
    // Every fake channel, site and webhook receiver of the tests listens on 127.0.0.1; the SSRF tests
    // turn this off again.
    NHIP_OUTBOUND_ALLOW_PRIVATE: 'true',
    ...overrides,
  });
  const db = await openDataSource(config, { migrate: true });
  return {
    config,
    db,
    teardown: async () => {
      await db.query(`DROP SCHEMA IF EXISTS "${config.databaseSchema}" CASCADE`);
      await db.destroy();
      await deleteRedisKeys(config.queuePrefix);
    },
  };
}

async function deleteRedisKeys(prefix: string) {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
