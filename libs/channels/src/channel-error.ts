/**
 * What the publishing engine needs to know about a failed channel call; it decides from `kind` alone:
 * - retryable: nothing was published; try again after a backoff.
 * - rate_limited: nothing was published; this publication waits `retryAfterMs` without counting an attempt.
 * - throttled: nothing was published, and the channel throttles the whole account (a Page, the app, an
 *   OA): every publication of the account waits `retryAfterMs` (the channel's estimate) without counting
 *   an attempt, and nothing is sent to the account meanwhile.
 * - blocked: nothing was published; the channel temporarily blocks the account from posting (Facebook
 *   368). The account waits, longer each time, up to a limit; then a person is asked.
 * - auth_expired: the token is invalid, expired or lacks a permission, and could not be refreshed;
 *   reconnect the account.
 * - permanent: the channel refused the content; retrying cannot help.
 * - unknown: the request may have been carried out (timeout, lost connection after sending);
 *   resolve with `lookup`, never by a blind retry.
 */
export type ChannelErrorKind =
  'retryable' | 'rate_limited' | 'throttled' | 'blocked' | 'auth_expired' | 'permanent' | 'unknown';

export class ChannelError extends Error {
  constructor(
    readonly kind: ChannelErrorKind,
    /** Stable code naming the channel's own error, e.g. "facebook.190", "zalo.-216", "wordpress.rest_invalid_param". */
    readonly code: string,
    /** For people, in Vietnamese; includes the channel's own reason where it gave one. */
    message: string,
    readonly options: {
      retryAfterMs?: number;
      details?: Record<string, unknown>;
      cause?: unknown;
      /**
       * For an unknown outcome: what the channel answered that names what it started (Zalo's article
       * token). The engine keeps it and hands it to `lookup`, which can then ask about that very thing.
       */
      handle?: string;
    } = {},
  ) {
    super(message);
    this.name = 'ChannelError';
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}
