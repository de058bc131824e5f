import { inVietnam } from '@nhip/core';
import { ChannelError } from '../../channel-error';
import { REQUEST_NOT_SENT_CODES } from '../../transport-codes';

/** Every Open API answer: `error` is 0 on success, a negative code otherwise. */
export interface ZaloEnvelope<T = unknown> {
  error: number;
  message?: string;
  data?: T;
}

/** The OAuth server's refusal (`/v4/oa/access_token`). */
export interface ZaloOAuthError {
  error?: number;
  error_name?: string;
  error_reason?: string;
  error_description?: string;
}

/** -216 invalid access token, -220 expired: refresh once, then retry the call once. */
export const ZALO_AUTH_ERRORS: ReadonlySet<number> = new Set([-216, -220]);
/** `article/verify` while the article is still being processed. */
export const ZALO_VERIFY_PENDING = -214;
/** -32: over 4,000 requests a minute for the OA; the window is a minute. */
export const ZALO_RATE_LIMIT_WAIT_MS = 60_000;

/** Until one minute past the next midnight in Asia/Ho_Chi_Minh, when Zalo's daily quotas start again. */
export function zaloQuotaResetMs(now: Date = new Date()): number {
  const nextMidnight = inVietnam(now).startOf('day').plus({ days: 1 }).toMillis();
  return nextMidnight + 60_000 - now.getTime();
}

/** The field Zalo names in an invalid-field message ("title is invalid", "cover.photo_url is invalid"). */
export function zaloFieldNamed(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const match =
    /(?:^|\bfield\s+|\bparam(?:eter)?\s+)['"`]?([a-z_][\w.[\]]*)['"`]?\s+(?:is|are|must|should|was)\b/i.exec(message);
  return match?.[1];
}

/**
 * Maps an Open API error to the kind the publishing engine acts on.
 * Quota (-211, -218) is mapped to rate_limited with a wait until Zalo's daily quota starts again (just
 * after midnight, Vietnam time), not to permanent: nothing was published, the condition clears by itself,
 * and a late article is better than a lost one. The message says so, so that an editor who cannot wait
 * can cancel or publish by hand.
 */
export function zaloError(envelope: ZaloEnvelope, now: Date = new Date()): ChannelError {
  const code = envelope.error;
  const reason = envelope.message || 'không rõ lý do';
  const id = `zalo.${code}`;
  const details: Record<string, unknown> = { error: code, zaloMessage: envelope.message };
  if (code === -32) {
    // The limit is per Official Account: every publication of the account waits.
    return new ChannelError(
      'throttled',
      id,
      'Zalo giới hạn số lượt gọi mỗi phút của Official Account (mã -32); cần chờ 1 phút.',
      {
        retryAfterMs: ZALO_RATE_LIMIT_WAIT_MS,
        details,
      },
    );
  }
  if (code === -211 || code === -218) {
    return new ChannelError(
      'rate_limited',
      id,
      `Official Account đã dùng hết hạn mức của Zalo cho thao tác này (mã ${code}: ${reason}); hạn mức được cấp lại lúc 0 giờ (giờ Việt Nam).`,
      { retryAfterMs: zaloQuotaResetMs(now), details },
    );
  }
  if (code === -216 || code === -220) {
    const what = code === -220 ? 'đã hết hạn' : 'không hợp lệ';
    return new ChannelError(
      'auth_expired',
      id,
      `Mã truy cập Zalo OA ${what} và không làm mới được; cần kết nối lại Official Account.`,
      { details },
    );
  }
  if (code === -201) {
    const field = zaloFieldNamed(envelope.message);
    return new ChannelError(
      'permanent',
      id,
      field
        ? `Zalo từ chối trường “${field}” không hợp lệ: ${reason}`
        : `Zalo từ chối bài viết vì có trường không hợp lệ: ${reason}`,
      { details: { ...details, field } },
    );
  }
  return new ChannelError('permanent', id, `Zalo từ chối yêu cầu (mã ${code}): ${reason}`, { details });
}

/** The refresh token was refused: it is spent, expired or revoked, and only reconnecting the OA helps. */
export function zaloRefreshError(body: ZaloOAuthError | undefined, status: number): ChannelError {
  const reason = body?.error_description || body?.error_reason || body?.error_name || `HTTP ${status}`;
  if (status >= 500) {
    return new ChannelError(
      'retryable',
      `zalo.oauth_http_${status}`,
      `Máy chủ cấp mã truy cập của Zalo đang lỗi (HTTP ${status}).`,
      {
        details: { status },
      },
    );
  }
  return new ChannelError(
    'auth_expired',
    'zalo.refresh_failed',
    `Không làm mới được mã truy cập Zalo OA (${reason}); cần kết nối lại Official Account.`,
    {
      details: { status, error: body?.error, error_name: body?.error_name, error_reason: body?.error_reason },
    },
  );
}

/** What a request was doing, which decides what a lost answer means. */
export type ZaloCallPhase = 'write' | 'read' | 'refresh';

/** A failure with no HTTP answer. After a write was sent, silence is not "no": the kind is unknown. */
export function zaloTransportError(error: unknown, phase: ZaloCallPhase): ChannelError {
  const code = (error as { code?: string })?.code ?? 'ERROR';
  const reason = (error as { message?: string })?.message ?? String(error);
  const details = { transport: code, reason, phase };
  if (REQUEST_NOT_SENT_CODES.has(code)) {
    return new ChannelError(
      'retryable',
      'zalo.unreachable',
      `Không kết nối được tới Zalo (${code}); yêu cầu chưa được gửi.`,
      {
        details,
      },
    );
  }
  if (phase === 'write') {
    return new ChannelError(
      'unknown',
      'zalo.no_response',
      `Đã gửi yêu cầu nhưng không nhận được trả lời từ Zalo (${reason}); bài có thể đã được tạo, cần tra cứu trước khi thử lại.`,
      { details },
    );
  }
  // A lost refresh answer may have spent the refresh token; the next attempt finds out (auth_expired if so).
  return new ChannelError('retryable', 'zalo.no_response', `Không nhận được trả lời từ Zalo (${reason}).`, {
    details,
  });
}

/** An HTTP answer that is not an Open API envelope (a gateway's 502, an HTML page). */
export function zaloHttpError(status: number, phase: ZaloCallPhase): ChannelError {
  const details = { status, phase };
  if (phase === 'write' && (status >= 500 || status < 300)) {
    return new ChannelError(
      'unknown',
      `zalo.http_${status}`,
      `Zalo trả lời bất thường (HTTP ${status}) sau khi nhận yêu cầu; bài có thể đã được tạo, cần tra cứu trước khi thử lại.`,
      { details },
    );
  }
  if (status >= 500 || status === 429) {
    return new ChannelError('retryable', `zalo.http_${status}`, `Zalo tạm thời không phục vụ được (HTTP ${status}).`, {
      details,
    });
  }
  return new ChannelError('permanent', `zalo.http_${status}`, `Zalo trả lời bất thường (HTTP ${status}).`, { details });
}
