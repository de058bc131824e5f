import axios from 'axios';
import { createServer } from 'node:net';
import type { ChannelAccountContext } from '../../../libs/channels/src/channel';
import { ChannelError } from '../../../libs/channels/src/channel-error';
import { FACEBOOK_DEFAULT_RATE_LIMIT_WAIT_MS, FacebookChannel } from '../../../libs/channels/src/adapters/facebook';
import { FakeGraphApi, FakePage } from '../../fakes/facebook/fake-graph-api';

/** What a reader of the Page sees: the message without zero-width characters or trailing space. */
const readable = (message: string | undefined) => (message ?? '').replace(/[\u200B\u200C\u200D\u2060]/g, '').trimEnd();

function accountFor(pageId: string, token: string | null): ChannelAccountContext {
  return {
    id: 'acc-fb-1',
    type: 'facebook',
    settings: { pageId },
    credentials: token ? { pageAccessToken: token } : null,
    credentialsVersion: 1,
  };
}

async function rejection(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a ChannelError');
}

const MESSAGE =
  'Sở Khoa học và Công nghệ thông báo: Ngày hội Chuyển đổi số 10/10 diễn ra tại Quảng trường Nguyễn Tất Thành.';
const PHOTO_A = 'https://cdn.tuyenquang.gov.vn/media/ngay-hoi-1.jpg';
const PHOTO_B = 'https://cdn.tuyenquang.gov.vn/media/ngay-hoi-2.jpg';

describe('FacebookChannel against the fake Graph API', () => {
  let fake: FakeGraphApi;
  let page: FakePage;
  let token: string;
  let channel: FacebookChannel;
  let account: ChannelAccountContext;

  beforeEach(async () => {
    fake = await FakeGraphApi.start();
    page = fake.addPage({ name: 'Sở Khoa học và Công nghệ tỉnh Tuyên Quang' });
    token = fake.issuePageToken(page.id);
    channel = new FacebookChannel({ graphBaseUrl: fake.baseUrl, timeoutMs: 2_000 });
    account = accountFor(page.id, token);
  });

  afterEach(async () => {
    await fake.close();
  });

  describe('the token on the wire', () => {
    it('travels in the Authorization header, never in a URL, on posts, lookups and checks alike', async () => {
      const result = await channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'wire-1:v1' });
      expect((await channel.lookup(account, 'wire-1:v1'))?.externalId).toBe(result.externalId);
      expect((await channel.checkConnection(account)).ok).toBe(true);
      expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['POST', 'GET']));
      expect(fake.calls.filter((c) => c.tokenInUrl)).toEqual([]);
      expect(fake.calls.every((c) => c.token === token)).toBe(true);
    });

    it('carries appsecret_proof for an app that requires it; without the secret the Page refuses every call', async () => {
      const strict = await FakeGraphApi.start({ appSecret: 'bi-mat-cua-ung-dung' });
      try {
        const strictPage = strict.addPage({ name: 'UBND phường Đăk Bla' });
        const strictAccount = accountFor(strictPage.id, strict.issuePageToken(strictPage.id));
        const without = new FacebookChannel({ graphBaseUrl: strict.baseUrl, timeoutMs: 2_000 });
        const refused = await rejection(
          without.publish(strictAccount, { message: MESSAGE }, { idempotencyKey: 'p-1:v1' }),
        );
        expect(refused.code).toBe('facebook.100');
        expect(strict.posts(strictPage.id)).toHaveLength(0);
        const wrong = new FacebookChannel({ graphBaseUrl: strict.baseUrl, timeoutMs: 2_000, appSecret: 'sai' });
        expect(
          (await rejection(wrong.publish(strictAccount, { message: MESSAGE }, { idempotencyKey: 'p-2:v1' }))).code,
        ).toBe('facebook.100');
        const proved = new FacebookChannel({
          graphBaseUrl: strict.baseUrl,
          timeoutMs: 2_000,
          appSecret: 'bi-mat-cua-ung-dung',
        });
        await proved.publish(strictAccount, { message: MESSAGE }, { idempotencyKey: 'p-3:v1' });
        expect(strict.posts(strictPage.id)).toHaveLength(1);
      } finally {
        await strict.close();
      }
    });
  });

  describe('publishing', () => {
    it('a text post goes to /feed once, reads exactly as written, and carries its key invisibly', async () => {
      const result = await channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'pub-1:v1' });

      const posts = fake.posts(page.id);
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatchObject({ id: result.externalId, kind: 'status', published: true });
      expect(readable(posts[0].message)).toBe(MESSAGE);
      expect(posts[0].message).not.toBe(MESSAGE);
      expect(fake.callCount('POST', /\/feed$/)).toBe(1);
      expect(result.url).toBe(`https://www.facebook.com/${page.id}/posts/${result.externalId.split('_')[1]}`);
      expect(fake.calls[0].token).toBe(token);
    });

    it('a link post sends the link with the message', async () => {
      const link = 'https://tuyenquang.gov.vn/tin-tuc/ngay-hoi-chuyen-doi-so';
      await channel.publish(account, { message: MESSAGE, link }, { idempotencyKey: 'pub-2:v1' });
      expect(fake.posts(page.id)).toEqual([expect.objectContaining({ kind: 'link', link })]);
    });

    it('one photo: a photo post through /photos with the message as caption, and the post id is returned', async () => {
      const result = await channel.publish(
        account,
        { message: MESSAGE, photos: [{ url: PHOTO_A, alt: 'Toàn cảnh ngày hội' }] },
        { idempotencyKey: 'pub-3:v1' },
      );

      const [photo] = fake.photos(page.id);
      const posts = fake.posts(page.id);
      expect(fake.photos(page.id)).toHaveLength(1);
      expect(photo).toMatchObject({ url: PHOTO_A, published: true });
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatchObject({ kind: 'photo', photoIds: [photo.id], id: photo.postId });
      expect(readable(posts[0].message)).toBe(MESSAGE);
      expect(result.externalId).toBe(posts[0].id);
      expect(fake.callCount('POST', /\/feed$/)).toBe(0);
    });

    it('two photos: two unpublished uploads, then one feed post attaching both, in order', async () => {
      const result = await channel.publish(
        account,
        { message: MESSAGE, photos: [{ url: PHOTO_A }, { url: PHOTO_B }] },
        { idempotencyKey: 'pub-4:v1' },
      );

      const photos = fake.photos(page.id);
      const posts = fake.posts(page.id);
      expect(posts).toHaveLength(1);
      const [post] = posts;
      expect(post).toMatchObject({ id: result.externalId, kind: 'album', published: true });
      expect(readable(post.message)).toBe(MESSAGE);
      expect(photos.map((p) => p.url)).toEqual([PHOTO_A, PHOTO_B]);
      expect(photos.every((p) => !p.published && p.attachedTo === post.id)).toBe(true);
      expect(post.photoIds).toEqual(photos.map((p) => p.id));

      const uploads = fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/photos'));
      expect(uploads.map((c) => c.params.published)).toEqual(['false', 'false']);
      const feed = fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/feed'));
      expect(feed).toHaveLength(1);
      expect(JSON.parse(feed[0].params['attached_media[0]'])).toEqual({ media_fbid: photos[0].id });
      expect(JSON.parse(feed[0].params['attached_media[1]'])).toEqual({ media_fbid: photos[1].id });
    });

    it('native scheduling inside the window lets Facebook hold the post, and lookup still finds it', async () => {
      const scheduling = new FacebookChannel({ graphBaseUrl: fake.baseUrl, nativeScheduling: true });
      const publishAt = new Date(Date.now() + 2 * 3600_000);
      const result = await scheduling.publish(
        account,
        { message: MESSAGE, photos: [{ url: PHOTO_A }] },
        { idempotencyKey: 'pub-5:v1', publishAt },
      );

      const [post] = fake.posts(page.id);
      expect(post).toMatchObject({
        id: result.externalId,
        published: false,
        scheduledPublishTime: Math.floor(publishAt.getTime() / 1000),
      });
      expect(fake.photos(page.id)).toEqual([
        expect.objectContaining({ published: false, temporary: true, attachedTo: post.id }),
      ]);
      const found = await scheduling.lookup(account, 'pub-5:v1');
      expect(found?.externalId).toBe(post.id);
      expect(found?.response).toMatchObject({ foundIn: 'scheduled_posts' });
    });

    it.each([
      ['5 minutes ahead (inside Facebook’s 10-minute floor)', 5 * 60_000, true],
      ['40 days ahead (beyond Facebook’s 30 days)', 40 * 24 * 3600_000, true],
      ['2 hours ahead without native scheduling', 2 * 3600_000, false],
    ])('%s: published at dispatch', async (_label, leadMs, native) => {
      const adapter = new FacebookChannel({ graphBaseUrl: fake.baseUrl, nativeScheduling: native });
      await adapter.publish(
        account,
        { message: MESSAGE },
        { idempotencyKey: 'pub-6:v1', publishAt: new Date(Date.now() + leadMs) },
      );
      const [post] = fake.posts(page.id);
      expect(post.published).toBe(true);
      expect(post.scheduledPublishTime).toBeUndefined();
    });

    it('refuses invalid content before calling Facebook', async () => {
      const photos = Array.from({ length: 11 }, (_, i) => ({ url: `https://cdn.example.vn/${i}.jpg` }));
      const error = await rejection(
        channel.publish(account, { message: MESSAGE, photos }, { idempotencyKey: 'pub-7:v1' }),
      );
      expect(error).toMatchObject({ kind: 'permanent', code: 'facebook.invalid_content' });
      expect(error.options.details?.problems).toEqual([expect.objectContaining({ code: 'FACEBOOK_TOO_MANY_PHOTOS' })]);
      expect(fake.calls).toHaveLength(0);
    });
  });

  describe('errors map to the kind the engine acts on', () => {
    it.each([1, 2])('code %i (transient) → retryable, nothing published', async (code) => {
      fake.failNext({
        code,
        message:
          code === 1
            ? 'An unknown error occurred'
            : 'An unexpected error has occurred. Please retry your request later.',
      });
      const error = await rejection(channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'err-1:v1' }));
      expect(error).toMatchObject({ kind: 'retryable', code: `facebook.${code}` });
      expect(fake.posts(page.id)).toHaveLength(0);
    });

    it('the Page call limit (32) → throttled, waiting what X-Business-Use-Case-Usage estimates', async () => {
      await fake.close();
      fake = await FakeGraphApi.start({ pageCallLimit: 2, regainMinutes: 17 });
      page = fake.addPage({ name: 'Trang giới hạn' });
      account = accountFor(page.id, fake.issuePageToken(page.id));
      channel = new FacebookChannel({ graphBaseUrl: fake.baseUrl });

      await channel.publish(account, { message: 'Tin thứ nhất' }, { idempotencyKey: 'rl-1' });
      await channel.publish(account, { message: 'Tin thứ hai' }, { idempotencyKey: 'rl-2' });
      const error = await rejection(channel.publish(account, { message: 'Tin thứ ba' }, { idempotencyKey: 'rl-3' }));

      expect(error).toMatchObject({ kind: 'throttled', code: 'facebook.32' });
      expect(error.retryAfterMs).toBe(17 * 60_000);
      expect(fake.posts(page.id)).toHaveLength(2);
    });

    it.each([
      [4, 'page', 3, 3 * 60_000],
      [17, 'business', 5, 5 * 60_000],
      [613, 'app', 0, FACEBOOK_DEFAULT_RATE_LIMIT_WAIT_MS],
    ] as const)(
      'code %i with %s usage header → throttled with the right wait',
      async (code, header, minutes, expectedMs) => {
        fake.rateLimitNext(code, { header, regainMinutes: minutes });
        const error = await rejection(channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'err-2:v1' }));
        expect(error).toMatchObject({ kind: 'throttled', code: `facebook.${code}` });
        expect(error.retryAfterMs).toBe(expectedMs);
        expect(fake.posts(page.id)).toHaveLength(0);
      },
    );

    it('an expired page token (190/463) → auth_expired', async () => {
      const error = await rejection(
        channel.publish(
          accountFor(page.id, fake.issuePageToken(page.id, { expired: true })),
          { message: MESSAGE },
          { idempotencyKey: 'e' },
        ),
      );
      expect(error).toMatchObject({ kind: 'auth_expired', code: 'facebook.190' });
      expect(error.options.details?.subcode).toBe(463);
      expect(error.message).toContain('hết hạn');
    });

    it('a token invalidated by a password change (190/460) or unknown to Facebook (190) → auth_expired', async () => {
      fake.invalidateToken(token);
      const invalidated = await rejection(channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'e' }));
      expect(invalidated).toMatchObject({ kind: 'auth_expired', code: 'facebook.190' });
      expect(invalidated.options.details?.subcode).toBe(460);
      const unknown = await rejection(
        channel.publish(accountFor(page.id, 'EAAnot-a-token'), { message: MESSAGE }, { idempotencyKey: 'e' }),
      );
      expect(unknown).toMatchObject({ kind: 'auth_expired', code: 'facebook.190' });
    });

    it('missing credentials → auth_expired without calling Facebook', async () => {
      const error = await rejection(
        channel.publish(accountFor(page.id, null), { message: MESSAGE }, { idempotencyKey: 'e' }),
      );
      expect(error).toMatchObject({ kind: 'auth_expired', code: 'facebook.no_credentials' });
      expect(fake.calls).toHaveLength(0);
    });

    it('a token without pages_manage_posts (200) → auth_expired (reconnect with the permission)', async () => {
      const readOnly = fake.issuePageToken(page.id, { permissions: ['pages_read_engagement'] });
      const error = await rejection(
        channel.publish(accountFor(page.id, readOnly), { message: MESSAGE }, { idempotencyKey: 'e' }),
      );
      expect(error).toMatchObject({ kind: 'auth_expired', code: 'facebook.200' });
      expect(fake.posts(page.id)).toHaveLength(0);
    });

    it('a Page id that does not exist (100/33) → permanent', async () => {
      const error = await rejection(
        channel.publish(accountFor('999999999', token), { message: MESSAGE }, { idempotencyKey: 'e' }),
      );
      expect(error).toMatchObject({ kind: 'permanent', code: 'facebook.100' });
      expect(error.options.details?.subcode).toBe(33);
    });

    it('an invalid parameter (100) → permanent, naming the parameter', async () => {
      fake.failNext({ code: 100, message: '(#100) Param link must be a valid URL' });
      const error = await rejection(channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'e' }));
      expect(error).toMatchObject({ kind: 'permanent', code: 'facebook.100' });
      expect(error.options.details?.parameter).toBe('link');
      expect(error.message).toContain('“link”');
    });

    it('temporarily blocked (368) → blocked', async () => {
      fake.failNext({ code: 368, message: 'The action attempted has been deemed abusive or is otherwise disallowed' });
      const error = await rejection(channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'e' }));
      expect(error).toMatchObject({ kind: 'blocked', code: 'facebook.368' });
    });

    it('a duplicate (506) of this publication resolves to the post that exists; no second post', async () => {
      const first = await channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'dup-1:v1' });
      const second = await channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'dup-1:v1' });

      expect(fake.calls.some((c) => c.errorCode === 506)).toBe(true);
      expect(second.externalId).toBe(first.externalId);
      expect(second.response).toMatchObject({ duplicate: true });
      expect(fake.posts(page.id)).toHaveLength(1);
    });

    it('a duplicate (506) that no post of this publication explains → permanent', async () => {
      fake.failNext({ code: 506, message: '(#506) Duplicate status message' });
      const error = await rejection(channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'dup-2:v1' }));
      expect(error).toMatchObject({ kind: 'permanent', code: 'facebook.506' });
    });

    it.each(['hang', 'reset'] as const)(
      'an answer lost after the post was created (%s) → unknown; lookup finds the one post',
      async (mode) => {
        const impatient = new FacebookChannel({ graphBaseUrl: fake.baseUrl, timeoutMs: 300 });
        fake.hangAfterCommit(mode);
        const error = await rejection(
          impatient.publish(
            account,
            { message: MESSAGE, link: 'https://tuyenquang.gov.vn/' },
            { idempotencyKey: 'lost-1:v1' },
          ),
        );

        expect(error.kind).toBe('unknown');
        const posts = fake.posts(page.id);
        expect(posts).toHaveLength(1);
        const found = await impatient.lookup(account, 'lost-1:v1');
        expect(found).toEqual({
          externalId: posts[0].id,
          url: `https://www.facebook.com/${page.id}/posts/${posts[0].id.split('_')[1]}`,
          // Facebook's own time of the post (created_time), not the time of the lookup.
          publishedAt: posts[0].createdTime,
          response: { id: posts[0].id, foundIn: 'posts' },
        });
        expect(fake.posts(page.id)).toHaveLength(1);
      },
    );

    it('an answer lost while uploading an unpublished photo → retryable; nothing public exists', async () => {
      const impatient = new FacebookChannel({ graphBaseUrl: fake.baseUrl, timeoutMs: 300 });
      fake.hangAfterCommit('hang', { match: (c) => c.path.endsWith('/photos') });
      const error = await rejection(
        impatient.publish(
          account,
          { message: MESSAGE, photos: [{ url: PHOTO_A }, { url: PHOTO_B }] },
          { idempotencyKey: 'lost-2:v1' },
        ),
      );
      expect(error.kind).toBe('retryable');
      expect(fake.posts(page.id)).toHaveLength(0);
    });

    it('Facebook unreachable → retryable (nothing was sent)', async () => {
      const port = await closedPort();
      const offline = new FacebookChannel({ graphBaseUrl: `http://127.0.0.1:${port}/v23.0` });
      const error = await rejection(offline.publish(account, { message: MESSAGE }, { idempotencyKey: 'e' }));
      expect(error).toMatchObject({ kind: 'retryable', code: 'facebook.unreachable' });
    });
  });

  describe('lookup, remove, checkConnection', () => {
    it('lookup answers null when no post carries the key, and finds a post past the first page of results', async () => {
      expect(await channel.lookup(account, 'never-published')).toBeNull();
      const target = await channel.publish(account, { message: 'Bài cần tìm' }, { idempotencyKey: 'deep:v1' });
      for (let i = 0; i < 105; i++)
        await channel.publish(account, { message: `Tin số ${i}` }, { idempotencyKey: `filler-${i}` });

      const found = await channel.lookup(account, 'deep:v1');
      expect(found?.externalId).toBe(target.externalId);
      const listings = fake.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/posts'));
      expect(listings.length).toBeGreaterThanOrEqual(3);
      expect(listings.at(-1)?.params.after).toBeDefined();
    });

    it('lookup tells posts apart by key even when their text is the same', async () => {
      await channel.publish(account, { message: 'Thông báo lịch tiếp công dân' }, { idempotencyKey: 'same-a' });
      await channel.publish(account, { message: 'Tin khác ở giữa' }, { idempotencyKey: 'other' });
      const b = await channel.publish(
        account,
        { message: 'Thông báo lịch tiếp công dân' },
        { idempotencyKey: 'same-b' },
      );
      expect((await channel.lookup(account, 'same-b'))?.externalId).toBe(b.externalId);
    });

    it('remove deletes the post; removing it again is not an error', async () => {
      const { externalId } = await channel.publish(account, { message: MESSAGE }, { idempotencyKey: 'rm:v1' });
      await channel.remove(account, externalId);
      expect(fake.posts(page.id)).toHaveLength(0);
      expect(fake.posts(page.id, { includeDeleted: true })).toEqual([
        expect.objectContaining({ id: externalId, deleted: true }),
      ]);
      await expect(channel.remove(account, externalId)).resolves.toBeUndefined();
      expect(fake.callCount('DELETE', new RegExp(`^${externalId}$`))).toBe(2);
    });

    it('checkConnection names the Page, or says in Vietnamese what is wrong', async () => {
      expect(await channel.checkConnection(account)).toEqual({
        ok: true,
        message: `Đã kết nối Trang Facebook “${page.name}”.`,
        details: { pageId: page.id, name: page.name },
      });
      const expired = await channel.checkConnection(
        accountFor(page.id, fake.issuePageToken(page.id, { expired: true })),
      );
      expect(expired).toMatchObject({ ok: false, details: { kind: 'auth_expired', code: 'facebook.190' } });
      expect(expired.message).toContain('hết hạn');
      const offline = await new FacebookChannel({
        graphBaseUrl: `http://127.0.0.1:${await closedPort()}/v23.0`,
      }).checkConnection(account);
      expect(offline).toMatchObject({ ok: false, details: { code: 'facebook.unreachable' } });
      expect(offline.message).toContain('Không kết nối được');
    });
  });
});

describe('the fake Graph API enforces the rules the adapter relies on', () => {
  let fake: FakeGraphApi;
  let page: FakePage;
  let token: string;
  const post = (path: string, params: Record<string, string>, accessToken = token) =>
    axios.post(`${fake.baseUrl}/${path}`, new URLSearchParams({ ...params, access_token: accessToken }).toString(), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      validateStatus: () => true,
    });
  const errorOf = (response: { status: number; data: { error?: { code?: number; error_subcode?: number } } }) => ({
    status: response.status,
    code: response.data.error?.code,
    subcode: response.data.error?.error_subcode,
  });

  beforeEach(async () => {
    fake = await FakeGraphApi.start();
    page = fake.addPage({ name: 'Trang thử' });
    token = fake.issuePageToken(page.id);
  });

  afterEach(async () => {
    await fake.close();
  });

  it('tokens: missing → 104, unknown → 190, expired → 190/463', async () => {
    expect(errorOf(await axios.get(`${fake.baseUrl}/${page.id}`, { validateStatus: () => true }))).toMatchObject({
      status: 400,
      code: 104,
    });
    expect(errorOf(await post(`${page.id}/feed`, { message: 'x' }, 'EAAbogus'))).toMatchObject({
      status: 400,
      code: 190,
    });
    expect(
      errorOf(await post(`${page.id}/feed`, { message: 'x' }, fake.issuePageToken(page.id, { expired: true }))),
    ).toEqual({ status: 400, code: 190, subcode: 463 });
  });

  it('feed: a message (or link or media) is required, and limited to 63,206 characters', async () => {
    expect(errorOf(await post(`${page.id}/feed`, {}))).toMatchObject({ code: 100 });
    expect(errorOf(await post(`${page.id}/feed`, { message: 'ạ'.repeat(63_207) }))).toMatchObject({ code: 100 });
    expect((await post(`${page.id}/feed`, { message: 'ạ'.repeat(63_206) })).status).toBe(200);
  });

  it('feed: the same message twice in a row is a duplicate (506)', async () => {
    expect((await post(`${page.id}/feed`, { message: 'Một thông báo' })).status).toBe(200);
    expect(errorOf(await post(`${page.id}/feed`, { message: 'Một thông báo' }))).toMatchObject({ code: 506 });
    expect(fake.posts(page.id)).toHaveLength(1);
  });

  it('feed: scheduled_publish_time needs published=false and 10 minutes to 30 days of lead', async () => {
    const at = (ms: number) => String(Math.floor((Date.now() + ms) / 1000));
    expect(
      errorOf(
        await post(`${page.id}/feed`, { message: 'a', published: 'false', scheduled_publish_time: at(5 * 60_000) }),
      ),
    ).toMatchObject({ code: 100 });
    expect(
      errorOf(
        await post(`${page.id}/feed`, {
          message: 'b',
          published: 'false',
          scheduled_publish_time: at(31 * 24 * 3600_000),
        }),
      ),
    ).toMatchObject({ code: 100 });
    expect(
      errorOf(await post(`${page.id}/feed`, { message: 'c', scheduled_publish_time: at(3600_000) })),
    ).toMatchObject({ code: 100 });
    expect(
      (await post(`${page.id}/feed`, { message: 'd', published: 'false', scheduled_publish_time: at(3600_000) }))
        .status,
    ).toBe(200);
    expect(fake.posts(page.id)).toEqual([expect.objectContaining({ message: 'd', published: false })]);
  });

  it('feed: attached_media must name unpublished, unattached photos of the same Page', async () => {
    const other = fake.addPage({ name: 'Trang khác' });
    const otherToken = fake.issuePageToken(other.id);
    const upload = async (pageId: string, published: string, accessToken = token) =>
      (await post(`${pageId}/photos`, { url: PHOTO_A, published }, accessToken)).data.id as string;
    const published = await upload(page.id, 'true');
    const foreign = await upload(other.id, 'false', otherToken);
    const mine = await upload(page.id, 'false');
    const media = (id: string) => JSON.stringify({ media_fbid: id });

    expect(
      errorOf(await post(`${page.id}/feed`, { message: 'p', 'attached_media[0]': media(published) })),
    ).toMatchObject({ code: 100 });
    expect(errorOf(await post(`${page.id}/feed`, { message: 'f', 'attached_media[0]': media(foreign) }))).toMatchObject(
      { code: 100 },
    );
    expect(errorOf(await post(`${page.id}/feed`, { message: 'g', 'attached_media[1]': media(mine) }))).toMatchObject({
      code: 100,
    });
    expect(errorOf(await post(`${page.id}/feed`, { message: 'h', 'attached_media[0]': '{"id":"1"}' }))).toMatchObject({
      code: 100,
    });
    expect((await post(`${page.id}/feed`, { message: 'ok', 'attached_media[0]': media(mine) })).status).toBe(200);
    expect(
      errorOf(await post(`${page.id}/feed`, { message: 'again', 'attached_media[0]': media(mine) })),
    ).toMatchObject({ code: 100 });
  });

  it('photos: a url is required (324) and must be a web address (100); writing to another Page is refused (200)', async () => {
    expect(errorOf(await post(`${page.id}/photos`, { published: 'false' }))).toMatchObject({ code: 324 });
    expect(errorOf(await post(`${page.id}/photos`, { url: 'ftp://example.vn/a.jpg' }))).toMatchObject({ code: 100 });
    const other = fake.addPage({ name: 'Trang khác' });
    expect(errorOf(await post(`${other.id}/feed`, { message: 'x' }))).toMatchObject({ code: 200 });
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
