import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../apps/api/src/create-api-app';
import { AgencyEntity } from '@nhip/database';
import { factories } from '../test/support/factories';
import { buildNationalDataset } from '../test/support/national-dataset';
import { createTestEnvironment, TestEnvironment } from '../test/support/test-environment';
import { report } from './support/measure';

/**
 * Issue 19's table at national scale: 34 provinces × 98 communes × 4 channels, one publication per
 * account and day over Q4 2026 (≈1.23 M publications; `--year` for 2026 whole, `--fraction 0.1` for
 * a tenth of the communes). The dataset is built with generate_series in a schema of its own, which is
 * dropped at the end. Every request goes over HTTP to the real api with gzip asked for.
 *
 *   npm run bench -- scale [--fraction 0.25] [--year]
 */

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : (process.argv[i + 1] ?? '');
};
const fraction = Number(arg('fraction') ?? '1');
const year = process.argv.includes('--year');
if (!(fraction > 0 && fraction <= 1)) throw new Error('--fraction phải nằm trong (0, 1]');

const CONCURRENCY = 20;
const MB = 1_000_000;

interface Answer {
  status: number;
  ms: number;
  /** Bytes of the body as sent (gzip when the server compressed it). */
  wireBytes: number;
  bytes: number;
  body: string;
}

async function get(base: string, path: string, headers: Record<string, string>): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(base + path, { headers: { 'Accept-Encoding': 'gzip', ...headers } });
  const body = await res.text();
  const ms = performance.now() - started;
  const bytes = Buffer.byteLength(body);
  const compressed = res.headers.get('content-encoding') === 'gzip';
  return { status: res.status, ms, bytes, wireBytes: compressed ? gzipSync(body).length : bytes, body };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const round = (n: number) => Math.round(n * 10) / 10;

/** Median of `runs` sequential requests after two warm-ups, with the last answer. */
async function medianOf(base: string, path: string, headers: Record<string, string>, runs = 7) {
  for (let i = 0; i < 2; i++) await get(base, path, headers);
  const answers: Answer[] = [];
  for (let i = 0; i < runs; i++) answers.push(await get(base, path, headers));
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  const last = answers[answers.length - 1];
  return {
    medianMs: round(percentile(sorted, 0.5)),
    status: last.status,
    bytes: last.bytes,
    wireBytes: last.wireBytes,
    body: last.body,
  };
}

async function concurrent(base: string, path: string, headers: Record<string, string>, perReader: number) {
  await Promise.all(Array.from({ length: CONCURRENCY }, () => get(base, path, headers)));
  const samples: number[] = [];
  const statuses = new Set<number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = 0; i < perReader; i++) {
        const answer = await get(base, path, headers);
        samples.push(answer.ms);
        statuses.add(answer.status);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(samples, 0.5)),
    p99Ms: round(percentile(samples, 0.99)),
    reqPerS: Math.round(samples.length / seconds),
    statuses: [...statuses],
  };
}

async function main() {
  const communesPerProvince = Math.max(1, Math.round(98 * fraction));
  const env: TestEnvironment = await createTestEnvironment({ LOG_LEVEL: 'silent' });
  let app: INestApplication | undefined;
  try {
    let started = performance.now();
    const dataset = await buildNationalDataset(env.db, {
      provinces: 34,
      communesPerProvince,
      firstDay: year ? '2026-01-01' : '2026-10-01',
      days: year ? 365 : 92,
      now: new Date('2026-11-15T00:00:00+07:00'),
    });
    const buildSeconds = round((performance.now() - started) / 1000);
    console.log(
      `Bộ dữ liệu: ${dataset.provinces} tỉnh × ${communesPerProvince} xã × 4 kênh × ${dataset.days} ngày = ${dataset.publications.toLocaleString('en')} bài đăng, dựng trong ${buildSeconds} s`,
    );

    const agencies = env.db.getRepository(AgencyEntity);
    const province = await agencies.findOneByOrFail({ code: 'tinh-17' });
    const ward = await agencies.findOneByOrFail({
      code: `tinh-17-xa-${String(Math.min(4, communesPerProvince)).padStart(3, '0')}`,
    });
    const f = factories(env.db);
    const { user, password } = await f.user();
    for (const p of await agencies.findBy({ kind: 'province' })) await f.membership(user, p, 'admin');

    app = await createApiApp(env.config);
    await app.listen(0, '127.0.0.1');
    const base = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user.username, password }),
    });
    const auth = { Authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const month = 'from=2026-11-01&to=2026-11-30';

    const health = await concurrent(base.replace('/api/v1', ''), '/health', {}, 25);
    const wardMonth = await concurrent(base, `/calendar?${month}&agency=${ward.id}`, auth, 25);
    const provinceMonth = await medianOf(base, `/calendar/summary?${month}&agency=${province.id}`, auth);
    const provinceMonthEntries = await medianOf(base, `/calendar?${month}&agency=${province.id}`, auth);
    const provinceWeek = await medianOf(
      base,
      `/calendar/summary?from=2026-11-09&to=2026-11-15&agency=${province.id}`,
      auth,
    );
    const provinceWeekEntries = await medianOf(
      base,
      `/calendar?from=2026-11-09&to=2026-11-15&agency=${province.id}`,
      auth,
    );
    const country = await medianOf(base, `/calendar?${month}`, auth, 3);
    const countrySummary = await medianOf(base, `/calendar/summary?${month}`, auth, 3);
    const gaps = await medianOf(base, `/calendar/gaps?${month}&agency=${province.id}`, auth);

    const created = await fetch(`${base}/agencies/${province.id}/feeds`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Lịch tỉnh cho các sở' }),
    });
    const feedPath = new URL(((await created.json()) as { url: string }).url).pathname.replace('/api/v1', '');
    const feed = await medianOf(base, feedPath, {});
    const wardFeedCreated = await fetch(`${base}/agencies/${ward.id}/feeds`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Lịch xã' }),
    });
    const wardFeed = await medianOf(
      base,
      new URL(((await wardFeedCreated.json()) as { url: string }).url).pathname.replace('/api/v1', ''),
      {},
    );

    started = performance.now();
    const halfYear = await fetch(`${base}/reports`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ agency: province.id, period: '2026-H2' }),
    });
    await halfYear.text();
    const reportMs = round(performance.now() - started);

    const ok = (s: number) => s < 500;
    // On a shared machine the absolute figures move with the load; the ratio to /health much less.
    const wardVsHealth = round(wardMonth.p50Ms / health.p50Ms);
    const rows: Array<[string, string, string, boolean]> = [
      ['/health, 20 readers', `${health.reqPerS} req/s, p50 ${health.p50Ms} ms, p99 ${health.p99Ms} ms`, '—', true],
      [
        'ward month calendar, 20 readers',
        `${wardMonth.reqPerS} req/s, p50 ${wardMonth.p50Ms} ms, p99 ${wardMonth.p99Ms} ms (${wardVsHealth}× /health's p50)`,
        'p99 < 50 ms',
        wardMonth.p99Ms < 50 && wardMonth.statuses.every(ok),
      ],
      [
        'province month (summary)',
        `${provinceMonth.medianMs} ms, ${provinceMonth.bytes} B (${provinceMonth.wireBytes} B gzip), HTTP ${provinceMonth.status}`,
        '< 1 MB, no 5xx',
        provinceMonth.status === 200 && provinceMonth.bytes < MB,
      ],
      [
        'province month (entries)',
        `HTTP ${provinceMonthEntries.status} after ${provinceMonthEntries.medianMs} ms`,
        'refused before loading',
        ok(provinceMonthEntries.status),
      ],
      [
        'province week (summary)',
        `${provinceWeek.medianMs} ms, ${provinceWeek.bytes} B (${provinceWeek.wireBytes} B gzip)`,
        '< 1 MB',
        provinceWeek.bytes < MB,
      ],
      [
        'province week (entries)',
        `HTTP ${provinceWeekEntries.status}, ${provinceWeekEntries.medianMs} ms, ${provinceWeekEntries.bytes} B`,
        '< 1 MB, no 5xx',
        ok(provinceWeekEntries.status) && provinceWeekEntries.bytes < MB,
      ],
      [
        'whole country month (entries)',
        `HTTP ${country.status} after ${country.medianMs} ms`,
        'no 5xx',
        ok(country.status),
      ],
      [
        'whole country month (summary)',
        `${countrySummary.medianMs} ms, ${countrySummary.bytes} B, HTTP ${countrySummary.status}`,
        '< 1 MB, no 5xx',
        countrySummary.status === 200 && countrySummary.bytes < MB,
      ],
      ['province gaps', `${gaps.medianMs} ms, HTTP ${gaps.status}`, 'no 5xx', ok(gaps.status)],
      [
        'province feed',
        `${feed.medianMs} ms, ${feed.bytes} B (${feed.wireBytes} B gzip)`,
        '< 1 MB',
        feed.status === 200 && feed.bytes < MB,
      ],
      [
        'ward feed',
        `${wardFeed.medianMs} ms, ${wardFeed.bytes} B`,
        '< 1 MB',
        wardFeed.status === 200 && wardFeed.bytes < MB,
      ],
      [
        'province half-year report',
        `${reportMs} ms, HTTP ${halfYear.status}`,
        '< 2 s',
        halfYear.status < 300 && reportMs < 2000,
      ],
    ];
    console.log(
      `Máy: ${cpus().length} nhân, tải ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    for (const [name, figure, target, met] of rows) {
      console.log(`${met ? 'ĐẠT ' : 'CHƯA'}  ${name.padEnd(32)} ${figure.padEnd(60)} mục tiêu ${target}`);
    }
    report('scale', {
      fraction,
      publications: dataset.publications,
      buildSeconds,
      health,
      wardMonth,
      wardVsHealthP50: wardVsHealth,
      provinceMonth: { ms: provinceMonth.medianMs, bytes: provinceMonth.bytes, gzipBytes: provinceMonth.wireBytes },
      provinceMonthEntries: { status: provinceMonthEntries.status, ms: provinceMonthEntries.medianMs },
      provinceWeek: { ms: provinceWeek.medianMs, bytes: provinceWeek.bytes, gzipBytes: provinceWeek.wireBytes },
      provinceWeekEntries: {
        status: provinceWeekEntries.status,
        ms: provinceWeekEntries.medianMs,
        bytes: provinceWeekEntries.bytes,
      },
      countryMonth: { status: country.status, ms: country.medianMs },
      countrySummary: { status: countrySummary.status, ms: countrySummary.medianMs, bytes: countrySummary.bytes },
      provinceGapsMs: gaps.medianMs,
      provinceFeed: { ms: feed.medianMs, bytes: feed.bytes, gzipBytes: feed.wireBytes },
      wardFeed: { ms: wardFeed.medianMs, bytes: wardFeed.bytes },
      provinceReportMs: reportMs,
      met: Object.fromEntries(rows.map(([name, , , met]) => [name, met])),
    });
  } finally {
    await app?.close();
    await env.teardown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
