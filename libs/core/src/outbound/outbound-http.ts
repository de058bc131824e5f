import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { AxiosHeaders, AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import type { AppConfig } from '../config/app-config';
import { checkOutboundUrl, checkOutboundUrlSyntax, OutboundPolicy, OutboundRefusedError } from './outbound-guard';

export interface OutboundHttpOptions extends Partial<OutboundPolicy> {
  /**
   * Address prefixes the server itself serves (its uploaded pictures under NHIP_PUBLIC_URL): fetched even
   * when that is a private address, without credentials and following no redirect.
   */
  trustedPrefixes?: string[];
  /** Redirects followed when a request does not say. Default 3. */
  maxRedirects?: number;
}

/** Headers that carry a credential: a request with one never follows a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'access_token', 'api-key', 'x-api-key'];

const hasCredentials = (config: InternalAxiosRequestConfig) =>
  Boolean(config.auth) || CREDENTIAL_HEADERS.some((name) => AxiosHeaders.from(config.headers).has(name));

/**
 * The one HTTP client for everything the server fetches on behalf of users. Before a request: the URL is
 * checked and its host resolved (`checkOutboundUrl`). While connecting: request-filtering-agent checks the
 * address actually dialled, so a name that resolves differently the second time (DNS rebinding) and every
 * redirect's host are refused too. On each redirect: http(s) only, IP literals checked, and a request that
 * carries credentials never leaves its origin (the WordPress application password stays on its site).
 */
export function createOutboundHttp(options: OutboundHttpOptions = {}): AxiosInstance {
  const policy: OutboundPolicy = { allowPrivate: options.allowPrivate ?? false };
  const trusted = options.trustedPrefixes ?? [];
  const filter = { allowPrivateIPAddress: policy.allowPrivate, allowMetaIPAddress: false };
  const guardedAgents = {
    httpAgent: new RequestFilteringHttpAgent({ ...filter }),
    httpsAgent: new RequestFilteringHttpsAgent({ ...filter }),
  };
  const ownAgents = { httpAgent: new HttpAgent(), httpsAgent: new HttpsAgent() };
  const http = axios.create({ maxRedirects: options.maxRedirects ?? 3, ...guardedAgents });

  http.interceptors.request.use(async (config) => {
    const target = new URL(axios.getUri(config));
    const own = !hasCredentials(config) && trusted.some((prefix) => target.href.startsWith(prefix));
    if (own) {
      checkOutboundUrlSyntax(target.toString(), { allowPrivate: true });
      Object.assign(config, ownAgents, { maxRedirects: 0 });
      return config;
    }
    await checkOutboundUrl(target.toString(), policy);
    Object.assign(config, guardedAgents);
    const credentials = hasCredentials(config);
    config.beforeRedirect = (redirect: Record<string, unknown>) => {
      const next = redirectUrl(redirect);
      checkOutboundUrlSyntax(next.toString(), policy);
      if (credentials && next.origin !== target.origin) {
        throw new OutboundRefusedError(
          next.origin,
          `yêu cầu mang thông tin đăng nhập bị chuyển hướng sang nguồn khác ${target.origin}`,
        );
      }
    };
    return config;
  });
  return http;
}

/** The guarded client as configured: private hosts per NHIP_OUTBOUND_ALLOW_PRIVATE, our own pictures always. */
export function outboundHttpFor(config: Pick<AppConfig, 'outboundAllowPrivate' | 'publicUrl'>): AxiosInstance {
  return createOutboundHttp({
    allowPrivate: config.outboundAllowPrivate,
    trustedPrefixes: [`${config.publicUrl}/api/v1/media/`],
  });
}

/** The address follow-redirects is about to request, from the options it hands to beforeRedirect. */
function redirectUrl(options: Record<string, unknown>): URL {
  if (typeof options.href === 'string') return new URL(options.href);
  const host = String(options.host ?? options.hostname ?? '');
  return new URL(`${String(options.protocol ?? 'http:')}//${host}${String(options.path ?? '/')}`);
}
