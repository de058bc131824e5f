/**
 * What the publishing engine needs to know about a failed channel call; it decides from `kind` alone:
 * - retryable: nothing was published; try again after a backoff.
 * - rate_limited: nothing was published; wait `retryAfterMs` without counting an attempt.
 * - auth_expired: the token is invalid or expired and could not be refreshed; reconnect the account.
 * - permanent: the channel refused the content; retrying cannot help.
 * - unknown: the request may have been carried out (timeout, lost connection after sending);
 *   resolve with `lookup`, never by a blind retry.
 */
export type ChannelErrorKind = 'retryable' | 'rate_limited' | 'auth_expired' | 'permanent' | 'unknown';

export class ChannelError extends Error {
  constructor(
    readonly kind: ChannelErrorKind,
    /** Stable code naming the channel's own error, e.g. "facebook.190", "zalo.-216", "wordpress.rest_invalid_param". */
    readonly code: string,
    /** For people, in Vietnamese; includes the channel's own reason where it gave one. */
    message: string,
    readonly options: { retryAfterMs?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'ChannelError';
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}
