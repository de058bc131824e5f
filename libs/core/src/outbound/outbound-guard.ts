import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError } from '../errors/domain-error';

/**
 * What the server may fetch on behalf of users (channel sites and endpoints, webhooks, pictures): http(s)
 * only, no credentials in the address, and — unless private hosts are allowed for a deployment whose
 * portal runs on the LAN — only public unicast addresses: never loopback, private, link-local (with the
 * cloud metadata address 169.254.169.254), unique-local IPv6, carrier-grade NAT, multicast or reserved.
 */
export interface OutboundPolicy {
  /** NHIP_OUTBOUND_ALLOW_PRIVATE: private and loopback hosts are allowed (the protocol rules still hold). */
  allowPrivate: boolean;
}

/** A destination the guard refuses; `reason` is Vietnamese, for the person who set the address. */
export class OutboundRefusedError extends Error {
  readonly code = 'OUTBOUND_REFUSED';

  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Không được gửi yêu cầu tới ${url}: ${reason}`);
    this.name = 'OutboundRefusedError';
  }
}

/** Whether an IP address (v4 or v6, IPv4-mapped v6 included) is public unicast. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/** Longer addresses are refused: browsers and servers stop at about this, and no real site needs more. */
export const OUTBOUND_URL_MAX_LENGTH = 2048;

const PRIVATE_REASON = 'địa chỉ nội bộ (loopback, mạng riêng, link-local hoặc metadata) không được phép';

/**
 * The rules that need no DNS: a parsable http(s) URL without user:password, whose host, when it is an IP
 * literal, is public. The WHATWG parser already turns odd forms (`2130706433`, `0x7f.1`, `127.1`) into
 * dotted addresses, so they are judged as what they are. Returns the parsed URL.
 */
export function checkOutboundUrlSyntax(raw: string, policy: OutboundPolicy): URL {
  if (raw.length > OUTBOUND_URL_MAX_LENGTH)
    throw new OutboundRefusedError(
      `${raw.slice(0, 60)}…`,
      `địa chỉ dài quá ${OUTBOUND_URL_MAX_LENGTH.toLocaleString('vi-VN')} ký tự`,
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefusedError(String(raw).slice(0, 200), 'không phải địa chỉ URL hợp lệ');
  }
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundRefusedError(shown, 'chỉ nhận địa chỉ http:// hoặc https://');
  if (url.username || url.password)
    throw new OutboundRefusedError(shown, 'địa chỉ không được chứa tên đăng nhập hay mật khẩu');
  if (policy.allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isIP(host) !== 0 && !isPublicAddress(host)) throw new OutboundRefusedError(shown, PRIVATE_REASON);
  if (host === 'localhost' || host.endsWith('.localhost')) throw new OutboundRefusedError(shown, PRIVATE_REASON);
  return url;
}

/**
 * Every rule, with the host resolved: each address it resolves to must be public. A name that does not
 * resolve passes here (it may not be live yet); the connection itself is checked again when made.
 */
export async function checkOutboundUrl(raw: string, policy: OutboundPolicy): Promise<URL> {
  const url = checkOutboundUrlSyntax(raw, policy);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (policy.allowPrivate || isIP(host) !== 0) return url;
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    return url;
  }
  if (addresses.some(({ address }) => !isPublicAddress(address)))
    throw new OutboundRefusedError(`${url.protocol}//${url.host}`, PRIVATE_REASON);
  return url;
}

/** The guard's refusal inside an error from the HTTP client (axios wraps it), if that is what it is. */
export function outboundRefusal(error: unknown): OutboundRefusedError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (current instanceof OutboundRefusedError) return current;
    const message = (current as { message?: unknown }).message;
    // request-filtering-agent refuses at connection time (after DNS) with this wording.
    if (typeof message === 'string' && /^DNS lookup .* is not allowed\./.test(message)) {
      return new OutboundRefusedError(String((current as { url?: unknown }).url ?? 'máy chủ đích'), PRIVATE_REASON);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The input-time check of an address an administrator sets (a site, an endpoint, a webhook): a 400
 * OUTBOUND_URL_REFUSED naming the field, so a bad address is refused before anything is stored.
 */
export async function requireOutboundUrl(raw: unknown, policy: OutboundPolicy, field: string): Promise<void> {
  if (typeof raw === 'string' && raw.length > OUTBOUND_URL_MAX_LENGTH)
    throw DomainError.invalid(
      'URL_TOO_LONG',
      `${field}: địa chỉ dài quá ${OUTBOUND_URL_MAX_LENGTH.toLocaleString('vi-VN')} ký tự.`,
      { field, maxLength: OUTBOUND_URL_MAX_LENGTH },
    );
  try {
    await checkOutboundUrl(typeof raw === 'string' ? raw : '', policy);
  } catch (error) {
    if (!(error instanceof OutboundRefusedError)) throw error;
    throw DomainError.invalid('OUTBOUND_URL_REFUSED', `${field}: ${error.reason}.`, { field });
  }
}
