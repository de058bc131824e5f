import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AgencyEntity, ChannelAccountEntity, PlanEntity } from '@nhip/database';
import { DEMO_WARD_CODE, seedDemoData } from '@nhip/demo';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

/**
 * Issue #14: every operation of the OpenAPI document gets malformed parameters, queries, bodies and
 * headers with a valid admin token. No answer may be a 5xx, a refusal must be short and quick, and a
 * refused write must leave every table as it was (row counts and checksums).
 */

type Json = unknown;
interface Schema {
  type?: string;
  format?: string;
  enum?: Json[];
  example?: Json;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  oneOf?: Schema[];
}
interface Operation {
  method: string;
  path: string;
  parameters: Array<{ name: string; in: 'path' | 'query' | 'header'; schema?: Schema }>;
  body?: { types: string[]; schema?: Schema };
}
interface Case {
  label: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  noAuth?: boolean;
}
interface Answer {
  status: number;
  bytes: number;
  ms: number;
}

/** mulberry32: the same cases on every run. */
function prng(seedText: string) {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(random: () => number, list: T[], n: number): T[] => {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
  return out;
};

/** Raw JSON texts, so that lone surrogates, huge numbers and deep nesting reach the server as written. */
const BAD_JSON_VALUES: Array<[string, string]> = [
  ['null', 'null'],
  ['NUL', '"a\\u0000b"'],
  ['lone surrogate', '"\\ud800x"'],
  ['huge number', '99999999999999999999'],
  ['1e308', '1e308'],
  ['negative', '-1'],
  ['fraction', '0.5'],
  ['impossible date', '"2026-02-30"'],
  ['impossible instant', '"2026-02-30T10:00:00+07:00"'],
  ['spaces', '"     "'],
  ['empty string', '""'],
  ['number for string', '12345'],
  ['string for number', '"abc"'],
  ['boolean as text', '"true"'],
  ['object', '{"a":1}'],
  ['array', '[1,"x",null]'],
  ['nested 300', '['.repeat(300) + ']'.repeat(300)],
  ['long string', JSON.stringify('x'.repeat(30_000))],
  ['long Vietnamese', JSON.stringify('Ngày hội chuyển đổi số '.repeat(3000))],
];

const BAD_QUERY_VALUES: Array<[string, string]> = [
  ['NUL', 'a%00b'],
  ['bad UTF-8', '%ED%A0%80'],
  ['bad percent', '%E0%A4%A'],
  ['huge number', '99999999999999999999'],
  ['1e309', '1e309'],
  ['negative', '-1'],
  ['text', 'abc'],
  ['impossible date', '2026-02-30'],
  ['long', 'x'.repeat(5000)],
  ['empty', ''],
  ['spaces', '%20%20%20'],
];

const BAD_PATH_VALUES: Array<[string, string]> = [
  ['NUL', 'a%00b'],
  ['bad UTF-8', '%ED%A0%80'],
  ['long', 'x'.repeat(3000)],
  ['huge number', '99999999999999999999'],
  ['dots', '..%2F..%2Fetc'],
  ['unknown uuid', randomUUID()],
  ['upper-case uuid', randomUUID().toUpperCase()],
  ['spaces', '%20%20'],
];

const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
/** Built once: the large bodies every operation gets. */
const HEAVY = {
  unknownKeys: Buffer.from(JSON.stringify(keys(490))),
  keyFlood: Buffer.from(JSON.stringify(keys(150_000))),
  oversize: Buffer.from(JSON.stringify({ a: 'x'.repeat(3_000_000) })),
  deep: Buffer.from('['.repeat(10_000) + ']'.repeat(10_000)),
};

function operations(doc: {
  paths: Record<string, Record<string, Json>>;
  components?: { schemas?: Record<string, Schema> };
}) {
  const schemas = doc.components?.schemas ?? {};
  const resolve = (s?: Schema): Schema | undefined =>
    s?.$ref ? resolve(schemas[s.$ref.replace('#/components/schemas/', '')]) : s;
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as {
        parameters?: Operation['parameters'];
        requestBody?: { content: Record<string, { schema?: Schema }> };
      };
      const content = op.requestBody?.content;
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: content
          ? {
              types: Object.keys(content),
              schema: resolve(content['application/json']?.schema ?? Object.values(content)[0]?.schema),
            }
          : undefined,
      });
    }
  }
  return { ops, resolve };
}

/** A plausible value for a property, from its example, enum or type. */
function sample(schema: Schema | undefined, resolve: (s?: Schema) => Schema | undefined, depth = 0): Json {
  const s = resolve(schema);
  if (!s) return 'x';
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.oneOf?.length) return sample(s.oneOf[0], resolve, depth);
  switch (s.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 ? [] : [sample(s.items, resolve, depth + 1)];
    case 'object':
      if (!s.properties || depth > 3) return {};
      return Object.fromEntries(
        Object.entries(s.properties).map(([k, v]) => [k, sample(v, resolve, depth + 1)] as [string, Json]),
      );
    default:
      return s.format === 'date-time' ? '2026-10-05T09:00:00+07:00' : 'Giá trị thử nghiệm';
  }
}

function send(base: URL, method: string, c: Case, token: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const headers: Record<string, string | number> = { ...(c.noAuth ? {} : { Authorization: `Bearer ${token}` }) };
    Object.assign(headers, c.headers ?? {});
    const body = c.body === undefined ? undefined : Buffer.isBuffer(c.body) ? c.body : Buffer.from(c.body);
    if (body) headers['Content-Length'] = body.length;
    const req = httpRequest(
      { host: base.hostname, port: base.port, method, path: c.path, headers, timeout: 15_000 },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - start }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${c.path.slice(0, 100)}`)));
    // The server may answer (413, 415) and close before the whole body is written.
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? resolve({ status: 0, bytes: 0, ms: 0 }) : reject(e),
    );
    req.end(body);
  });
}

describe('OpenAPI-driven fuzz (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let base: URL;
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await createTestEnvironment({ NHIP_CHANNEL_TIMEOUT_SECONDS: '2', NHIP_LOGIN_MAX_ATTEMPTS: '1000' });
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    app = await createApiApp(env.config);
    await app.listen(0, '127.0.0.1');
    base = new URL(await app.getUrl());
    const login = await fetch(new URL('/api/v1/auth/login', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'mat-khau-quan-tri' }),
    });
    token = ((await login.json()) as { token: string }).token;
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(new URL(path, base), {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(300);
      return (await res.json()) as Record<string, string>;
    };

    const ward = await env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const account = await env.db
      .getRepository(ChannelAccountEntity)
      .findOneByOrFail({ agencyId: ward.id, type: 'portal' });
    const plan = await env.db.getRepository(PlanEntity).findOneOrFail({ where: {} });
    const make = factories(env.db);
    const { story, variant, publication } = await make.publication(account, new Date('2026-10-05T09:00:00+07:00'));
    const { user } = await make.user();
    await make.membership(user, ward, 'viewer');
    const integration = await api('POST', '/api/v1/auth/tokens', { name: 'Tích hợp thử' });
    const feed = await api('POST', `/api/v1/agencies/${ward.id}/feeds`, { name: 'Lịch thử' });
    Object.assign(ids, {
      agencyId: ward.id,
      agencies: ward.id,
      userId: user.id,
      'channel-accounts': account.id,
      plans: plan.id,
      stories: story.id,
      variants: variant.id,
      publications: publication.id,
      tokens: integration.id,
      feedId: feed.id,
      file: `${new URL(feed.url).pathname.split('/').pop()}`,
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  /**
   * Row count and an order-free checksum of every table. Last-use stamps are left out (reads move them),
   * and so are failed logins in the audit trail (recorded on purpose, as the refusal it is).
   */
  async function snapshot(): Promise<Map<string, string>> {
    const schema = env.config.databaseSchema;
    const tables: Array<{ table_name: string }> = await env.db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [schema],
    );
    const parts = tables.map(
      ({ table_name: t }) =>
        `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(sum(hashtext((to_jsonb(x) - 'last_used_at')::text)::bigint), 0)::text AS v FROM "${schema}"."${t}" x${t === 'audit_events' ? ` WHERE action <> 'auth.login_failed'` : ''}`,
    );
    const rows: Array<{ t: string; v: string }> = await env.db.query(parts.join(' UNION ALL '));
    return new Map(rows.map((r) => [r.t, r.v]));
  }

  function validPath(op: Operation): string {
    return op.path.replace(/\{(\w+)\}/g, (_m, name: string, offset: number) => {
      const before = op.path.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
      return ids[name] ?? ids[before] ?? randomUUID();
    });
  }

  function casesFor(op: Operation, resolve: (s?: Schema) => Schema | undefined): Case[] {
    const random = prng(`${op.method} ${op.path}`);
    const path = validPath(op);
    const cases: Case[] = [];
    const json = { 'Content-Type': 'application/json' };

    for (const param of op.parameters.filter((p) => p.in === 'path')) {
      for (const [label, value] of BAD_PATH_VALUES) {
        const bad = op.path.replace(/\{(\w+)\}/g, (_m, name: string, offset: number) =>
          name === param.name
            ? value
            : (ids[name] ?? ids[op.path.slice(0, offset).split('/').filter(Boolean).pop() ?? ''] ?? randomUUID()),
        );
        cases.push({
          label: `path ${param.name}: ${label}`,
          path: bad,
          headers: op.body ? json : {},
          body: op.body ? '{}' : undefined,
        });
      }
    }
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    for (const param of queryParams) {
      for (const [label, value] of BAD_QUERY_VALUES)
        cases.push({ label: `query ${param.name}: ${label}`, path: `${path}?${param.name}=${value}` });
      cases.push({ label: `query ${param.name} repeated`, path: `${path}?${param.name}=1&${param.name}=2` });
    }
    if (queryParams.length)
      cases.push({
        label: 'query flood',
        path: `${path}?${Array.from({ length: 2000 }, (_, i) => `k${i}=${i}`).join('&')}`,
      });

    cases.push(
      { label: 'header: long bearer', path, headers: { Authorization: `Bearer ${'x'.repeat(6000)}` }, noAuth: true },
      { label: 'header: not a bearer', path, headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' }, noAuth: true },
      {
        label: 'header: spoofed proxy',
        path,
        headers: {
          'X-Forwarded-For': '127.0.0.1, ::1, 999.1.1.1',
          'X-Forwarded-Proto': 'javascript',
          Host: 'evil.example',
        },
      },
      {
        label: 'header: long request id and etag',
        path,
        headers: { 'X-Request-Id': 'r'.repeat(5000), 'If-None-Match': '"e"'.repeat(2000) },
      },
      { label: 'header: odd accept', path, headers: { Accept: 'application/xml;q=0.1, */*;q=0' } },
    );

    const wantsBody = op.body !== undefined || ['POST', 'PUT', 'PATCH'].includes(op.method);
    if (!wantsBody) return cases;
    const schema = resolve(op.body?.schema);
    const base = schema?.type === 'object' ? (sample(schema, resolve) as Record<string, Json>) : {};
    const props = Object.keys(schema?.properties ?? {});
    const withField = (field: string, raw: string) => {
      const rest = Object.entries(base)
        .filter(([k]) => k !== field)
        .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
      return `{${[...rest, `${JSON.stringify(field)}:${raw}`].join(',')}}`;
    };
    for (const field of pick(random, props, 8))
      for (const [label, raw] of [BAD_JSON_VALUES[0], ...pick(random, BAD_JSON_VALUES.slice(1), 6)])
        cases.push({ label: `body ${field}: ${label}`, path, headers: json, body: withField(field, raw) });
    cases.push(
      { label: 'body: empty object', path, headers: json, body: '{}' },
      { label: 'body: unknown field', path, headers: json, body: withField('khongCo', '1') },
      { label: 'body: null', path, headers: json, body: 'null' },
      { label: 'body: array', path, headers: json, body: '[1,2,3]' },
      { label: 'body: string', path, headers: json, body: '"chuỗi"' },
      { label: 'body: number', path, headers: json, body: '42' },
      { label: 'body: broken JSON', path, headers: json, body: '{"a":' },
      { label: 'body: deep nesting', path, headers: json, body: HEAVY.deep },
      { label: 'body: 490 unknown keys', path, headers: json, body: HEAVY.unknownKeys },
      { label: 'body: 150,000 keys', path, headers: json, body: HEAVY.keyFlood },
      { label: 'body: 3 MB', path, headers: json, body: HEAVY.oversize },
      { label: 'body: NUL key', path, headers: json, body: '{"\\u0000":1}' },
      { label: 'body: text/plain', path, headers: { 'Content-Type': 'text/plain' }, body: 'name=x' },
      {
        label: 'body: form',
        path,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'name=x&a[b]=1',
      },
      { label: 'body: xml', path, headers: { 'Content-Type': 'application/xml' }, body: '<a>1</a>' },
      {
        label: 'body: yaml bomb',
        path,
        headers: { 'Content-Type': 'application/yaml' },
        body: 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c,*c]\n',
      },
      {
        label: 'body: multipart garbage',
        path,
        headers: { 'Content-Type': 'multipart/form-data; boundary=zz' },
        body: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\u0000\u0001\r\n--zz--\r\n',
      },
      {
        label: 'body: utf-7 charset',
        path,
        headers: { 'Content-Type': 'application/json; charset=utf-7' },
        body: '{}',
      },
      { label: 'body: no content type', path, body: '{"a":1}' },
      {
        label: 'body: latin1 bytes',
        path,
        headers: json,
        body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      },
    );
    return cases;
  }

  it('answers every malformed request to every operation without a 5xx, briefly, and changes nothing when it refuses', async () => {
    const doc = (await (await fetch(new URL('/api/openapi.json', base))).json()) as Parameters<typeof operations>[0];
    const { ops, resolve } = operations(doc);
    expect(ops.length).toBeGreaterThanOrEqual(70);
    const problems: string[] = [];
    let sent = 0;
    const statuses = new Map<number, number>();
    let before = await snapshot();
    const started = performance.now();
    for (const op of ops) {
      // Logging out would end the session every other case uses.
      if (op.path === '/api/v1/auth/logout') continue;
      const writes = op.method !== 'GET';
      for (const c of casesFor(op, resolve)) {
        const answer = await send(base, op.method, c, token);
        sent++;
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const where = `${op.method} ${op.path} [${c.label}]`;
        if (answer.status >= 500) problems.push(`${where}: ${answer.status}`);
        const refused = answer.status >= 400 || answer.status === 0;
        if (refused && answer.bytes > 16_384) problems.push(`${where}: refusal of ${answer.bytes} bytes`);
        if (refused && answer.ms > 1000) problems.push(`${where}: refused after ${answer.ms.toFixed(0)} ms`);
        if (!refused && answer.ms > 10_000) problems.push(`${where}: answered after ${answer.ms.toFixed(0)} ms`);
        if (!writes) continue;
        const after = await snapshot();
        if (refused) {
          const changed = [...after].filter(([t, v]) => before.get(t) !== v).map(([t]) => t);
          if (changed.length) problems.push(`${where}: ${answer.status} but changed ${changed.join(', ')}`);
        }
        before = after;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
    console.log(
      `fuzz: ${sent} requests to ${ops.length} operations in ${seconds.toFixed(1)} s; ${byStatus.join(', ')}`,
    );
    expect(problems.slice(0, 40)).toEqual([]);
    expect(sent).toBeGreaterThan(1500);
  }, 300_000);
});
