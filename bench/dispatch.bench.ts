import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { CHANNEL_ADAPTERS, ChannelAdapter, PublishOptions, PublishResult } from '@nhip/channels';
import { Dispatcher, DueRow } from '@nhip/publishing';
import { bullConnection, QueueName, QueueService } from '@nhip/queue';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { createTestEnvironment, TestEnvironment } from '../test/support/test-environment';
import { report } from './support/measure';

/**
 * The publishing engine under its peak: 13,284 publications (3,321 communes × 4 channel accounts) due in
 * the same second against a no-op channel, beside raw BullMQ moving the same number of no-op jobs on the
 * same Redis with the same concurrency; a steady load of one publication every 100 ms; and the Redis
 * memory a scheduled publication costs. Lag is the first attempt's start minus the time the publication
 * was due, from publication_attempts (what /metrics reports). For the storm it also says where the time
 * goes: CPU per publication in Postgres (its server processes, from /proc), in this process (the worker)
 * and in Redis (INFO cpu) — on a 2-core machine the three share the same cores.
 *
 * NHIP_BENCH_ROUNDS (default 3): storm and raw rounds, medians reported.
 * NHIP_BENCH_STEADY_SECONDS (default 60): length of the steady load; shorten it for a quick check only.
 * NHIP_BENCH_CONCURRENCY (default: the shipped NHIP_PUBLISH_CONCURRENCY): publish jobs the in-process worker runs
 *   at once (raw BullMQ gets the same).
 */
const COMMUNES = 3321;
const CHANNELS = ['portal', 'facebook', 'zalo', 'loudspeaker'] as const;
const STORM = COMMUNES * CHANNELS.length;
const ROUNDS = Number(process.env.NHIP_BENCH_ROUNDS ?? 3);
const STEADY_SECONDS = Number(process.env.NHIP_BENCH_STEADY_SECONDS ?? 60);
const CONCURRENCY = Number(
  process.env.NHIP_BENCH_CONCURRENCY ?? JSON.parse(readFileSync('config/default.json', 'utf8')).publishConcurrency,
);
const SCHEDULED_FOR_MEMORY = 100_000;

/** A channel that answers at once: what is measured is the engine, not a network. */
class NoopChannel implements ChannelAdapter {
  readonly visibilityWindowMs = 0;
  constructor(readonly type: (typeof CHANNELS)[number]) {}
  validate() {
    return [];
  }
  async publish(_account: unknown, _content: unknown, options: PublishOptions): Promise<PublishResult> {
    return { externalId: options.idempotencyKey, url: `https://noop.example/${options.idempotencyKey}` };
  }
  async lookup(): Promise<PublishResult | null> {
    return null;
  }
  async remove() {}
  async checkConnection() {
    return { ok: true, message: 'noop' };
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startWorker(env: TestEnvironment): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(env.config)] })
    .overrideProvider(CHANNEL_ADAPTERS)
    .useValue(CHANNELS.map((type) => new NoopChannel(type)))
    .compile();
  moduleRef.useLogger(['error']);
  return moduleRef.init();
}

/** 3,321 communes under one province, 4 channel accounts each, one story per commune with 4 variants: a few INSERTs. */
async function seedCommunes(env: TestEnvironment) {
  await env.db.query(
    `INSERT INTO agencies (code, name, kind) VALUES ('bench-province', 'Tỉnh thử nghiệm', 'province')`,
  );
  await env.db.query(
    `INSERT INTO agencies (code, name, kind, parent_id)
     SELECT 'bench-commune-' || n, 'Xã thử nghiệm ' || n, 'commune', (SELECT id FROM agencies WHERE code = 'bench-province') FROM generate_series(1, $1) n`,
    [COMMUNES],
  );
  await env.db.query(
    `INSERT INTO channel_accounts (agency_id, type, name, settings, concurrency)
     SELECT a.id, t.type, t.type || ' ' || a.code, '{}'::jsonb, 1 FROM agencies a CROSS JOIN unnest($1::text[]) AS t(type) WHERE a.kind = 'commune'`,
    [CHANNELS],
  );
  await env.db.query(
    `INSERT INTO stories (agency_id, title) SELECT id, 'Ngày Chuyển đổi số — ' || name FROM agencies WHERE kind = 'commune'`,
  );
  await env.db.query(
    `INSERT INTO variants (story_id, channel_account_id, channel_type, content, state, scheduled_at)
     SELECT s.id, ca.id, ca.type, jsonb_build_object('text', s.title), 'scheduled', now() FROM stories s JOIN channel_accounts ca ON ca.agency_id = s.agency_id`,
  );
}

/** One publication per variant (13,284), all due at `at`. */
async function seedStorm(env: TestEnvironment, at: Date) {
  await env.db.query(
    `INSERT INTO publications (variant_id, channel_account_id, occurrence_at, variant_revision, state, idempotency_key)
     SELECT v.id, v.channel_account_id, $1, 1, 'scheduled', 'storm-' || v.id FROM variants v`,
    [at],
  );
}

/** Puts the storm back as it was before it ran (new version, so new job ids), due at `at`. */
async function resetStorm(env: TestEnvironment, at: Date) {
  await env.db.query(`DELETE FROM publication_attempts`);
  await env.db.query(`UPDATE variants SET state = 'scheduled'`);
  await env.db.query(
    `UPDATE publications SET state = 'scheduled', version = version + 1, occurrence_at = $1, attempt_count = 0, next_attempt_at = NULL,
            claimed_by = NULL, claimed_at = NULL, external_id = NULL, external_url = NULL, published_at = NULL, last_error = NULL
      WHERE idempotency_key LIKE 'storm-%'`,
    [at],
  );
}

/** Waits until nothing is left to publish (an index scan on state, light on the Postgres being measured). */
async function waitPublished(env: TestEnvironment, like: string, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await env.db.query(
      `SELECT count(*)::int AS n FROM publications WHERE state IN ('scheduled', 'publishing', 'unknown')`,
    );
    if (n === 0) break;
    if (Date.now() > deadline) throw new Error(`${n} publications still pending after ${timeoutMs} ms`);
    await sleep(100);
  }
  const [{ n }] = await env.db.query(
    `SELECT count(*)::int AS n FROM publications WHERE idempotency_key LIKE $1 AND state = 'published'`,
    [like],
  );
  if (n !== count) throw new Error(`only ${n} of ${count} published`);
}

/** Dispatch lag (first attempt start minus due time) in ms, and when the last publication was done. */
async function lagOf(env: TestEnvironment, like: string) {
  const [r] = await env.db.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99, max(lag) AS max, count(*)::int AS n,
            (SELECT extract(epoch FROM max(p.published_at) - min(p.occurrence_at)) * 1000 FROM publications p WHERE p.idempotency_key LIKE $1) AS span
       FROM (SELECT extract(epoch FROM a.started_at - p.occurrence_at) * 1000 AS lag
               FROM publication_attempts a JOIN publications p ON p.id = a.publication_id
              WHERE a.number = 1 AND p.idempotency_key LIKE $1) l`,
    [like],
  );
  return { p50: Number(r.p50), p99: Number(r.p99), max: Number(r.max), n: r.n as number, spanMs: Number(r.span) };
}

/** Raw BullMQ: the same number of no-op jobs, due at the same instant, same concurrency, same Redis. */
async function rawBullmq(env: TestEnvironment, round: number) {
  const name = `bench-raw-${round}`;
  const queue = new Queue(name, {
    connection: bullConnection(env.config.redisUrl, 'producer'),
    prefix: env.config.queuePrefix,
  });
  let done = 0;
  let finished = 0;
  const allDone = new Promise<void>((resolve) => {
    const worker = new Worker(name, async () => undefined, {
      connection: bullConnection(env.config.redisUrl, 'worker'),
      prefix: env.config.queuePrefix,
      concurrency: CONCURRENCY,
    });
    worker.on('completed', () => {
      if (++done === STORM) {
        finished = Date.now();
        void worker.close().then(() => resolve());
      }
    });
  });
  const at = Date.now() + 4000;
  const jobs = Array.from({ length: STORM }, (_, i) => ({
    name: 'noop',
    data: { publicationId: randomUUID(), version: 1 },
    opts: {
      jobId: `raw-${i}`,
      delay: at - Date.now(),
      removeOnComplete: { count: 2000 },
      removeOnFail: { count: 5000 },
    },
  }));
  for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
  await allDone;
  await queue.obliterate({ force: true });
  await queue.close();
  const spanMs = finished - at;
  return { spanMs, perSecond: STORM / (spanMs / 1000) };
}

/** CPU seconds used so far by this process, by the Postgres server processes, and by Redis: where a storm's time goes. */
async function cpuNow(redis: Redis) {
  const self = process.cpuUsage();
  let postgres: number;
  try {
    // Linux only: utime + stime of every postgres process (the pool's backends live through the storm).
    const ticks = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
    postgres = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        postgres += (Number(fields[11]) + Number(fields[12])) / ticks;
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    postgres = NaN;
  }
  const info = await redis.info('cpu');
  const redisCpu = Number(/used_cpu_user:([\d.]+)/.exec(info)![1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)![1]);
  return { node: (self.user + self.system) / 1e6, postgres, redis: redisCpu, wall: performance.now() / 1000 };
}

async function storm(env: TestEnvironment, dispatcher: Dispatcher, round: number, redis: Redis) {
  const at = new Date(Date.now() + 6000);
  if (round === 0) await seedStorm(env, at);
  else await resetStorm(env, at);
  // As in production, where a storm's rows were written hours or days before and autovacuum has seen them.
  await env.db.query(`VACUUM ANALYZE publications, publication_attempts, variants, audit_events`);
  const t = performance.now();
  const due = await dispatcher.due();
  await dispatcher.enqueue(due);
  const enqueueMs = performance.now() - t;
  if (due.length !== STORM) throw new Error(`${due.length} due, expected ${STORM}`);
  if (Date.now() > at.getTime()) throw new Error('enqueueing took longer than the lead time; raise it');
  while (Date.now() < at.getTime()) await sleep(5);
  const before = await cpuNow(redis);
  await waitPublished(env, 'storm-%', STORM, 180_000);
  const after = await cpuNow(redis);
  const lag = await lagOf(env, 'storm-%');
  const perPublication = (k: 'node' | 'postgres' | 'redis') => ((after[k] - before[k]) * 1000) / STORM;
  return {
    ...lag,
    enqueueMs,
    perSecond: STORM / (lag.spanMs / 1000),
    cpuMsPerPublication: {
      node: perPublication('node'),
      postgres: perPublication('postgres'),
      redis: perPublication('redis'),
    },
    cores:
      (after.node - before.node + (after.postgres - before.postgres) + (after.redis - before.redis)) /
      (after.wall - before.wall),
  };
}

async function steady(env: TestEnvironment, dispatcher: Dispatcher) {
  const count = Math.round(STEADY_SECONDS * 10);
  const start = Date.now() + 3000;
  await env.db.query(
    `INSERT INTO publications (variant_id, channel_account_id, occurrence_at, variant_revision, state, idempotency_key)
     SELECT v.id, v.channel_account_id, $1::timestamptz + make_interval(secs => (row_number() OVER (ORDER BY v.id) - 1) * 0.1), 1, 'scheduled', 'steady-' || v.id
       FROM (SELECT id, channel_account_id FROM variants ORDER BY id LIMIT $2) v`,
    [new Date(start), count],
  );
  // As the api and the reconciler queue them: delayed jobs, each due at its own time.
  const rows: DueRow[] = await env.db.query(
    `SELECT id, version, occurrence_at AS due FROM publications WHERE idempotency_key LIKE 'steady-%'`,
  );
  await dispatcher.enqueue(rows);
  await waitPublished(env, 'steady-%', count, STEADY_SECONDS * 1000 + 60_000);
  return { count, ...(await lagOf(env, 'steady-%')) };
}

/** Redis memory for 100,000 scheduled (delayed) publish jobs, queued through the Dispatcher. */
async function memory(env: TestEnvironment, dispatcher: Dispatcher, queues: QueueService) {
  const redis = new Redis(env.config.redisUrl);
  const publishing = queues.queue(QueueName.Publishing);
  try {
    await publishing.obliterate({ force: true });
    const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
    /** Bytes held by this queue's keys alone (MEMORY USAGE), unaffected by other clients of this Redis. */
    const ownBytes = async () => {
      let bytes = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(
          cursor,
          'MATCH',
          `${env.config.queuePrefix}:${QueueName.Publishing}:*`,
          'COUNT',
          2000,
        );
        const pipeline = redis.pipeline();
        for (const k of keys) pipeline.memory('USAGE', k, 'SAMPLES', '0');
        for (const [, v] of (await pipeline.exec()) ?? []) bytes += Number(v ?? 0);
        cursor = next;
      } while (cursor !== '0');
      return bytes;
    };
    const before = { used: await usedMemory(), own: await ownBytes() };
    const now = Date.now();
    const rows: DueRow[] = Array.from({ length: SCHEDULED_FOR_MEMORY }, (_, i) => ({
      id: randomUUID(),
      version: 1,
      due: new Date(now + 3600_000 + Math.floor((i * 46 * 3600_000) / SCHEDULED_FOR_MEMORY)),
    }));
    const t = performance.now();
    await dispatcher.enqueue(rows);
    const enqueueMs = performance.now() - t;
    const delayed = await publishing.getDelayedCount();
    const after = { used: await usedMemory(), own: await ownBytes() };
    await publishing.obliterate({ force: true });
    return {
      delayed,
      enqueueMs,
      usedMemoryPerJob: (after.used - before.used) / SCHEDULED_FOR_MEMORY,
      ownKeysPerJob: (after.own - before.own) / SCHEDULED_FOR_MEMORY,
      totalMb: (after.used - before.used) / 1024 / 1024,
    };
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const env = await createTestEnvironment({
    NHIP_PUBLISH_CONCURRENCY: String(CONCURRENCY),
    LOG_LEVEL: 'error',
    NHIP_RECONCILE_EVERY_SECONDS: '3600',
  });
  let worker: INestApplicationContext | undefined;
  let redis: Redis | undefined;
  const queues = new QueueService(env.config);
  try {
    const dispatcher = new Dispatcher(env.db, queues, env.config);
    let t = performance.now();
    await seedCommunes(env);
    console.log(
      `Seeded ${COMMUNES} communes × ${CHANNELS.length} channel accounts in ${round(performance.now() - t)} ms; concurrency ${CONCURRENCY}, ${ROUNDS} round(s).`,
    );

    const raws: Array<Awaited<ReturnType<typeof rawBullmq>>> = [];
    redis = new Redis(env.config.redisUrl);
    const storms: Array<Awaited<ReturnType<typeof storm>>> = [];
    worker = await startWorker(env);
    for (let r = 0; r < ROUNDS; r++) {
      const raw = await rawBullmq(env, r);
      raws.push(raw);
      const s = await storm(env, dispatcher, r, redis);
      storms.push(s);
      const cpu = s.cpuMsPerPublication;
      console.log(
        `  round ${r + 1}: raw BullMQ ${round(raw.perSecond)} jobs/s (${round(raw.spanMs)} ms); ` +
          `Nhịp ${round(s.perSecond)} publications/s, all done ${round(s.spanMs)} ms after due, lag p50 ${round(s.p50)} / p99 ${round(s.p99)} / max ${round(s.max)} ms (enqueue ${round(s.enqueueMs)} ms); ` +
          `CPU per publication: Postgres ${round(cpu.postgres, 2)} ms, this process ${round(cpu.node, 2)} ms, Redis ${round(cpu.redis, 2)} ms — ${round(s.cores, 2)} of 2 cores busy`,
      );
    }
    const rawPerSecond = median(raws.map((x) => x.perSecond));
    const perSecond = median(storms.map((x) => x.perSecond));
    const stormFigures = {
      publications: STORM,
      perSecond: round(perSecond),
      doneAfterMs: round(median(storms.map((x) => x.spanMs))),
      lagP50Ms: round(median(storms.map((x) => x.p50))),
      lagP99Ms: round(median(storms.map((x) => x.p99))),
      lagMaxMs: round(median(storms.map((x) => x.max))),
      enqueueMs: round(median(storms.map((x) => x.enqueueMs))),
      rawBullmqPerSecond: round(rawPerSecond),
      ratioToRaw: round(perSecond / rawPerSecond, 3),
      cpuMsPerPublication: {
        postgres: round(median(storms.map((x) => x.cpuMsPerPublication.postgres)), 2),
        node: round(median(storms.map((x) => x.cpuMsPerPublication.node)), 2),
        redis: round(median(storms.map((x) => x.cpuMsPerPublication.redis)), 2),
      },
    };
    console.log(`Peak storm, ${STORM} publications due in the same second (medians of ${ROUNDS}):`);
    console.log(
      `  throughput:              ${stormFigures.perSecond} publications/s; the last done ${stormFigures.doneAfterMs} ms after due (target ≤ 10000)`,
    );
    console.log(
      `  dispatch lag:            p50 ${stormFigures.lagP50Ms} ms, p99 ${stormFigures.lagP99Ms} ms, max ${stormFigures.lagMaxMs} ms`,
    );
    console.log(
      `  raw BullMQ (no-op jobs): ${stormFigures.rawBullmqPerSecond} jobs/s; Nhịp at ${round(stormFigures.ratioToRaw * 100, 1)}% of it (target ≥ 25%)`,
    );
    const c = stormFigures.cpuMsPerPublication;
    console.log(
      `  where the time goes:     CPU per publication — Postgres ${c.postgres} ms, this process (worker) ${c.node} ms, Redis ${c.redis} ms`,
    );

    t = performance.now();
    const s = await steady(env, dispatcher);
    console.log(
      `Steady load, one publication every 100 ms for ${STEADY_SECONDS} s (${s.count}): lag p50 ${round(s.p50, 1)} ms, p99 ${round(s.p99, 1)} ms, max ${round(s.max, 1)} ms (target p99 < 100)`,
    );

    await worker.close();
    worker = undefined;
    const m = await memory(env, dispatcher, queues);
    console.log(
      `Redis memory at ${m.delayed} scheduled publications: ${round(m.usedMemoryPerJob)} bytes each by INFO used_memory (${round(m.totalMb, 1)} MB), ` +
        `${round(m.ownKeysPerJob)} bytes each by MEMORY USAGE of the queue's keys; enqueued in ${round(m.enqueueMs)} ms`,
    );

    report('dispatch', {
      storm: stormFigures,
      steady: {
        seconds: STEADY_SECONDS,
        publications: s.count,
        lagP50Ms: round(s.p50, 1),
        lagP99Ms: round(s.p99, 1),
        lagMaxMs: round(s.max, 1),
      },
      redis: {
        scheduled: m.delayed,
        bytesPerPublication: round(m.usedMemoryPerJob),
        ownKeyBytesPerPublication: round(m.ownKeysPerJob),
      },
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
    });
  } finally {
    await worker?.close();
    redis?.disconnect();
    await queues.onApplicationShutdown();
    await env.teardown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
