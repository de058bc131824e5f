import type { AxiosInstance, AxiosResponse, Method } from 'axios';
import { createOutboundHttp, nfc, slugify } from '@nhip/core';
import type {
  ChannelAccountContext,
  ChannelAdapter,
  ConnectionCheck,
  PublishOptions,
  PublishResult,
  ValidationProblem,
} from '../../channel';
import { ChannelError } from '../../channel-error';
import type { MediaRef, PortalArticle } from '../../content/channel-content';
import { decodeHtmlEntities, portalText, sanitizePortalHtml } from './portal-html';
import { validatePortalArticle } from './portal-rules';
import { readWordPressAccount, WordPressAccount } from './wordpress-account';
import { discoverWordPressApiRoot, wordPressRouteUrl } from './wordpress-api-root';
import { isWordPressError, wordPressErrorFromResponse, wordPressErrorFromTransport } from './wordpress-errors';
import { wordPressSlugForKey } from './wordpress-slug';

export interface WordPressChannelOptions {
  /** Per request: connecting, and each wait for the next bytes. Default 30 s. */
  timeoutMs?: number;
  /** Default: the guarded outbound client with private hosts refused (see createOutboundHttp). */
  http?: AxiosInstance;
  /** Largest featured image fetched and uploaded. Default 20 MB. */
  maxImageBytes?: number;
  /** The clock, for deciding whether a publication lies far enough ahead to hand to WordPress. */
  now?: () => number;
}

/** WordPress stores `future` less than this far ahead as `publish`. */
const FUTURE_MIN_LEAD_MS = 60_000;

const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

interface WpPost {
  id: number;
  link?: string;
  status?: string;
  slug?: string;
  date_gmt?: string;
}

interface WpTerm {
  id: number;
  name: string;
}

type Taxonomy = 'categories' | 'tags';

const TAXONOMY_LABEL: Record<Taxonomy, string> = { categories: 'Chuyên mục', tags: 'Thẻ' };

interface CallSpec {
  method: Method;
  route: string;
  query?: Record<string, string | number | boolean | undefined>;
  data?: unknown;
  headers?: Record<string, string>;
  /** What is being done, in Vietnamese, for error messages. */
  action: string;
  /** A blind retry would duplicate it: a failure after sending is then `unknown`. */
  sideEffects?: boolean;
  /** Turns a WordPress error answer into a result instead of an error (e.g. term_exists). */
  recover?: (response: AxiosResponse) => unknown;
}

/**
 * Web portals on WordPress, through the REST API with an Application Password (Basic auth).
 *
 * WordPress has no idempotency keys, so a post's slug is derived from the publication's key and looked up
 * before every create: a retry after an unknown outcome returns the post the first attempt made.
 */
export class WordPressChannel implements ChannelAdapter<'portal'> {
  readonly type = 'portal' as const;
  // A post WordPress stored is found by its slug at once (status=any).
  readonly visibilityWindowMs = 0;
  private readonly http: AxiosInstance;
  private readonly timeoutMs: number;
  private readonly maxImageBytes: number;
  private readonly now: () => number;
  /** Discovered REST API roots by site URL. */
  private readonly apiRoots = new Map<string, Promise<string>>();

  constructor(options: WordPressChannelOptions = {}) {
    this.http = options.http ?? createOutboundHttp();
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxImageBytes = options.maxImageBytes ?? 20 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  validate(content: unknown): ValidationProblem[] {
    return validatePortalArticle(content);
  }

  async publish(
    account: ChannelAccountContext,
    content: PortalArticle,
    options: PublishOptions,
  ): Promise<PublishResult> {
    const problems = this.validate(content);
    if (problems.length > 0) {
      throw new ChannelError(
        'permanent',
        'wordpress.invalid_content',
        `Bài viết chưa đạt quy tắc của cổng thông tin: ${problems.map((problem) => problem.message).join(' ')}`,
        { details: { problems } },
      );
    }
    const wp = readWordPressAccount(account);
    const schedule = this.schedule(wp, options.publishAt);
    const slug = wordPressSlugForKey(options.idempotencyKey);

    const existing = await this.findPost(wp, slug);
    if (existing) return this.result(existing, 'existing');

    const categories = await this.termIds(wp, 'categories', content.categories ?? []);
    const tags = await this.termIds(wp, 'tags', content.tags ?? []);
    const featuredMedia = content.featuredImage
      ? await this.featuredImage(wp, content.featuredImage, slug, content.title)
      : undefined;

    const post = await this.call<WpPost>(wp, {
      method: 'POST',
      route: 'wp/v2/posts',
      action: 'tạo bài viết',
      sideEffects: true,
      data: {
        title: portalText(content.title),
        content: sanitizePortalHtml(content.html),
        ...(content.excerpt ? { excerpt: portalText(content.excerpt) } : {}),
        slug,
        categories,
        tags,
        ...(featuredMedia !== undefined ? { featured_media: featuredMedia } : {}),
        ...schedule,
      },
    });
    return this.result(post, 'created');
  }

  async lookup(account: ChannelAccountContext, idempotencyKey: string): Promise<PublishResult | null> {
    const wp = readWordPressAccount(account);
    const post = await this.findPost(wp, wordPressSlugForKey(idempotencyKey));
    return post ? this.result(post, 'existing') : null;
  }

  async remove(account: ChannelAccountContext, externalId: string): Promise<void> {
    if (!/^\d+$/.test(externalId)) {
      throw new ChannelError(
        'permanent',
        'wordpress.invalid_id',
        `Mã bài viết WordPress "${externalId}" không hợp lệ.`,
      );
    }
    const wp = readWordPressAccount(account);
    await this.call(wp, {
      method: 'DELETE',
      route: `wp/v2/posts/${externalId}`,
      query: { force: true },
      action: 'xoá bài viết',
      // Removing what is already gone is done.
      recover: (response) =>
        isWordPressError(response.data) && response.data.code === 'rest_post_invalid_id' ? {} : undefined,
    });
  }

  async checkConnection(account: ChannelAccountContext): Promise<ConnectionCheck> {
    try {
      const wp = readWordPressAccount(account);
      const me = await this.call<{
        id: number;
        name?: string;
        roles?: string[];
        capabilities?: Record<string, boolean>;
      }>(wp, {
        method: 'GET',
        route: 'wp/v2/users/me',
        query: { context: 'edit' },
        action: 'kiểm tra kết nối',
      });
      const name = me.name || `#${me.id}`;
      const capabilities = me.capabilities ?? {};
      const missing = [
        ...(capabilities.publish_posts ? [] : ['đăng bài (publish_posts)']),
        ...(capabilities.upload_files ? [] : ['tải ảnh lên (upload_files)']),
        ...(wp.allowCreateTerms && !capabilities.manage_categories
          ? ['tạo chuyên mục và thẻ (manage_categories)']
          : []),
      ];
      const details = { userId: me.id, name, roles: me.roles ?? [], apiRoot: await this.apiRoot(wp.siteUrl) };
      if (missing.length > 0) {
        return {
          ok: false,
          message: `Đăng nhập được vào ${wp.siteUrl} với tài khoản “${name}”, nhưng tài khoản thiếu quyền ${missing.join(', ')}.`,
          details,
        };
      }
      return { ok: true, message: `Kết nối tốt: đã đăng nhập ${wp.siteUrl} với tài khoản “${name}”.`, details };
    } catch (error) {
      if (error instanceof ChannelError)
        return { ok: false, message: error.message, details: { kind: error.kind, code: error.code } };
      throw error;
    }
  }

  private schedule(
    wp: WordPressAccount,
    publishAt: Date | undefined,
  ): { status: 'publish' } | { status: 'future'; date_gmt: string } {
    if (publishAt !== undefined && Number.isNaN(publishAt.getTime())) {
      throw new ChannelError('permanent', 'wordpress.invalid_publish_at', 'Thời điểm đăng không hợp lệ.');
    }
    if (
      wp.publishMode === 'wordpress-schedules' &&
      publishAt &&
      publishAt.getTime() - this.now() > FUTURE_MIN_LEAD_MS
    ) {
      return { status: 'future', date_gmt: publishAt.toISOString().replace(/\.\d{3}Z$/, '') };
    }
    return { status: 'publish' };
  }

  private async findPost(wp: WordPressAccount, slug: string): Promise<WpPost | null> {
    // status=any needs a login with edit rights; without it WordPress would hide drafts and scheduled posts.
    const posts = await this.call<WpPost[]>(wp, {
      method: 'GET',
      route: 'wp/v2/posts',
      query: { slug, status: 'any', _fields: 'id,link,status,slug,date_gmt' },
      action: 'tra cứu bài viết đã tạo',
    });
    if (!Array.isArray(posts)) throw this.unexpected('tra cứu bài viết đã tạo');
    return posts[0] ?? null;
  }

  private async termIds(wp: WordPressAccount, taxonomy: Taxonomy, names: string[]): Promise<number[]> {
    const ids: number[] = [];
    const seen = new Set<string>();
    for (const raw of names) {
      const name = nfc(raw.trim());
      const key = termKey(name);
      if (seen.has(key)) continue;
      seen.add(key);
      const id = (await this.findTerm(wp, taxonomy, name)) ?? (await this.createTerm(wp, taxonomy, name));
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  private async findTerm(wp: WordPressAccount, taxonomy: Taxonomy, name: string): Promise<number | null> {
    const terms = await this.call<WpTerm[]>(wp, {
      method: 'GET',
      route: `wp/v2/${taxonomy}`,
      query: { search: name, per_page: 100, _fields: 'id,name' },
      action: `tìm ${TAXONOMY_LABEL[taxonomy].toLowerCase()} «${name}»`,
    });
    if (!Array.isArray(terms)) throw this.unexpected(`tìm ${TAXONOMY_LABEL[taxonomy].toLowerCase()}`);
    // The search ignores case and diacritics (MariaDB's collation), so pick the exact name; a near match is
    // resolved by createTerm, where WordPress answers term_exists for a name with the same slug.
    return terms.find((term) => termKey(decodeHtmlEntities(term.name)) === termKey(name))?.id ?? null;
  }

  private async createTerm(wp: WordPressAccount, taxonomy: Taxonomy, name: string): Promise<number> {
    const label = TAXONOMY_LABEL[taxonomy];
    if (!wp.allowCreateTerms) {
      throw new ChannelError(
        'permanent',
        'wordpress.term_missing',
        `${label} «${name}» chưa có trên cổng ${wp.siteUrl}. Tạo ${label.toLowerCase()} này trên WordPress, hoặc cho phép ` +
          'Nhịp tự tạo (allowCreateTerms) trong cài đặt tài khoản kênh.',
        { details: { taxonomy, name } },
      );
    }
    // A term that WordPress considers the same (same slug) already exists: use it.
    const term = await this.call<{ id: number }>(wp, {
      method: 'POST',
      route: `wp/v2/${taxonomy}`,
      data: { name: portalText(name) },
      action: `tạo ${label.toLowerCase()} «${name}»`,
      recover: (response) =>
        isWordPressError(response.data) &&
        response.data.code === 'term_exists' &&
        typeof response.data.data?.term_id === 'number'
          ? { id: response.data.data.term_id }
          : undefined,
    });
    return term.id;
  }

  /** Uploads the featured image once per publication: the attachment's slug is derived from the post's. */
  private async featuredImage(wp: WordPressAccount, image: MediaRef, slug: string, title: string): Promise<number> {
    const mediaSlug = `${slug}-anh-dai-dien`;
    const found = await this.call<Array<{ id: number }>>(wp, {
      method: 'GET',
      route: 'wp/v2/media',
      query: { slug: mediaSlug, _fields: 'id' },
      action: 'tra cứu ảnh đại diện đã tải lên',
    });
    if (Array.isArray(found) && found[0]) return found[0].id;

    const file = await this.fetchImage(image, slug);
    const media = await this.call<{ id: number }>(wp, {
      method: 'POST',
      route: 'wp/v2/media',
      query: {
        slug: mediaSlug,
        title: portalText(image.caption?.trim() || title),
        alt_text: image.alt ? portalText(image.alt) : undefined,
        caption: image.caption ? portalText(image.caption) : undefined,
      },
      data: file.bytes,
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
      },
      action: 'tải ảnh đại diện lên',
      // Not sideEffects: a retry finds an upload that did happen by its slug above.
    });
    return media.id;
  }

  private async fetchImage(
    image: MediaRef,
    slug: string,
  ): Promise<{ bytes: Buffer; contentType: string; filename: string }> {
    let response: AxiosResponse<ArrayBuffer>;
    try {
      response = await this.http.request<ArrayBuffer>({
        method: 'GET',
        url: image.url,
        responseType: 'arraybuffer',
        timeout: this.timeoutMs,
        maxContentLength: this.maxImageBytes,
        maxRedirects: 5,
        validateStatus: () => true,
        transitional: { clarifyTimeoutError: true },
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(String((error as Error).message))) {
        throw new ChannelError(
          'permanent',
          'wordpress.featured_image_too_large',
          `Ảnh đại diện ${image.url} lớn hơn ${Math.round(this.maxImageBytes / 1024 / 1024)} MB.`,
        );
      }
      const cause = wordPressErrorFromTransport('tải ảnh đại diện về', image.url, error, false);
      throw new ChannelError(
        cause.kind,
        'wordpress.featured_image_unreachable',
        `Không lấy được ảnh đại diện ${image.url}: ${cause.message}`,
        {
          details: cause.options.details,
          cause: error,
        },
      );
    }
    if (response.status !== 200) {
      const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
      throw new ChannelError(
        retryable ? 'retryable' : 'permanent',
        'wordpress.featured_image_unavailable',
        `Không lấy được ảnh đại diện ${image.url} (HTTP ${response.status}).`,
        { details: { httpStatus: response.status } },
      );
    }
    const contentType = String(response.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const extension = IMAGE_EXTENSIONS[contentType];
    if (!extension) {
      throw new ChannelError(
        'permanent',
        'wordpress.featured_image_type',
        `Ảnh đại diện ${image.url} có kiểu "${contentType || 'không rõ'}"; cổng nhận JPEG, PNG, GIF hoặc WebP.`,
      );
    }
    const given = image.filename ?? decodeURIComponent(new URL(image.url).pathname.split('/').pop() ?? '');
    const base = slugify(given.replace(/\.[a-z0-9]+$/i, '')).slice(0, 80) || slug;
    return { bytes: Buffer.from(response.data), contentType, filename: `${base}.${extension}` };
  }

  private async call<T>(wp: WordPressAccount, spec: CallSpec): Promise<T> {
    const url = wordPressRouteUrl(await this.apiRoot(wp.siteUrl), spec.route, spec.query);
    let response: AxiosResponse;
    try {
      response = await this.http.request({
        method: spec.method,
        url,
        data: spec.data,
        headers: { Accept: 'application/json', ...spec.headers, Authorization: wp.authorization },
        timeout: this.timeoutMs,
        // Never follow: a redirect would turn a POST into a GET and could carry the password elsewhere.
        maxRedirects: 0,
        maxBodyLength: Infinity,
        validateStatus: () => true,
        transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
      });
    } catch (error) {
      throw wordPressErrorFromTransport(spec.action, url, error, spec.sideEffects === true);
    }
    const ok = response.status >= 200 && response.status < 300;
    if (ok && typeof response.data === 'object' && response.data !== null) return response.data as T;
    const recovered = ok ? undefined : spec.recover?.(response);
    if (recovered !== undefined) return recovered as T;
    // A page that is not the REST API: the cached root may be stale (permalinks changed); find it again next time.
    if (!isWordPressError(response.data)) this.apiRoots.delete(wp.siteUrl);
    throw wordPressErrorFromResponse(spec.action, {
      status: response.status,
      data: response.data,
      headers: response.headers as Record<string, unknown>,
    });
  }

  private apiRoot(siteUrl: string): Promise<string> {
    let root = this.apiRoots.get(siteUrl);
    if (!root) {
      const discovering = discoverWordPressApiRoot(this.http, siteUrl, this.timeoutMs);
      discovering.catch(() => {
        if (this.apiRoots.get(siteUrl) === discovering) this.apiRoots.delete(siteUrl);
      });
      this.apiRoots.set(siteUrl, discovering);
      root = discovering;
    }
    return root;
  }

  private result(post: WpPost, outcome: 'created' | 'existing'): PublishResult {
    // date_gmt is UTC without a zone ("2026-10-10T01:02:03"); WordPress's own time of the post.
    const gmt = post.date_gmt ? Date.parse(`${post.date_gmt}Z`) : NaN;
    return {
      externalId: String(post.id),
      url: post.link ?? null,
      ...(Number.isFinite(gmt) ? { publishedAt: new Date(gmt) } : {}),
      response: { outcome, status: post.status, slug: post.slug, ...(post.date_gmt ? { dateGmt: post.date_gmt } : {}) },
    };
  }

  private unexpected(action: string): ChannelError {
    return new ChannelError(
      'permanent',
      'wordpress.unexpected_response',
      `WordPress trả lời ${action} không như mong đợi (không phải danh sách JSON); kiểm tra địa chỉ trang (siteUrl).`,
    );
  }
}

/** Term names compared as an editor would: case aside, diacritics kept. */
function termKey(name: string): string {
  return nfc(name.trim()).toLocaleLowerCase('vi');
}
