import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, ENV_NAMES } from '@nhip/core';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';

const ROOT = join(__dirname, '..', '..', '..');

/** The environment that makes a child process load exactly `config` (plus overrides). */
export function envFor(config: AppConfig, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test' };
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = (config as unknown as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) env[name] = String(value);
  }
  return { ...env, ...overrides };
}

export interface RoleProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the child's READY line (its pid, and port for an api) once it serves. */
  readonly ready: Promise<{ pid: number; port?: number }>;
  /** What the child wrote, for a failing test's message. */
  output(): string;
  /** SIGKILL: no shutdown hooks, no lock release, jobs left active in Redis. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not gone within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `test/publishing/faults/<role>-process.ts` as a separate node process (ts-node, path aliases). */
export function startRole(role: 'worker' | 'api', env: NodeJS.ProcessEnv, readyTimeoutMs = 45_000): RoleProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, `${role}-process.ts`)],
    { cwd: ROOT, env: { TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<{ pid: number; port?: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${role} process not ready after ${readyTimeoutMs} ms:\n${out.slice(-4000)}`)),
      readyTimeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(6)));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${role} process exited (${code ?? signal}) before ready:\n${out.slice(-4000)}`));
    });
  });
  ready.catch(() => undefined);
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    pid: child.pid!,
    ready,
    output: () => out,
    async kill9() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits for a condition on real state, polling; returns the last value seen (the caller asserts on it). */
export async function until<T>(
  read: () => Promise<T> | T,
  ok: (v: T) => boolean,
  timeoutMs = 20_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, everyMs));
    value = await read();
  }
  return value;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small deterministic PRNG (mulberry32), so a "random" channel answers the same way on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number in [0, 1) fixed by the seed and a string (FNV-1a), independent of the order of calls. */
export function hashedRandom(seed: number, text: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return seededRandom(h >>> 0)();
}

export interface SeededPublication {
  id: string;
  version: number;
  key: string;
  occurrenceAt: Date;
  accountId: string;
}

/**
 * Many scheduled publications in three INSERT statements (stories, variants, publications), spread
 * round-robin over `accounts`: publication i is due at `at(i)` with idempotency key `${keyPrefix}-${i}`.
 */
export async function seedPublications(
  db: DataSource,
  agency: AgencyEntity,
  accounts: ChannelAccountEntity[],
  count: number,
  at: (i: number) => Date,
  keyPrefix: string,
): Promise<SeededPublication[]> {
  const index = Array.from({ length: count }, (_, i) => i);
  const accountIds = index.map((i) => accounts[i % accounts.length].id);
  const types = index.map((i) => accounts[i % accounts.length].type);
  const times = index.map((i) => at(i).toISOString());
  const keys = index.map((i) => `${keyPrefix}-${i}`);
  const storyIds = index.map(() => randomUUID());
  const variantIds = index.map(() => randomUUID());
  const input = `unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[]) AS i(story_id, variant_id, account_id, type, at, key)`;
  const params = [storyIds, variantIds, accountIds, types, times, keys];
  await db.query(
    `INSERT INTO stories (id, agency_id, title) SELECT i.story_id, $7, 'Tin thử nghiệm ' || i.key FROM ${input}`,
    [...params, agency.id],
  );
  await db.query(
    `INSERT INTO variants (id, story_id, channel_account_id, channel_type, content, state, scheduled_at)
     SELECT i.variant_id, i.story_id, i.account_id, i.type, jsonb_build_object('text', 'Bài ' || i.key), 'scheduled', i.at FROM ${input}`,
    params,
  );
  const rows: Array<{
    id: string;
    version: number;
    idempotency_key: string;
    occurrence_at: Date;
    channel_account_id: string;
  }> = await db.query(
    `INSERT INTO publications (variant_id, channel_account_id, occurrence_at, variant_revision, state, idempotency_key)
     SELECT i.variant_id, i.account_id, i.at, 1, 'scheduled', i.key FROM ${input}
     RETURNING id, version, idempotency_key, occurrence_at, channel_account_id`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    key: r.idempotency_key,
    occurrenceAt: new Date(r.occurrence_at),
    accountId: r.channel_account_id,
  }));
}

/**
 * Deletes every Redis key under the test's prefix (queues, job schedulers, account gates). For one
 * test this is what FLUSHALL does to Nhịp, without wiping the other test files sharing this Redis.
 */
export async function flushPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Publication rows with the last attempt, for per-publication assertions. */
export async function publicationStates(db: DataSource, ids: string[]) {
  const rows: Array<{
    id: string;
    state: string;
    external_id: string | null;
    last_error: Record<string, unknown> | null;
    idempotency_key: string;
    attempts: Array<{ outcome: string | null; code: string | null }>;
  }> = await db.query(
    `SELECT p.id, p.state, p.external_id, p.last_error, p.idempotency_key,
              coalesce((SELECT json_agg(json_build_object('outcome', a.outcome, 'code', a.error_code) ORDER BY a.number) FROM publication_attempts a WHERE a.publication_id = p.id), '[]') AS attempts
         FROM publications p WHERE p.id = ANY($1)`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function stateCounts(db: DataSource, ids: string[]): Promise<Record<string, number>> {
  const rows: Array<{ state: string; n: number }> = await db.query(
    `SELECT state, count(*)::int AS n FROM publications WHERE id = ANY($1) GROUP BY state`,
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
