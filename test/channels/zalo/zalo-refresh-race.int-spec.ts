import { DataSource } from 'typeorm';
import { CredentialCipher } from '@nhip/core';
import { ChannelAccountEntity, openDataSource } from '@nhip/database';
import { PgCredentialStore } from '../../../libs/channels/src/accounts/pg-credential-store';
import type { ChannelAccountContext } from '../../../libs/channels/src/channel';
import type { ZaloArticle } from '../../../libs/channels/src/content/channel-content';
import { ZaloChannel } from '../../../libs/channels/src/adapters/zalo';
import { FakeOa, FakeZaloApi } from '../../fakes/zalo/fake-zalo-api';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';

const article = (title: string): ZaloArticle => ({
  title,
  author: 'UBND xã Minh Thanh',
  description: 'Lịch tiếp công dân và hướng dẫn nộp hồ sơ trực tuyến trong tháng.',
  cover: { url: 'https://cdn.tuyenquang.gov.vn/media/bia.jpg' },
  body: [{ type: 'text', content: 'Nội dung chi tiết của thông báo.' }],
});

/**
 * Two workers (two ZaloChannel instances, each with its own connection pool and PgCredentialStore, as two
 * processes would have) publish to the same OA at the same moment. The refresh token is single-use, so a
 * second refresh with it would fail and lose the account; the fake answers a refresh only after 300 ms,
 * after it has spent the old token, so a worker that refreshed without the lock, or without re-reading
 * what the other stored, fails here.
 */
describe('Zalo token refresh across workers (real Postgres credential store)', () => {
  let env: TestEnvironment;
  let secondPool: DataSource;
  let cipher: CredentialCipher;
  let fake: FakeZaloApi;
  let oa: FakeOa;

  beforeAll(async () => {
    env = await createTestEnvironment();
    secondPool = await openDataSource(env.config, { migrate: false });
    cipher = new CredentialCipher(env.config);
  });

  afterAll(async () => {
    await secondPool?.destroy();
    await env?.teardown();
  });

  beforeEach(async () => {
    fake = await FakeZaloApi.start({ refreshDelayMs: 300, verifyPendingCount: 1 });
    oa = fake.registerOa({ name: 'UBND xã Minh Thanh' });
  });

  afterEach(async () => {
    await fake.close();
  });

  async function accountRow(credentials: Record<string, unknown>): Promise<ChannelAccountEntity> {
    const agency = await factories(env.db).agency({ kind: 'commune' });
    return env.db.getRepository(ChannelAccountEntity).save({
      agencyId: agency.id,
      type: 'zalo',
      name: 'Zalo OA UBND xã Minh Thanh',
      settings: { oaId: oa.oaId, appId: oa.appId },
      credentialsEncrypted: cipher.encrypt(credentials),
      credentialsVersion: 1,
    });
  }

  /** What a worker has when its job starts: its own store and the account as it read it. */
  async function worker(db: DataSource, row: ChannelAccountEntity) {
    const store = new PgCredentialStore(db, cipher);
    const { credentials, version } = await store.read(row.id);
    const context: ChannelAccountContext = {
      id: row.id,
      type: 'zalo',
      settings: row.settings,
      credentials,
      credentialsVersion: version,
    };
    const channel = new ZaloChannel({
      apiBaseUrl: fake.apiBaseUrl,
      oauthBaseUrl: fake.oauthBaseUrl,
      credentialStore: store,
      verifyPollMs: 5,
    });
    return { store, context, channel };
  }

  it('Two workers racing to refresh one Zalo token: one refresh, both use the new token, nothing lost', async () => {
    const issued = fake.issueTokens(oa.oaId, { accessTokenExpiresInSeconds: 120 });
    const row = await accountRow({ ...issued, appSecret: oa.appSecret });
    const a = await worker(env.db, row);
    const b = await worker(secondPool, row);

    const [first, second] = await Promise.all([
      a.channel.publish(a.context, article('Thông báo lịch tiếp công dân'), { idempotencyKey: 'race-a:v1' }),
      b.channel.publish(b.context, article('Hướng dẫn nộp hồ sơ trực tuyến'), { idempotencyKey: 'race-b:v1' }),
    ]);

    expect(fake.refreshCalls).toBe(1);
    const stored = await a.store.read(row.id);
    const credentials = stored.credentials as Record<string, string>;
    expect(stored.version).toBe(2);
    expect(credentials.accessToken).not.toBe(issued.accessToken);
    expect(credentials.appSecret).toBe(oa.appSecret);
    // Nothing lost: the stored refresh token is the new, unspent one.
    expect(credentials.refreshToken).not.toBe(issued.refreshToken);
    expect(fake.isRefreshTokenValid(credentials.refreshToken)).toBe(true);
    expect(fake.isRefreshTokenValid(issued.refreshToken)).toBe(false);
    // Both workers published with the new token, on every call.
    const creates = fake.callsTo('/v2.0/article/create');
    expect(creates).toHaveLength(2);
    expect(
      fake.calls.filter((c) => c.server === 'openapi').every((c) => c.accessToken === credentials.accessToken),
    ).toBe(true);
    expect(
      fake
        .articles(oa.oaId)
        .map((x) => x.id)
        .sort(),
    ).toEqual([first.externalId, second.externalId].sort());
  });

  it('both workers refused with -220 at once: one refresh, both retry with the new token', async () => {
    const issued = fake.issueTokens(oa.oaId);
    const row = await accountRow({ ...issued, appSecret: oa.appSecret });
    fake.expireAccessToken(issued.accessToken);
    const a = await worker(env.db, row);
    const b = await worker(secondPool, row);

    await Promise.all([
      a.channel.publish(a.context, article('Tin thứ nhất'), { idempotencyKey: 'race-c:v1' }),
      b.channel.publish(b.context, article('Tin thứ hai'), { idempotencyKey: 'race-d:v1' }),
    ]);

    expect(fake.refreshCalls).toBe(1);
    const stored = (await a.store.read(row.id)).credentials as Record<string, string>;
    expect(fake.isRefreshTokenValid(stored.refreshToken)).toBe(true);
    const creates = fake.callsTo('/v2.0/article/create');
    expect(creates.map((c) => c.error).sort()).toEqual([-220, -220, 0, 0]);
    expect(creates.filter((c) => c.error === 0).every((c) => c.accessToken === stored.accessToken)).toBe(true);
    expect(fake.articles(oa.oaId)).toHaveLength(2);
  });
});
