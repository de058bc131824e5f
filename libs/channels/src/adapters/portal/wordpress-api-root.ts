import type { AxiosInstance, AxiosResponse } from 'axios';
import { ChannelError } from '../../channel-error';
import { wordPressErrorFromResponse, wordPressErrorFromTransport } from './wordpress-errors';

/** The link relation WordPress uses to announce its REST API root. */
export const WP_API_LINK_REL = 'https://api.w.org/';

/**
 * Finds the REST API root in a `Link` header, e.g. `<https://x.gov.vn/wp-json/>; rel="https://api.w.org/"`
 * or, without pretty permalinks, `<https://x.gov.vn/index.php?rest_route=/>; rel="https://api.w.org/"`.
 * Several links may be given, in one header or many.
 */
export function apiRootFromLinkHeader(header: unknown, base: string): string | null {
  const values = Array.isArray(header) ? header : [header];
  for (const value of values) {
    if (typeof value !== 'string') continue;
    for (const match of value.matchAll(/<([^>]*)>([^<]*)/g)) {
      const params = match[2];
      const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
      const rels = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/);
      if (!rels.includes(WP_API_LINK_REL)) continue;
      try {
        return new URL(match[1], base).toString();
      } catch {
        continue;
      }
    }
  }
  return null;
}

/**
 * The URL of a REST route under a discovered root: `…/wp-json/wp/v2/posts?slug=x`, or for a site without
 * pretty permalinks `…/?rest_route=/wp/v2/posts&slug=x`.
 */
export function wordPressRouteUrl(
  apiRoot: string,
  route: string,
  query: Record<string, string | number | boolean | undefined> = {},
): string {
  const root = new URL(apiRoot);
  const path = route.replace(/^\/+/, '');
  let url: URL;
  if (root.searchParams.has('rest_route')) {
    url = new URL(root.toString());
    const base = (root.searchParams.get('rest_route') ?? '/').replace(/\/*$/, '/');
    url.searchParams.set('rest_route', `${base}${path}`);
  } else {
    root.pathname = root.pathname.replace(/\/*$/, '/');
    url = new URL(path, root);
  }
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

const ACTION = 'tìm địa chỉ REST API của cổng';

/**
 * Discovers a site's REST API root: the `Link` header of the home page (HEAD, then GET when HEAD carries
 * none), else `?rest_route=/` probed directly — it works on every WordPress, and hardening plugins often
 * remove the header.
 */
export async function discoverWordPressApiRoot(
  http: AxiosInstance,
  siteUrl: string,
  timeoutMs: number,
): Promise<string> {
  const get = async (method: 'HEAD' | 'GET', url: string): Promise<AxiosResponse> => {
    try {
      return await http.request({
        method,
        url,
        timeout: timeoutMs,
        maxRedirects: 5,
        validateStatus: () => true,
        headers: { Accept: method === 'HEAD' ? '*/*' : 'text/html,application/json' },
        transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
      });
    } catch (error) {
      throw wordPressErrorFromTransport(ACTION, url, error, false);
    }
  };
  const serverTrouble = (response: AxiosResponse) => response.status === 429 || response.status >= 500;

  for (const method of ['HEAD', 'GET'] as const) {
    const response = await get(method, siteUrl);
    const root = apiRootFromLinkHeader(response.headers?.link, finalUrl(response, siteUrl));
    if (root) return sameOrigin(root, siteUrl);
    if (serverTrouble(response)) throw wordPressErrorFromResponse(ACTION, answer(response));
  }

  const probe = new URL(siteUrl);
  probe.searchParams.set('rest_route', '/');
  const response = await get('GET', probe.toString());
  const data = response.data as { namespaces?: unknown } | undefined;
  if (response.status === 200 && Array.isArray(data?.namespaces) && data.namespaces.includes('wp/v2')) {
    return probe.toString();
  }
  if (serverTrouble(response)) throw wordPressErrorFromResponse(ACTION, answer(response));
  throw new ChannelError(
    'permanent',
    'wordpress.api_not_found',
    `Không tìm thấy WordPress REST API tại ${siteUrl}: trang không có tiêu đề Link rel="${WP_API_LINK_REL}" và ` +
      `${probe.toString()} trả lời HTTP ${response.status}. Kiểm tra địa chỉ trang (siteUrl) và việc REST API có bị tắt không.`,
    { details: { siteUrl, httpStatus: response.status } },
  );
}

/**
 * The application password is sent to the API root, so the root must be on the account's own site: a
 * `Link` header (or a redirect of the home page) naming another origin is refused, never followed.
 */
function sameOrigin(root: string, siteUrl: string): string {
  const origin = new URL(siteUrl).origin;
  if (new URL(root).origin === origin) return root;
  throw new ChannelError(
    'permanent',
    'wordpress.api_root_other_origin',
    `Trang ${siteUrl} chỉ REST API sang nguồn khác (${new URL(root).origin}); Nhịp chỉ gửi mật khẩu ứng dụng tới ` +
      `chính ${origin}. Nếu trang đã chuyển địa chỉ, hãy sửa địa chỉ trang (siteUrl) của tài khoản kênh.`,
    { details: { siteUrl, apiRootOrigin: new URL(root).origin } },
  );
}

function finalUrl(response: AxiosResponse, fallback: string): string {
  const responseUrl = (response.request as { res?: { responseUrl?: unknown } } | undefined)?.res?.responseUrl;
  return typeof responseUrl === 'string' ? responseUrl : fallback;
}

function answer(response: AxiosResponse) {
  return { status: response.status, data: response.data, headers: response.headers as Record<string, unknown> };
}
