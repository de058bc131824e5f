import type { ChannelErrorKind } from '@nhip/channels';

export type Decision =
  /** Try again at `at`; `countsAsAttempt` is false when the channel only asked us to wait. */
  | { action: 'retry'; at: Date; countsAsAttempt: boolean }
  | { action: 'fail' }
  /** The account's credentials are dead: park the publication until someone reconnects the account. */
  | { action: 'reconnect' }
  /** The call may have succeeded: ask the channel (lookup) before anything else. */
  | { action: 'resolve'; at: Date };

export interface PolicyInput {
  kind: ChannelErrorKind;
  /** Attempts made so far, including the one that just failed. */
  attempts: number;
  maxAttempts: number;
  retryAfterMs?: number;
  now: Date;
  random?: () => number;
}

/** Exponential backoff from 30 s, capped at 30 min, with full jitter so retries from a storm spread out. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** What the engine does after a failed call, decided from the typed error alone. */
export function decide(input: PolicyInput): Decision {
  const { kind, attempts, maxAttempts, now } = input;
  switch (kind) {
    case 'retryable':
      return attempts >= maxAttempts ? { action: 'fail' } : { action: 'retry', at: new Date(now.getTime() + backoffMs(attempts, input.random)), countsAsAttempt: true };
    case 'rate_limited':
      return { action: 'retry', at: new Date(now.getTime() + Math.max(1000, input.retryAfterMs ?? 60_000)), countsAsAttempt: false };
    case 'auth_expired':
      return { action: 'reconnect' };
    case 'permanent':
      return { action: 'fail' };
    case 'unknown':
      return { action: 'resolve', at: new Date(now.getTime() + 15_000) };
  }
}

/** How long to wait between lookups of an unknown outcome, and how many "not found" answers mean it never happened. */
export const RESOLVE_DELAYS_MS = [15_000, 60_000, 5 * 60_000, 15 * 60_000];
export const NOT_FOUND_CONFIRMATIONS = 2;
