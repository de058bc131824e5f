import { parseRetryAfterMs } from '@nhip/core';
import { ChannelError } from '../../channel-error';
import { REQUEST_NOT_SENT_CODES } from '../../transport-codes';

/** The `error` object of a Graph API error response. */
export interface FacebookGraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

/** Used when a rate-limit error carries no usable estimate in its headers. */
export const FACEBOOK_DEFAULT_RATE_LIMIT_WAIT_MS = 10 * 60_000;

export const FACEBOOK_RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

/** What a request was doing, which decides what a lost answer means. */
export type FacebookCallPhase =
  /** Creates or deletes something public: a lost answer may hide a success. */
  | 'write'
  /** Uploads an unpublished photo: nothing public exists until the feed post, so a lost answer is harmless. */
  | 'staging'
  /** Has no side effect. */
  | 'read';

type HeaderBag = Record<string, unknown> | { get?: (name: string) => unknown } | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  const value =
    typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get: (n: string) => unknown }).get(name)
      : ((headers as Record<string, unknown>)[name] ?? (headers as Record<string, unknown>)[name.toLowerCase()]);
  if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
  return value === undefined || value === null ? undefined : String(value);
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every `estimated_time_to_regain_access` (minutes) found in a usage header, wherever it is nested. */
function regainMinutes(value: unknown, found: number[] = []): number[] {
  if (Array.isArray(value)) value.forEach((v) => regainMinutes(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'estimated_time_to_regain_access' && typeof v === 'number' && Number.isFinite(v)) found.push(v);
      else if (typeof v === 'object') regainMinutes(v, found);
    }
  }
  return found;
}

/**
 * How long to wait after a rate-limit error, from what Facebook said: `Retry-After` (seconds) if present,
 * else the largest `estimated_time_to_regain_access` (minutes) in `X-Business-Use-Case-Usage` (page tokens
 * are under Business Use Case limits), `X-Page-Usage` or `X-App-Usage`; undefined when none says.
 */
export function facebookRateLimitWaitMs(headers: HeaderBag): number | undefined {
  const retryAfter = parseRetryAfterMs(header(headers, 'retry-after'));
  if (retryAfter !== undefined && retryAfter > 0) return retryAfter;
  const minutes = ['x-business-use-case-usage', 'x-page-usage', 'x-app-usage', 'x-ad-account-usage'].flatMap((name) =>
    regainMinutes(parseJson(header(headers, name))),
  );
  const longest = Math.max(0, ...minutes);
  return longest > 0 ? longest * 60_000 : undefined;
}

function usageDetails(headers: HeaderBag): Record<string, unknown> {
  const usage: Record<string, unknown> = {};
  for (const name of ['x-business-use-case-usage', 'x-page-usage', 'x-app-usage']) {
    const parsed = parseJson(header(headers, name));
    if (parsed !== undefined) usage[name] = parsed;
  }
  return usage;
}

/** The parameter Facebook names in an invalid-parameter message ("(#100) The parameter message is required"). */
export function facebookParameterNamed(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const match =
    /\bparam(?:eter)?s?\s+['"`]?([A-Za-z_][\w.[\]]*)/i.exec(message) ??
    /\b([a-z_][\w[\]]*)\s+(?:must|should|is required|is invalid)/.exec(message.replace(/^\(#\d+\)\s*/, ''));
  return match?.[1];
}

const minutesText = (ms: number) => `${Math.max(1, Math.ceil(ms / 60_000))} phút`;

/** Maps a Graph API error to the kind the publishing engine acts on. Branches on `code`, never on `type`. */
export function facebookError(error: FacebookGraphError, headers?: HeaderBag): ChannelError {
  const code = typeof error.code === 'number' ? error.code : Number(error.code);
  const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : undefined;
  const reason = error.error_user_msg || error.message || 'không rõ lý do';
  const details: Record<string, unknown> = {
    code,
    subcode,
    type: error.type,
    fbtrace_id: error.fbtrace_id,
    facebookMessage: error.message,
  };
  const id = `facebook.${Number.isFinite(code) ? code : 'error'}`;

  if (code === 1 || code === 2) {
    return new ChannelError('retryable', id, `Facebook đang gặp sự cố tạm thời (mã ${code}): ${reason}`, {
      details,
    });
  }
  if (FACEBOOK_RATE_LIMIT_CODES.has(code)) {
    const estimated = facebookRateLimitWaitMs(headers);
    const retryAfterMs = estimated ?? FACEBOOK_DEFAULT_RATE_LIMIT_WAIT_MS;
    // Throttling applies to the Page or the app, not to one post: the whole account waits.
    return new ChannelError(
      'throttled',
      id,
      `Facebook đang giới hạn số lần gọi của Trang hoặc ứng dụng (mã ${code}); cần chờ khoảng ${minutesText(retryAfterMs)}.`,
      { retryAfterMs, details: { ...details, usage: usageDetails(headers), estimated: estimated !== undefined } },
    );
  }
  if (code === 190 || code === 102 || code === 104) {
    const message =
      subcode === 463
        ? 'Mã truy cập Trang Facebook đã hết hạn; cần kết nối lại Trang.'
        : subcode === 460
          ? 'Mã truy cập Trang Facebook mất hiệu lực vì mật khẩu tài khoản quản trị đã đổi; cần kết nối lại Trang.'
          : `Mã truy cập Trang Facebook không hợp lệ hoặc đã bị thu hồi; cần kết nối lại Trang (${reason}).`;
    return new ChannelError('auth_expired', id, message, { details });
  }
  if (code === 10 || (code >= 200 && code <= 299)) {
    // A missing permission holds for every post of the Page: the account is reconnected with the permissions.
    return new ChannelError(
      'auth_expired',
      id,
      `Ứng dụng không có quyền thực hiện thao tác này trên Trang Facebook (mã ${code}); cần kết nối lại Trang và cấp quyền pages_manage_posts và pages_read_engagement: ${reason}`,
      { details },
    );
  }
  if (code === 100) {
    if (subcode === 33) {
      return new ChannelError(
        'permanent',
        id,
        `Không tìm thấy đối tượng trên Facebook, hoặc mã truy cập không thuộc Trang này (kiểm tra mã Trang): ${reason}`,
        { details },
      );
    }
    const parameter = facebookParameterNamed(error.message);
    return new ChannelError(
      'permanent',
      id,
      parameter
        ? `Facebook từ chối tham số “${parameter}”: ${reason}`
        : `Facebook từ chối yêu cầu vì tham số không hợp lệ: ${reason}`,
      { details: { ...details, parameter } },
    );
  }
  if (code === 368) {
    // "Temporarily blocked": the Page may not post for a while. Wait, do not fail.
    return new ChannelError(
      'blocked',
      id,
      `Facebook đang tạm chặn Trang đăng bài (mã 368), thường vì cho rằng có nội dung vi phạm tiêu chuẩn cộng đồng: ${reason}`,
      { details },
    );
  }
  if (code === 506) {
    return new ChannelError('permanent', id, 'Facebook báo bài đăng trùng với một bài vừa đăng.', { details });
  }
  if (error.is_transient === true) {
    return new ChannelError('retryable', id, `Facebook báo lỗi tạm thời (mã ${code}): ${reason}`, {
      details,
    });
  }
  return new ChannelError('permanent', id, `Facebook từ chối yêu cầu (mã ${code}): ${reason}`, { details });
}

/** Maps a failure with no HTTP answer. After a write was sent, silence is not "no": the kind is unknown. */
export function facebookTransportError(error: unknown, phase: FacebookCallPhase): ChannelError {
  const code = (error as { code?: string })?.code ?? 'ERROR';
  const reason = (error as { message?: string })?.message ?? String(error);
  const details = { transport: code, reason, phase };
  if (REQUEST_NOT_SENT_CODES.has(code)) {
    return new ChannelError(
      'retryable',
      'facebook.unreachable',
      `Không kết nối được tới Facebook (${code}); yêu cầu chưa được gửi.`,
      { details },
    );
  }
  if (phase === 'write') {
    return new ChannelError(
      'unknown',
      'facebook.no_response',
      `Đã gửi yêu cầu nhưng không nhận được trả lời từ Facebook (${reason}); bài có thể đã được đăng, cần tra cứu trước khi thử lại.`,
      { details },
    );
  }
  return new ChannelError('retryable', 'facebook.no_response', `Không nhận được trả lời từ Facebook (${reason}).`, {
    details,
  });
}

/** An HTTP answer without a Graph error object (a proxy's 502, an HTML page, an unreadable success). */
export function facebookHttpError(status: number, phase: FacebookCallPhase): ChannelError {
  const details = { status, phase };
  // A server error, or a success whose body is unreadable, after a write: it may have been carried out.
  if ((status >= 500 || status < 300) && phase === 'write') {
    return new ChannelError(
      'unknown',
      `facebook.http_${status}`,
      `Facebook trả lời bất thường (HTTP ${status}) sau khi nhận yêu cầu; bài có thể đã được đăng, cần tra cứu trước khi thử lại.`,
      { details },
    );
  }
  if (status >= 500 || status === 429) {
    return new ChannelError(
      'retryable',
      `facebook.http_${status}`,
      `Facebook tạm thời không phục vụ được (HTTP ${status}).`,
      { details },
    );
  }
  return new ChannelError('permanent', `facebook.http_${status}`, `Facebook trả lời bất thường (HTTP ${status}).`, {
    details,
  });
}
