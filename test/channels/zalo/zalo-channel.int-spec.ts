import axios from 'axios';
import { createServer } from 'node:net';
import type { ChannelAccountContext } from '../../../libs/channels/src/channel';
import { ChannelError } from '../../../libs/channels/src/channel-error';
import type { ZaloArticle } from '../../../libs/channels/src/content/channel-content';
import { ZaloChannel } from '../../../libs/channels/src/adapters/zalo';
import { FakeOa, FakeZaloApi, FakeZaloOptions } from '../../fakes/zalo/fake-zalo-api';
import { MemoryCredentialStore } from '../../fakes/zalo/memory-credential-store';

const ACCOUNT_ID = 'acc-zalo-1';

const ARTICLE: ZaloArticle = {
  title: 'Ngày hội Chuyển đổi số tỉnh Tuyên Quang năm 2026',
  author: 'Sở Khoa học và Công nghệ',
  description:
    'Ngày 10/10, người dân được hướng dẫn cài đặt VNeID, thanh toán không dùng tiền mặt và nộp hồ sơ dịch vụ công trực tuyến.',
  cover: { url: 'https://cdn.tuyenquang.gov.vn/media/ngay-hoi-bia.jpg' },
  body: [
    {
      type: 'text',
      content: 'Sáng 10/10, tại Quảng trường Nguyễn Tất Thành, Ngày hội Chuyển đổi số thu hút hàng nghìn người dân.',
    },
    {
      type: 'image',
      url: 'https://cdn.tuyenquang.gov.vn/media/ngay-hoi-2.jpg',
      caption: 'Người dân trải nghiệm dịch vụ công trực tuyến',
    },
  ],
  comment: false,
};

/** What a follower reads: the text without zero-width characters or trailing space. */
const readable = (text: string) => text.replace(/[\u200B\u200C\u200D\u2060]/g, '').trimEnd();

async function rejection(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a ChannelError');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('ZaloChannel against the fake Zalo OA API', () => {
  let fake: FakeZaloApi;
  let oa: FakeOa;
  let issued: { accessToken: string; refreshToken: string; accessTokenExpiresAt: string };
  let store: MemoryCredentialStore;
  let account: ChannelAccountContext;
  let channel: ZaloChannel;

  async function setUp(options: FakeZaloOptions = {}, tokenLifetimeSeconds?: number) {
    await fake?.close();
    fake = await FakeZaloApi.start(options);
    oa = fake.registerOa({ name: 'UBND xã Minh Thanh' });
    issued = fake.issueTokens(oa.oaId, { accessTokenExpiresInSeconds: tokenLifetimeSeconds });
    store = new MemoryCredentialStore();
    account = accountWith({ ...issued, appSecret: oa.appSecret });
    channel = adapter();
  }

  function accountWith(credentials: Record<string, unknown>): ChannelAccountContext {
    store.put(ACCOUNT_ID, credentials);
    return {
      id: ACCOUNT_ID,
      type: 'zalo',
      settings: { oaId: oa.oaId, appId: oa.appId },
      credentials,
      credentialsVersion: 1,
    };
  }

  function adapter(options: { timeoutMs?: number; verifyMaxAttempts?: number; apiBaseUrl?: string } = {}) {
    return new ZaloChannel({
      apiBaseUrl: options.apiBaseUrl ?? fake.apiBaseUrl,
      oauthBaseUrl: fake.oauthBaseUrl,
      credentialStore: store,
      timeoutMs: options.timeoutMs ?? 2_000,
      verifyPollMs: 5,
      verifyMaxAttempts: options.verifyMaxAttempts ?? 10,
    });
  }

  const isCreate = (c: { path: string }) => c.path === '/v2.0/article/create';

  beforeEach(async () => {
    await setUp();
  });

  afterEach(async () => {
    await fake.close();
  });

  describe('publishing', () => {
    it('creates the article, polls verify through "still processing", and returns the article id', async () => {
      await setUp({ verifyPendingCount: 2 });
      const result = await channel.publish(account, ARTICLE, { idempotencyKey: 'pub-1:v1' });

      const [article] = fake.articles(oa.oaId);
      expect(fake.articles(oa.oaId)).toHaveLength(1);
      expect(result.externalId).toBe(article.id);
      expect(result.url).toBe(`https://zalo.me/oa/${oa.oaId}/article/${article.id}`);
      expect(fake.callsTo('/v2.0/article/verify').map((c) => c.error)).toEqual([-214, -214, 0]);
      expect(article).toMatchObject({
        type: 'normal',
        title: ARTICLE.title,
        author: ARTICLE.author,
        cover: { cover_type: 'photo', photo_url: ARTICLE.cover.url, status: 'show' },
        body: [
          { type: 'text', content: (ARTICLE.body[0] as { content: string }).content },
          {
            type: 'image',
            url: (ARTICLE.body[1] as { url: string }).url,
            caption: 'Người dân trải nghiệm dịch vụ công trực tuyến',
          },
        ],
        status: 'show',
        comment: 'hide',
        createdWith: issued.accessToken,
      });
      expect(readable(article.description)).toBe(ARTICLE.description);
      expect(article.description).not.toBe(ARTICLE.description);
    });

    it('sends the token in the access_token header on every Open API call, and never refreshes a fresh token', async () => {
      await channel.publish(account, ARTICLE, { idempotencyKey: 'pub-2:v1' });
      const calls = fake.calls.filter((c) => c.server === 'openapi');
      expect(calls.length).toBeGreaterThanOrEqual(2);
      expect(calls.every((c) => c.accessToken === issued.accessToken)).toBe(true);
      expect(fake.refreshCalls).toBe(0);
      expect(store.writes).toHaveLength(0);
    });

    it('refuses invalid content before calling Zalo', async () => {
      const error = await rejection(
        channel.publish(account, { ...ARTICLE, title: 'T'.repeat(151) }, { idempotencyKey: 'pub-3:v1' }),
      );
      expect(error).toMatchObject({ kind: 'permanent', code: 'zalo.invalid_content' });
      expect(error.options.details?.problems).toEqual([
        expect.objectContaining({ field: 'title', code: 'ZALO_TITLE_TOO_LONG' }),
      ]);
      expect(fake.calls).toHaveLength(0);
    });

    it('still processing after the bounded polls → unknown with the token; lookup then finds the article', async () => {
      await setUp({ verifyPendingCount: 50 });
      const patient = adapter({ verifyMaxAttempts: 3 });
      const error = await rejection(patient.publish(account, ARTICLE, { idempotencyKey: 'pub-4:v1' }));

      expect(error).toMatchObject({ kind: 'unknown', code: 'zalo.verify_pending' });
      const [article] = fake.articles(oa.oaId);
      expect(error.options.details?.token).toBe(article.token);
      expect(fake.callsTo('/v2.0/article/verify')).toHaveLength(3);
      expect((await patient.lookup(account, 'pub-4:v1'))?.externalId).toBe(article.id);
    });

    it('lookup with the create’s token asks article/verify: still processing → unknown, processed → the article', async () => {
      await setUp({ verifyPendingCount: 4 });
      const patient = adapter({ verifyMaxAttempts: 3 });
      const error = await rejection(patient.publish(account, ARTICLE, { idempotencyKey: 'pub-5:v1' }));
      expect(error.options.handle).toBe(fake.articles(oa.oaId)[0].token);
      const hint = { handle: error.options.handle };

      // One "still processing" left: the article exists, so it is not absent, only not ready.
      const pending = await rejection(patient.lookup(account, 'pub-5:v1', hint));
      expect(pending).toMatchObject({ kind: 'unknown', code: 'zalo.verify_pending', options: { handle: hint.handle } });
      const [article] = fake.articles(oa.oaId);
      expect(await patient.lookup(account, 'pub-5:v1', hint)).toEqual({
        externalId: article.id,
        url: `https://zalo.me/oa/${oa.oaId}/article/${article.id}`,
        publishedAt: article.createdAt,
        response: { id: article.id, token: article.token, foundIn: 'verify' },
      });
      // A token Zalo does not know: the recent articles are searched instead.
      expect((await patient.lookup(account, 'pub-5:v1', { handle: 'unknown-token' }))?.externalId).toBe(article.id);
      expect(fake.callsTo('/v2.0/article/getslice').length).toBeGreaterThan(0);
    });
  });

  describe('tokens', () => {
    it('an access token about to expire is refreshed first, and the new pair is stored before it is used', async () => {
      await setUp({}, 120);
      await channel.publish(account, ARTICLE, { idempotencyKey: 'tok-1:v1' });

      expect(fake.refreshCalls).toBe(1);
      expect(store.writes).toHaveLength(1);
      const stored = (await store.read(ACCOUNT_ID)).credentials!;
      expect(stored.accessToken).not.toBe(issued.accessToken);
      expect(stored.appSecret).toBe(oa.appSecret);
      expect(fake.isRefreshTokenValid(stored.refreshToken as string)).toBe(true);
      expect(fake.isRefreshTokenValid(issued.refreshToken)).toBe(false);
      // expires_in ("90000") is a string of seconds.
      expect(Date.parse(stored.accessTokenExpiresAt as string) - Date.now()).toBeGreaterThan(89_000_000);
      const oauthIndex = fake.calls.findIndex((c) => c.server === 'oauth');
      const openapi = fake.calls.filter((c) => c.server === 'openapi');
      expect(oauthIndex).toBe(0);
      expect(openapi.every((c) => c.accessToken === stored.accessToken)).toBe(true);
    });

    it('-220 on a token the account thought valid: one refresh, the call retried once, success', async () => {
      fake.expireAccessToken(issued.accessToken);
      const result = await channel.publish(account, ARTICLE, { idempotencyKey: 'tok-2:v1' });

      const stored = (await store.read(ACCOUNT_ID)).credentials!;
      expect(fake.refreshCalls).toBe(1);
      expect(fake.calls.filter(isCreate).map((c) => c.error)).toEqual([-220, 0]);
      expect(fake.articles(oa.oaId)).toEqual([
        expect.objectContaining({ id: result.externalId, createdWith: stored.accessToken }),
      ]);
    });

    it('-216 and a refresh token that was already spent → auth_expired, nothing created', async () => {
      // Someone (another installation, a script) spent the refresh token; Zalo no longer knows the access token.
      const spent = await axios.post(
        `${fake.oauthBaseUrl}/v4/oa/access_token`,
        new URLSearchParams({
          refresh_token: issued.refreshToken,
          app_id: oa.appId,
          grant_type: 'refresh_token',
        }).toString(),
        { headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: oa.appSecret } },
      );
      expect(spent.data.access_token).toBeDefined();
      account = accountWith({ ...issued, accessToken: 'zat-unknown', appSecret: oa.appSecret });

      const error = await rejection(channel.publish(account, ARTICLE, { idempotencyKey: 'tok-3:v1' }));
      expect(error).toMatchObject({ kind: 'auth_expired', code: 'zalo.refresh_failed' });
      expect(error.message).toContain('kết nối lại');
      expect(fake.calls.filter(isCreate).map((c) => c.error)).toEqual([-216]);
      expect(fake.articles(oa.oaId)).toHaveLength(0);
      expect(store.writes).toHaveLength(0);
    });

    it('refused again right after a successful refresh → auth_expired (one refresh, one retry)', async () => {
      fake.failNext(-216, 'Access token is invalid', { times: 2, match: isCreate });
      const error = await rejection(channel.publish(account, ARTICLE, { idempotencyKey: 'tok-4:v1' }));
      expect(error).toMatchObject({ kind: 'auth_expired', code: 'zalo.-216' });
      expect(fake.refreshCalls).toBe(1);
      expect(fake.calls.filter(isCreate)).toHaveLength(2);
    });

    it('a wrong app secret → auth_expired with Zalo’s reason', async () => {
      account = accountWith({
        ...issued,
        accessTokenExpiresAt: new Date(Date.now() + 60_000).toISOString(),
        appSecret: 'wrong',
      });
      const error = await rejection(channel.publish(account, ARTICLE, { idempotencyKey: 'tok-5:v1' }));
      expect(error).toMatchObject({ kind: 'auth_expired', code: 'zalo.refresh_failed' });
      expect(error.options.details).toMatchObject({ error: -14004 });
      expect(fake.isRefreshTokenValid(issued.refreshToken)).toBe(true);
    });
  });

  describe('errors map to the kind the engine acts on', () => {
    it('-32 (the OA’s per-minute limit) → throttled for a minute', async () => {
      await setUp({ rateLimitPerMinute: 3 });
      await channel.publish(account, ARTICLE, { idempotencyKey: 'rl-1' }); // create, verify, getslice
      const error = await rejection(
        channel.publish(account, { ...ARTICLE, title: 'Bài thứ hai' }, { idempotencyKey: 'rl-2' }),
      );
      expect(error).toMatchObject({ kind: 'throttled', code: 'zalo.-32' });
      expect(error.retryAfterMs).toBe(60_000);
      expect(fake.articles(oa.oaId)).toHaveLength(1);
    });

    it('-201 (invalid field) → permanent, naming the field', async () => {
      fake.failNext(-201, 'cover.photo_url is invalid', { match: isCreate });
      const error = await rejection(channel.publish(account, ARTICLE, { idempotencyKey: 'e-1' }));
      expect(error).toMatchObject({ kind: 'permanent', code: 'zalo.-201' });
      expect(error.options.details?.field).toBe('cover.photo_url');
      expect(error.message).toContain('“cover.photo_url”');
    });

    it.each([-211, -218])('%i (quota) → rate_limited until just after midnight in Vietnam', async (code) => {
      fake.failNext(code, 'Out of quota', { match: isCreate });
      const before = Date.now();
      const error = await rejection(channel.publish(account, ARTICLE, { idempotencyKey: 'e-2' }));
      expect(error).toMatchObject({ kind: 'rate_limited', code: `zalo.${code}` });
      const resumeAt = before + error.retryAfterMs!;
      const msIntoVietnamDay = (resumeAt + 7 * 3600_000) % (24 * 3600_000);
      expect(Math.abs(msIntoVietnamDay - 60_000)).toBeLessThan(5_000);
      expect(error.retryAfterMs!).toBeLessThanOrEqual(24 * 3600_000 + 60_000);
      expect(fake.articles(oa.oaId)).toHaveLength(0);
    });

    it.each(['hang', 'reset'] as const)(
      'an answer lost after Zalo created the article (%s) → unknown; lookup finds it; nothing twice',
      async (mode) => {
        const impatient = adapter({ timeoutMs: 300 });
        fake.hangAfterCommit(mode, { match: isCreate });
        const error = await rejection(impatient.publish(account, ARTICLE, { idempotencyKey: 'lost-1:v1' }));

        expect(error.kind).toBe('unknown');
        const articles = fake.articles(oa.oaId);
        expect(articles).toHaveLength(1);
        expect(await impatient.lookup(account, 'lost-1:v1')).toEqual({
          externalId: articles[0].id,
          url: `https://zalo.me/oa/${oa.oaId}/article/${articles[0].id}`,
          // Zalo's own time of the article (getdetail's create_date).
          publishedAt: articles[0].createdAt,
          response: { id: articles[0].id, foundIn: 'getslice' },
        });
        expect(fake.articles(oa.oaId)).toHaveLength(1);
      },
    );

    it('an error while verifying, after create → unknown (the article may exist)', async () => {
      fake.failNext(-201, 'token is invalid', { match: (c) => c.path === '/v2.0/article/verify' });
      const error = await rejection(channel.publish(account, ARTICLE, { idempotencyKey: 'e-3' }));
      expect(error.kind).toBe('unknown');
      expect(error.options.details?.token).toBe(fake.articles(oa.oaId)[0].token);
    });

    it('Zalo unreachable → retryable (nothing was sent)', async () => {
      const offline = adapter({ apiBaseUrl: `http://127.0.0.1:${await closedPort()}` });
      const error = await rejection(offline.publish(account, ARTICLE, { idempotencyKey: 'e-4' }));
      expect(error).toMatchObject({ kind: 'retryable', code: 'zalo.unreachable' });
    });
  });

  describe('lookup, remove, checkConnection', () => {
    it('lookup answers null when no article carries the key, and finds one past the first page of ten', async () => {
      expect(await channel.lookup(account, 'never')).toBeNull();
      const target = await channel.publish(account, ARTICLE, { idempotencyKey: 'deep:v1' });
      // Same title and description, other publications: only the marker tells them apart.
      for (let i = 0; i < 12; i++) await channel.publish(account, ARTICLE, { idempotencyKey: `filler-${i}` });

      const found = await channel.lookup(account, 'deep:v1');
      expect(found?.externalId).toBe(target.externalId);
      expect(fake.calls.some((c) => c.path === '/v2.0/article/getslice' && c.query.offset === '10')).toBe(true);
    });

    it('remove takes the article down', async () => {
      const { externalId } = await channel.publish(account, ARTICLE, { idempotencyKey: 'rm:v1' });
      await channel.remove(account, externalId);
      expect(fake.articles(oa.oaId)).toHaveLength(0);
      expect(fake.articles(oa.oaId, { includeRemoved: true })).toEqual([
        expect.objectContaining({ id: externalId, removed: true }),
      ]);
    });

    it('checkConnection names the OA, or says in Vietnamese what is wrong', async () => {
      expect(await channel.checkConnection(account)).toEqual({
        ok: true,
        message: `Đã kết nối Zalo Official Account “${oa.name}”.`,
        details: { oaId: oa.oaId, name: oa.name },
      });

      const other = await channel.checkConnection({ ...account, settings: { ...account.settings, oaId: '123' } });
      expect(other.ok).toBe(false);
      expect(other.message).toContain('không phải OA 123');

      const broken = accountWith({
        ...issued,
        accessToken: 'zat-unknown',
        refreshToken: 'zrt-unknown',
        appSecret: oa.appSecret,
      });
      const expired = await channel.checkConnection(broken);
      expect(expired).toMatchObject({ ok: false, details: { kind: 'auth_expired', code: 'zalo.refresh_failed' } });
      expect(expired.message).toContain('kết nối lại');
    });
  });
});

describe('the fake Zalo OA API enforces the rules the adapter relies on', () => {
  let fake: FakeZaloApi;
  let oa: FakeOa;
  let issued: { accessToken: string; refreshToken: string };
  const valid = {
    type: 'normal',
    title: 'Tiêu đề',
    author: 'Tác giả',
    description: 'Mô tả',
    cover: { cover_type: 'photo', photo_url: 'https://cdn.example.vn/bia.jpg', status: 'show' },
    body: [{ type: 'text', content: 'Nội dung' }],
    status: 'show',
    comment: 'show',
  };
  const create = (body: unknown, headers: Record<string, string> = { access_token: issued.accessToken }) =>
    axios.post(`${fake.apiBaseUrl}/v2.0/article/create`, body, { headers }).then((r) => r.data);
  const refresh = (refreshToken: string, secret = oa.appSecret) =>
    axios
      .post(
        `${fake.oauthBaseUrl}/v4/oa/access_token`,
        new URLSearchParams({ refresh_token: refreshToken, app_id: oa.appId, grant_type: 'refresh_token' }).toString(),
        {
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: secret },
        },
      )
      .then((r) => r.data);

  beforeEach(async () => {
    fake = await FakeZaloApi.start({ verifyPendingCount: 2 });
    oa = fake.registerOa({ name: 'OA thử' });
    issued = fake.issueTokens(oa.oaId);
  });

  afterEach(async () => {
    await fake.close();
  });

  it('article fields: title ≤ 150, a cover and a non-empty body, else -201 naming the field', async () => {
    expect(await create({ ...valid, title: 'ả'.repeat(151) })).toMatchObject({
      error: -201,
      message: expect.stringMatching(/^title/),
    });
    expect((await create({ ...valid, title: 'ả'.repeat(150) })).error).toBe(0);
    const { cover: _cover, ...withoutCover } = valid;
    expect(await create(withoutCover)).toMatchObject({ error: -201, message: expect.stringMatching(/^cover/) });
    expect(await create({ ...valid, body: [] })).toMatchObject({
      error: -201,
      message: expect.stringMatching(/^body/),
    });
    expect(await create({ ...valid, author: 'a'.repeat(51) })).toMatchObject({ error: -201 });
    expect(await create({ ...valid, description: 'a'.repeat(301) })).toMatchObject({ error: -201 });
  });

  it('the token goes in the access_token header: Bearer → -216; expired → -220', async () => {
    expect(await create(valid, { Authorization: `Bearer ${issued.accessToken}` })).toMatchObject({ error: -216 });
    fake.expireAccessToken(issued.accessToken);
    expect(await create(valid)).toMatchObject({ error: -220 });
  });

  it('verify answers "still processing" the configured number of times, then the id', async () => {
    const { data } = await create(valid);
    const verify = () =>
      axios
        .post(
          `${fake.apiBaseUrl}/v2.0/article/verify`,
          { token: data.token },
          { headers: { access_token: issued.accessToken } },
        )
        .then((r) => r.data);
    expect((await verify()).error).toBe(-214);
    expect((await verify()).error).toBe(-214);
    expect(await verify()).toMatchObject({ error: 0, data: { id: fake.articles(oa.oaId)[0].id } });
  });

  it('getslice returns at most 10 per request', async () => {
    const list = (limit: number) =>
      axios
        .get(`${fake.apiBaseUrl}/v2.0/article/getslice`, {
          params: { offset: 0, limit, type: 'normal' },
          headers: { access_token: issued.accessToken },
        })
        .then((r) => r.data);
    expect((await list(11)).error).toBe(-201);
    expect((await list(10)).error).toBe(0);
  });

  it('a refresh token is single-use; expires_in is a string; a wrong secret is refused', async () => {
    const first = await refresh(issued.refreshToken);
    expect(first).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: '90000' });
    expect(await refresh(issued.refreshToken)).toMatchObject({ error: -14014 });
    expect(await refresh(first.refresh_token, 'not-the-secret')).toMatchObject({ error: -14004 });
    expect((await refresh(first.refresh_token)).access_token).toBeDefined();
    expect(fake.refreshCalls).toBe(4);
    expect(fake.refreshSuccesses).toBe(2);
  });

  it('two refreshes racing with one refresh token: exactly one wins', async () => {
    const answers = await Promise.all([refresh(issued.refreshToken), refresh(issued.refreshToken)]);
    expect(answers.filter((a) => a.access_token)).toHaveLength(1);
    expect(answers.filter((a) => a.error === -14014)).toHaveLength(1);
  });
});
