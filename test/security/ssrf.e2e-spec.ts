import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { ChannelAccountContext } from '@nhip/channels';
import { createOutboundHttp, outboundRefusal } from '@nhip/core';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { LoudspeakerChannel } from '../../libs/channels/src/adapters/loudspeaker';
import { WordPressChannel } from '../../libs/channels/src/adapters/portal';
import { accountFor, SHORT_SCRIPT, ToneTts, windowFromNow } from '../channels/loudspeaker/support';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

/*
 * Requests the server makes on behalf of users (issue #14, F5 and F6). Every target is a listener on
 * loopback that records what reaches it: when the guard refuses, it must have seen nothing at all.
 */

interface Listener {
  port: number;
  origin: string;
  /** Every request received, with its headers. */
  seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>;
  /** TCP connections accepted, requests or not. */
  connections: () => number;
  close: () => Promise<void>;
}

async function listen(
  host: string,
  answer: (
    url: string,
    origin: string,
  ) => { status: number; headers?: Record<string, string>; body?: string } = () => ({
    status: 200,
    body: 'ok',
  }),
): Promise<Listener> {
  const seen: Listener['seen'] = [];
  let connections = 0;
  let origin = '';
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const reply = answer(req.url ?? '/', origin);
    res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  origin = host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
  return {
    port,
    origin,
    seen,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('the guarded outbound client', () => {
  let target: Listener;

  beforeAll(async () => {
    target = await listen('127.0.0.1');
  });
  afterAll(() => target.close());

  const hostile = () => [
    `http://127.0.0.1:${target.port}/`,
    `http://localhost:${target.port}/`,
    `http://localhost.:${target.port}/`,
    `http://2130706433:${target.port}/`,
    `http://0x7f.1:${target.port}/`,
    `http://127.1:${target.port}/`,
    `http://[::ffff:127.0.0.1]:${target.port}/`,
    `http://[::1]:${target.port}/`,
    `http://0.0.0.0:${target.port}/`,
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    `file:///etc/passwd`,
    `gopher://127.0.0.1:${target.port}/_x`,
    `http://user:pass@example.com/`,
  ];

  it('refuses private, loopback, link-local, metadata and odd addresses, and other schemes, contacting nothing', async () => {
    const http = createOutboundHttp();
    for (const url of hostile()) {
      const error = await http.get(url, { timeout: 2_000 }).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect({ url, refused: outboundRefusal(error)?.message ?? String(error) }).toEqual({
        url,
        refused: expect.stringMatching(/^Không được gửi yêu cầu tới /),
      });
    }
    expect(target.connections()).toBe(0);
  });

  it('checks the address actually dialled: a name that resolves inward only when connecting (rebinding) is refused', async () => {
    const http = createOutboundHttp();
    const error = await http
      .get(`http://rebind.invalid:${target.port}/`, {
        // The name does not resolve when first checked; at connection time it answers loopback.
        lookup: async () => ({ address: '127.0.0.1', family: 4 }),
      })
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(outboundRefusal(error)?.reason).toMatch(/nội bộ/);
    expect(target.connections()).toBe(0);
  });

  it('reaches the same listener once private hosts are allowed (so the refusals above are the guard)', async () => {
    const http = createOutboundHttp({ allowPrivate: true });
    const response = await http.get(`http://127.0.0.1:${target.port}/`);
    expect(response.status).toBe(200);
    expect(target.seen).toHaveLength(1);
    await expect(http.get(`gopher://127.0.0.1:${target.port}/`)).rejects.toThrow(/http:\/\/ hoặc https:\/\//);
  });

  it('never follows a redirect to another origin with credentials, and limits redirects', async () => {
    const elsewhere = await listen('127.0.0.1');
    const redirecting = await listen('127.0.0.1', (url, origin) =>
      url.startsWith('/loop')
        ? { status: 302, headers: { Location: `${origin}/loop` } }
        : { status: 302, headers: { Location: `${elsewhere.origin}/stolen` } },
    );
    try {
      const http = createOutboundHttp({ allowPrivate: true });
      const error = await http
        .get(`${redirecting.origin}/go`, { headers: { Authorization: 'Basic c2VjcmV0OnNlY3JldA==' } })
        .then(
          () => null,
          (caught: unknown) => caught,
        );
      expect(outboundRefusal(error)?.reason).toMatch(/chuyển hướng sang nguồn khác/);
      expect(elsewhere.connections()).toBe(0);

      // Without credentials a redirect is followed (each hop checked again), at most three times.
      expect((await http.get(`${redirecting.origin}/go`)).status).toBe(200);
      expect(elsewhere.seen.map((r) => r.headers.authorization)).toEqual([undefined]);
      await expect(http.get(`${redirecting.origin}/loop`)).rejects.toThrow(/redirects/i);
      expect(redirecting.seen.filter((r) => r.url === '/loop')).toHaveLength(4);
    } finally {
      await Promise.all([elsewhere.close(), redirecting.close()]);
    }
  });
});

describe('media the worker fetches for a channel', () => {
  it('a bulletin whose audio sits at an internal address fails for good, and nothing is fetched or sent', async () => {
    const internal = await listen('127.0.0.1');
    const station = await listen('127.0.0.1');
    try {
      // Built as the worker builds it without NHIP_OUTBOUND_ALLOW_PRIVATE: the default client.
      const channel = new LoudspeakerChannel({ tts: new ToneTts(), timeoutMs: 2_000 });
      const error = await channel
        .publish(
          accountFor({ url: `${station.origin}/nhip` }),
          {
            title: 'Họp dân thôn 2',
            script: SHORT_SCRIPT,
            level: 'normal',
            stations: ['cum-loa-1'],
            airWindows: [windowFromNow(30, 60)],
            audio: { url: `http://127.0.0.1:${internal.port}/ban-tin.mp3` },
          },
          { idempotencyKey: `pub-${randomUUID()}` },
        )
        .then(
          () => null,
          (caught: unknown) => caught,
        );
      expect(error).toMatchObject({ kind: 'permanent', code: 'loudspeaker.address_refused' });
      expect(internal.connections()).toBe(0);
      expect(station.connections()).toBe(0);
    } finally {
      await Promise.all([internal.close(), station.close()]);
    }
  });
});

describe('WordPress: the application password stays on the account’s own origin (F6)', () => {
  const account = (siteUrl: string): ChannelAccountContext => ({
    id: randomUUID(),
    type: 'portal',
    settings: { siteUrl },
    credentials: { username: 'bien-tap', applicationPassword: 'abcd efgh ijkl mnop' },
    credentialsVersion: 1,
  });
  const channel = () => new WordPressChannel({ http: createOutboundHttp({ allowPrivate: true }), timeoutMs: 5_000 });

  it("refuses an API root that the site's Link header puts on another origin", async () => {
    const thief = await listen('127.0.0.1');
    const site = await listen('127.0.0.1', () => ({
      status: 200,
      headers: { Link: `<${thief.origin}/wp-json/>; rel="https://api.w.org/"` },
      body: '<html></html>',
    }));
    try {
      const check = await channel().checkConnection(account(site.origin));
      expect(check).toMatchObject({ ok: false, details: { code: 'wordpress.api_root_other_origin' } });
      expect(check.message).toContain(site.origin);
      expect(thief.connections()).toBe(0);
    } finally {
      await Promise.all([thief.close(), site.close()]);
    }
  });

  it('refuses a site whose home page redirects to another origin, and the password never leaves', async () => {
    const moved = await listen('127.0.0.1', () => ({
      status: 200,
      headers: { Link: '</wp-json/>; rel="https://api.w.org/"' },
    }));
    const site = await listen('127.0.0.1', () => ({ status: 301, headers: { Location: `${moved.origin}/` } }));
    try {
      const check = await channel().checkConnection(account(site.origin));
      expect(check).toMatchObject({ ok: false, details: { code: 'wordpress.api_root_other_origin' } });
      expect(moved.seen.every((r) => r.headers.authorization === undefined)).toBe(true);
      expect(site.seen.every((r) => r.headers.authorization === undefined)).toBe(true);
    } finally {
      await Promise.all([moved.close(), site.close()]);
    }
  });
});

describe('the api with private hosts refused (NHIP_OUTBOUND_ALLOW_PRIVATE=false)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let agency: AgencyEntity;
  let admin: { Authorization: string };
  let station: Listener;

  beforeAll(async () => {
    env = await createTestEnvironment({ NHIP_OUTBOUND_ALLOW_PRIVATE: 'false' });
    expect(env.config.outboundAllowPrivate).toBe(false);
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    const make = factories(env.db);
    agency = await make.agency({ kind: 'ward' });
    const { user, password } = await make.user();
    await make.membership(user, agency, 'admin');
    const login = await http.post('/api/v1/auth/login').send({ username: user.username, password }).expect(200);
    admin = { Authorization: `Bearer ${login.body.token}` };
    station = await listen('127.0.0.1');
  });

  afterAll(async () => {
    await station?.close();
    await app?.close();
    await env?.teardown();
  });

  const accounts = async () => (await env.db.query(`SELECT count(*)::int AS n FROM channel_accounts`))[0].n as number;

  it.each([
    ['portal', 'siteUrl', 'http://127.0.0.1:PORT'],
    ['portal', 'siteUrl', 'http://169.254.169.254'],
    ['portal', 'siteUrl', 'http://[::1]:PORT'],
    ['portal', 'siteUrl', 'http://2130706433:PORT'],
    ['portal', 'siteUrl', 'file:///etc/passwd'],
    ['portal', 'siteUrl', 'gopher://127.0.0.1:PORT'],
    ['loudspeaker', 'endpoint', 'http://localhost:PORT/nhip'],
  ])('an admin cannot point a %s account’s %s at %s: 400, nothing stored', async (type, field, address) => {
    const url = () => address.replace('PORT', String(station.port));
    const before = await accounts();
    const res = await http
      .post(`/api/v1/agencies/${agency.id}/channel-accounts`)
      .set(admin)
      .send({ type, name: 'Kênh nội bộ', settings: { [field]: url() }, credentials: { apiKey: 'khoa-bi-mat' } })
      .expect(400);
    expect(res.body).toEqual({
      code: 'OUTBOUND_URL_REFUSED',
      message: expect.stringMatching(new RegExp(`^settings\\.${field}: `)),
      details: { field: `settings.${field}` },
    });
    expect(await accounts()).toBe(before);
    expect(station.connections()).toBe(0);
  });

  it('nor move an existing account there, nor register a webhook there', async () => {
    const created = await http
      .post(`/api/v1/agencies/${agency.id}/channel-accounts`)
      .set(admin)
      .send({ type: 'portal', name: 'Cổng thật', settings: { siteUrl: 'https://example.gov.vn' } })
      .expect(201);
    await http
      .patch(`/api/v1/channel-accounts/${created.body.id}`)
      .set(admin)
      .send({ settings: { siteUrl: `http://127.0.0.1:${station.port}` } })
      .expect(400);
    const [stored] = await env.db.query(`SELECT settings FROM channel_accounts WHERE id = $1`, [created.body.id]);
    expect(stored.settings).toEqual({ siteUrl: 'https://example.gov.vn' });

    const hook = await http
      .post(`/api/v1/agencies/${agency.id}/webhooks`)
      .set(admin)
      .send({ url: `http://127.0.0.1:${station.port}/hook` })
      .expect(400);
    expect(hook.body.code).toBe('OUTBOUND_URL_REFUSED');
    // An address longer than any real one is refused with its own code, for a webhook and a site alike.
    const long = `https://example.gov.vn/${'a'.repeat(3000)}`;
    const tooLong = await http
      .post(`/api/v1/agencies/${agency.id}/webhooks`)
      .set(admin)
      .send({ url: long })
      .expect(400);
    expect(tooLong.body).toMatchObject({ code: 'URL_TOO_LONG', message: 'url: địa chỉ dài quá 2.048 ký tự.' });
    const longSite = await http
      .patch(`/api/v1/channel-accounts/${created.body.id}`)
      .set(admin)
      .send({ settings: { siteUrl: long } })
      .expect(400);
    expect(longSite.body.code).toBe('URL_TOO_LONG');
    expect((await env.db.query(`SELECT count(*)::int AS n FROM agency_webhooks`))[0].n).toBe(0);
    expect(station.connections()).toBe(0);
  });

  it('checking an account stored earlier with an internal address is no port scanner, and sends no key', async () => {
    const account = await env.db.getRepository(ChannelAccountEntity).save({
      agencyId: agency.id,
      type: 'loudspeaker',
      name: 'Loa cũ',
      settings: { endpoint: `http://127.0.0.1:${station.port}/nhip`, stationGroups: [] },
      concurrency: 1,
    });
    await http
      .put(`/api/v1/channel-accounts/${account.id}/credentials`)
      .set(admin)
      .send({ credentials: { apiKey: 'khoa-bi-mat' } })
      .expect((res) => expect(res.status).toBeLessThan(300));
    const check = await http.post(`/api/v1/channel-accounts/${account.id}/check`).set(admin).expect(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.message).toMatch(/nội bộ/);
    expect(station.connections()).toBe(0);
  });
});
