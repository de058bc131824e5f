import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { ChannelAccountContext, ChannelError, PortalArticle } from '@nhip/channels';
import { WordPressChannel } from '../../../libs/channels/src/adapters/portal';
import { startWordPress, TestWordPress } from '../../support/wordpress/wordpress-server';
import { makePng, startFileServer, startProxy } from './http-helpers';
import { localOutbound } from '../../support/outbound';

/*
 * The WordPress adapter against a real WordPress (Debian's package, php -S, MariaDB), one site per
 * permalink mode. Every check of what was published goes through WordPress's own REST API.
 */

const PNG = makePng(64, 48, [0xda, 0x25, 0x1d]);
const IMAGE_PATH = '/anh/ngày-hội-chuyển-đổi-số.png';

let plain: TestWordPress;
let pretty: TestWordPress;
let images: Awaited<ReturnType<typeof startFileServer>>;

beforeAll(async () => {
  [plain, pretty, images] = await Promise.all([
    startWordPress({ permalinks: 'plain' }),
    startWordPress({ permalinks: 'pretty' }),
    startFileServer({
      [IMAGE_PATH]: { body: PNG, contentType: 'image/png' },
      '/tai-lieu.txt': { body: Buffer.from('x'), contentType: 'text/plain' },
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([plain?.stop(), pretty?.stop(), images?.stop()]);
});

function account(
  site: { siteUrl: string; username: string; applicationPassword: string },
  settings: Record<string, unknown> = {},
): ChannelAccountContext {
  return {
    id: randomUUID(),
    type: 'portal',
    settings: { siteUrl: site.siteUrl, ...settings },
    credentials: { username: site.username, applicationPassword: site.applicationPassword },
    credentialsVersion: 1,
  };
}

/** WordPress's REST API, called directly as the administrator (always through ?rest_route=, which needs no rewriting). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- WordPress answers are read loosely, field by field
async function wpApi<T = any>(
  site: TestWordPress,
  method: 'GET' | 'POST',
  route: string,
  params: Record<string, unknown> = {},
  data?: unknown,
) {
  const response = await axios.request<T>({
    method,
    url: `${site.siteUrl}/`,
    params: { rest_route: `/${route}`, ...params },
    data,
    auth: { username: site.username, password: site.applicationPassword },
    validateStatus: () => true,
  });
  return response;
}

/** Every post (any status) whose slug is this one or a WordPress-made variant of it ("-2"). */
async function postsWithSlug(
  site: TestWordPress,
  slug: string,
): Promise<Array<{ id: number; slug: string; status: string }>> {
  const response = await wpApi(site, 'GET', 'wp/v2/posts', { status: 'any', per_page: 100, _fields: 'id,slug,status' });
  expect(response.status).toBe(200);
  return (response.data as Array<{ id: number; slug: string; status: string }>).filter(
    (post) => post.slug === slug || post.slug.startsWith(`${slug}-`),
  );
}

function article(overrides: Partial<PortalArticle> = {}): PortalArticle {
  return {
    title: 'Ngày hội Chuyển đổi số tỉnh Tuyên Quang năm 2026',
    html:
      '<p>Sáng 10/10, Ủy ban nhân dân tỉnh tổ chức <strong>Ngày hội toàn dân học tập số</strong> với hơn 2.000 người tham dự.</p>' +
      '<p>Người dân được hướng dẫn cài đặt ứng dụng VNeID và nộp hồ sơ trực tuyến.</p><script>alert("x")</script>',
    excerpt: 'Hơn 2.000 người dân tham gia Ngày hội toàn dân học tập số.',
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('WordPressChannel against a real WordPress', () => {
  it('publishes an article with a featured image, a category and a tag, as WordPress then shows it', async () => {
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 });
    const category = await wpApi(plain, 'POST', 'wp/v2/categories', {}, { name: 'Khoa học & Công nghệ' });
    expect(category.status).toBe(201);
    const key = `pub-${randomUUID()}`;
    const content = article({
      categories: ['khoa học & công nghệ'],
      tags: ['Nghị quyết 57'],
      featuredImage: { url: `${images.url}${encodeURI(IMAGE_PATH)}`, alt: 'Quang cảnh ngày hội' },
    });

    const result = await channel.publish(account(plain, { allowCreateTerms: true }), content, { idempotencyKey: key });

    const post = await wpApi(plain, 'GET', `wp/v2/posts/${result.externalId}`, { context: 'edit' });
    expect(post.status).toBe(200);
    expect(post.data.title.raw).toBe(content.title);
    expect(post.data.status).toBe('publish');
    expect(post.data.slug).toBe(`nhip-${key}`);
    expect(post.data.content.raw).toContain('Ngày hội toàn dân học tập số');
    expect(post.data.content.raw).toContain('Người dân được hướng dẫn cài đặt ứng dụng VNeID');
    expect(post.data.content.raw).not.toContain('<script');
    expect(post.data.excerpt.raw).toBe(content.excerpt);
    expect(result.url).toBe(post.data.link);

    expect(post.data.categories).toEqual([category.data.id]);
    expect(post.data.tags).toHaveLength(1);
    const tag = await wpApi(plain, 'GET', `wp/v2/tags/${post.data.tags[0]}`);
    expect(tag.data.name).toBe('Nghị quyết 57');
    const categoryNow = await wpApi(plain, 'GET', `wp/v2/categories/${post.data.categories[0]}`);
    expect(categoryNow.data.name).toBe('Khoa học &amp; Công nghệ');

    expect(post.data.featured_media).toBeGreaterThan(0);
    const media = await wpApi(plain, 'GET', `wp/v2/media/${post.data.featured_media}`, { context: 'edit' });
    expect(media.data.mime_type).toBe('image/png');
    expect(media.data.alt_text).toBe('Quang cảnh ngày hội');
    expect(media.data.media_details).toMatchObject({ width: 64, height: 48 });
    const stored = await axios.get<ArrayBuffer>(media.data.source_url, { responseType: 'arraybuffer' });
    expect(Buffer.from(stored.data).equals(PNG)).toBe(true);

    const page = await axios.get<string>(result.url as string, { responseType: 'text' });
    expect(page.status).toBe(200);
    expect(page.data).toContain('Ngày hội Chuyển đổi số tỉnh Tuyên Quang năm 2026');
  });

  it('publishes twice with the same key as one post, fetching the image once', async () => {
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 });
    const key = `pub-${randomUUID()}`;
    const hitsBefore = images.hits(IMAGE_PATH);
    const content = article({ featuredImage: { url: `${images.url}${encodeURI(IMAGE_PATH)}` } });

    const first = await channel.publish(account(plain), content, { idempotencyKey: key });
    const second = await new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 }).publish(
      account(plain),
      content,
      {
        idempotencyKey: key,
      },
    );

    expect(second.externalId).toBe(first.externalId);
    expect(second.url).toBe(first.url);
    expect(first.response).toMatchObject({ outcome: 'created', status: 'publish' });
    expect(second.response).toMatchObject({ outcome: 'existing', status: 'publish' });
    expect(await postsWithSlug(plain, `nhip-${key}`)).toEqual([
      { id: Number(first.externalId), slug: `nhip-${key}`, status: 'publish' },
    ]);
    expect(images.hits(IMAGE_PATH) - hitsBefore).toBe(1);
  });

  it('turns a create that timed out after WordPress made the post into unknown, resolved by lookup without a second post', async () => {
    const isCreate = (method: string | undefined, url: URL) =>
      method === 'POST' &&
      (url.searchParams.get('rest_route') ?? url.pathname).replace(/\/$/, '').endsWith('/wp/v2/posts');
    const proxy = await startProxy(plain.siteUrl, { delay: (req, url) => (isCreate(req.method, url) ? 4_000 : 0) });
    try {
      const site = { ...plain, siteUrl: proxy.url };
      const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 1_500 });
      const key = `pub-${randomUUID()}`;

      const error = await rejection(channel.publish(account(site), article(), { idempotencyKey: key }));
      expect(error.kind).toBe('unknown');
      expect(error.code).toBe('wordpress.timeout');
      expect(error.message).toMatch(/không biết yêu cầu đã được thực hiện hay chưa/);

      await proxy.settled();
      const [created] = await postsWithSlug(plain, `nhip-${key}`);
      expect(created).toBeDefined();

      const found = await channel.lookup(account(site), key);
      expect(found).not.toBeNull();
      expect(found?.externalId).toBe(String(created.id));
      const post = await wpApi(plain, 'GET', `wp/v2/posts/${created.id}`);
      expect(found?.url).toBe(post.data.link);
      expect(found?.response).toMatchObject({ status: 'publish' });
      // WordPress's own time of the post (date_gmt, UTC without a zone).
      expect(found?.publishedAt).toEqual(new Date(`${post.data.date_gmt}Z`));

      const retried = await channel.publish(account(site), article(), { idempotencyKey: key });
      expect(retried.externalId).toBe(String(created.id));
      expect(await postsWithSlug(plain, `nhip-${key}`)).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  });

  it('finds nothing for a key that was never published', async () => {
    expect(
      await new WordPressChannel({ http: localOutbound }).lookup(account(plain), `pub-${randomUUID()}`),
    ).toBeNull();
  });

  it('maps a wrong application password to auth_expired, and says so when checking the connection', async () => {
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 });
    const wrong = account({ ...plain, applicationPassword: 'abcd efgh ijkl mnop qrst uvwx' });
    const key = `pub-${randomUUID()}`;

    const error = await rejection(channel.publish(wrong, article(), { idempotencyKey: key }));
    expect(error.kind).toBe('auth_expired');
    expect(error.message).toMatch(/không chấp nhận thông tin đăng nhập/);
    expect(error.message).toContain('mật khẩu ứng dụng WordPress');

    const check = await channel.checkConnection(wrong);
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/không chấp nhận thông tin đăng nhập khi kiểm tra kết nối/);
    expect(await postsWithSlug(plain, `nhip-${key}`)).toEqual([]);
  });

  it('maps a valid login without the permission to permanent, and names the missing rights', async () => {
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 });
    const contributor = account({ siteUrl: plain.siteUrl, ...plain.contributor });

    const upload = await rejection(
      channel.publish(contributor, article({ featuredImage: { url: `${images.url}${encodeURI(IMAGE_PATH)}` } }), {
        idempotencyKey: `pub-${randomUUID()}`,
      }),
    );
    expect(upload.kind).toBe('permanent');
    expect(upload.code).toBe('wordpress.rest_cannot_create');
    expect(upload.message).toMatch(/đăng nhập được nhưng không có quyền tải ảnh đại diện lên/);

    const key = `pub-${randomUUID()}`;
    const publish = await rejection(channel.publish(contributor, article(), { idempotencyKey: key }));
    expect(publish.kind).toBe('permanent');
    expect(publish.code).toBe('wordpress.rest_cannot_publish');
    expect(await postsWithSlug(plain, `nhip-${key}`)).toEqual([]);

    const check = await channel.checkConnection(contributor);
    expect(check.ok).toBe(false);
    expect(check.message).toContain('nhip-contributor');
    expect(check.message).toMatch(/thiếu quyền đăng bài \(publish_posts\), tải ảnh lên \(upload_files\)/);
  });

  it('maps a parameter WordPress refuses to permanent, naming the field', async () => {
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 });
    const key = `pub-${randomUUID()}`;
    const error = await rejection(
      channel.publish(account(plain, { publishMode: 'wordpress-schedules' }), article(), {
        idempotencyKey: key,
        publishAt: new Date(Date.UTC(10_000, 0, 1)),
      }),
    );
    expect(error.kind).toBe('permanent');
    expect(error.code).toBe('wordpress.rest_invalid_param');
    expect(error.message).toMatch(/trường date_gmt/);
    expect(await postsWithSlug(plain, `nhip-${key}`)).toEqual([]);
  });

  it('refuses a category the portal does not have unless creating terms is allowed', async () => {
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 });
    const name = `Chuyên mục ${randomUUID().slice(0, 8)}`;
    const error = await rejection(
      channel.publish(account(plain), article({ categories: [name] }), { idempotencyKey: `pub-${randomUUID()}` }),
    );
    expect(error.kind).toBe('permanent');
    expect(error.code).toBe('wordpress.term_missing');
    expect(error.message).toContain(`«${name}»`);
    const search = await wpApi(plain, 'GET', 'wp/v2/categories', { search: name });
    expect(search.data).toEqual([]);
  });

  it('maps WordPress being down to retryable, before and after the API root was found', async () => {
    const closed = await startProxy(plain.siteUrl);
    const closedUrl = closed.url;
    await closed.stop();
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 5_000 });

    const never = await rejection(
      channel.publish(account({ ...plain, siteUrl: closedUrl }), article(), { idempotencyKey: `pub-${randomUUID()}` }),
    );
    expect(never.kind).toBe('retryable');
    expect(never.code).toBe('wordpress.unreachable');
    expect(never.message).toMatch(/Không kết nối được tới cổng WordPress/);

    const proxy = await startProxy(plain.siteUrl);
    const site = account({ ...plain, siteUrl: proxy.url });
    expect((await channel.checkConnection(site)).ok).toBe(true);
    await proxy.stop();
    const down = await rejection(channel.publish(site, article(), { idempotencyKey: `pub-${randomUUID()}` }));
    expect(down.kind).toBe('retryable');
    expect(down.code).toBe('wordpress.unreachable');

    const check = await channel.checkConnection(account({ ...plain, siteUrl: closedUrl }));
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/Không kết nối được/);
  });

  it("hands a publication more than 60 s ahead to WordPress as a future post in 'wordpress-schedules' mode", async () => {
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 });
    const publishAt = new Date(Date.now() + 2 * 24 * 3600_000);
    publishAt.setUTCMilliseconds(0);

    const scheduled = await channel.publish(account(plain, { publishMode: 'wordpress-schedules' }), article(), {
      idempotencyKey: `pub-${randomUUID()}`,
      publishAt,
    });
    const post = await wpApi(plain, 'GET', `wp/v2/posts/${scheduled.externalId}`, { context: 'edit' });
    expect(post.data.status).toBe('future');
    expect(new Date(`${post.data.date_gmt}Z`).toISOString()).toBe(publishAt.toISOString());
    expect(scheduled.response).toMatchObject({ status: 'future' });

    const soon = await channel.publish(account(plain, { publishMode: 'wordpress-schedules' }), article(), {
      idempotencyKey: `pub-${randomUUID()}`,
      publishAt: new Date(Date.now() + 30_000),
    });
    expect((await wpApi(plain, 'GET', `wp/v2/posts/${soon.externalId}`)).data.status).toBe('publish');

    const dispatch = await channel.publish(account(plain), article(), {
      idempotencyKey: `pub-${randomUUID()}`,
      publishAt,
    });
    expect((await wpApi(plain, 'GET', `wp/v2/posts/${dispatch.externalId}`)).data.status).toBe('publish');
  });

  it('removes a post for good, and removing it again is done', async () => {
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 });
    const key = `pub-${randomUUID()}`;
    const published = await channel.publish(account(plain), article(), { idempotencyKey: key });

    await channel.remove(account(plain), published.externalId);
    expect((await wpApi(plain, 'GET', `wp/v2/posts/${published.externalId}`, { context: 'edit' })).status).toBe(404);
    expect(await postsWithSlug(plain, `nhip-${key}`)).toEqual([]);
    await expect(channel.remove(account(plain), published.externalId)).resolves.toBeUndefined();
    expect(await channel.lookup(account(plain), key)).toBeNull();
  });

  it('finds the API through ?rest_route= when the site hides its Link header', async () => {
    const proxy = await startProxy(plain.siteUrl, { stripLink: true });
    try {
      const check = await new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 }).checkConnection(
        account({ ...plain, siteUrl: proxy.url }),
      );
      expect(check).toMatchObject({ ok: true, details: { apiRoot: `${proxy.url}/?rest_route=%2F` } });
    } finally {
      await proxy.stop();
    }
  });

  it('reports a working connection with the user name', async () => {
    const check = await new WordPressChannel({ http: localOutbound }).checkConnection(account(plain));
    expect(check.ok).toBe(true);
    expect(check.message).toBe(`Kết nối tốt: đã đăng nhập ${plain.siteUrl} với tài khoản “nhip-admin”.`);
    expect(check.details).toMatchObject({ apiRoot: `${plain.siteUrl}/index.php?rest_route=/` });
  });
});

describe('WordPressChannel against a real WordPress with pretty permalinks', () => {
  it('discovers /wp-json/ and publishes there', async () => {
    const channel = new WordPressChannel({ http: localOutbound, timeoutMs: 10_000 });
    const check = await channel.checkConnection(account(pretty));
    expect(check.details).toMatchObject({ apiRoot: `${pretty.siteUrl}/wp-json/` });

    const key = `pub-${randomUUID()}`;
    const result = await channel.publish(
      account(pretty, { allowCreateTerms: true }),
      article({ categories: ['Chuyển đổi số'], featuredImage: { url: `${images.url}${encodeURI(IMAGE_PATH)}` } }),
      { idempotencyKey: key },
    );
    expect(result.url).toBe(`${pretty.siteUrl}/nhip-${key}/`);

    const post = await wpApi(pretty, 'GET', `wp/v2/posts/${result.externalId}`, { context: 'edit' });
    expect(post.data.title.raw).toBe('Ngày hội Chuyển đổi số tỉnh Tuyên Quang năm 2026');
    expect(post.data.featured_media).toBeGreaterThan(0);
    const category = await wpApi(pretty, 'GET', `wp/v2/categories/${post.data.categories[0]}`);
    expect(category.data.name).toBe('Chuyển đổi số');

    const again = await channel.lookup(account(pretty), key);
    expect(again?.externalId).toBe(result.externalId);
    const page = await axios.get<string>(result.url as string, { responseType: 'text' });
    expect(page.data).toContain('Người dân được hướng dẫn cài đặt ứng dụng VNeID');
  });
});
