import type { ChannelErrorKind } from '@nhip/channels';

export type Decision =
  /** Try again at `at`; `countsAsAttempt` is false when the channel only asked us to wait. */
  | { action: 'retry'; at: Date; countsAsAttempt: boolean }
  | { action: 'fail' }
  /** The account's credentials are dead: park the publication until someone reconnects the account. */
  | { action: 'reconnect' }
  /** The call may have succeeded: ask the channel (lookup) before anything else. */
  | { action: 'resolve'; at: Date }
  /**
   * The channel throttles or blocks the whole account: every publication of it waits until `until`,
   * none counts an attempt. `block` is the temporary block this wait belongs to.
   */
  | { action: 'cool_down'; until: Date; block?: BlockStreak }
  /** The account has been blocked for longer than Nhịp waits: it is paused and a person is asked. */
  | { action: 'ask_person'; block: BlockStreak };

/** A temporary block of an account: when it began and how many waits it has cost. */
export interface BlockStreak {
  since: Date;
  waits: number;
}

export interface PolicyInput {
  kind: ChannelErrorKind;
  /** First retry delay; doubles per attempt. */
  retryBaseMs?: number;
  /** Wait before the first lookup of an unknown outcome. */
  lookupDelayMs?: number;
  /** Attempts made so far, including the one that just failed. */
  attempts: number;
  maxAttempts: number;
  retryAfterMs?: number;
  now: Date;
  random?: () => number;
  /** The account's last wait, as stored (a block continues while the channel keeps refusing). */
  previousCooldown?: Record<string, unknown> | null;
  /** First wait of a temporary block (doubles while it lasts), and how long one is waited out at most. */
  blockWaitMs?: number;
  blockMaxMs?: number;
}

/** Exponential backoff from `baseMs` (30 s), capped at 30 min, with jitter so retries from a storm spread out. */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 30_000): number {
  const ceiling = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** What the engine does after a failed call, decided from the typed error alone. */
export function decide(input: PolicyInput): Decision {
  const { kind, attempts, maxAttempts, now } = input;
  switch (kind) {
    case 'retryable':
      return attempts >= maxAttempts
        ? { action: 'fail' }
        : {
            action: 'retry',
            at: new Date(now.getTime() + backoffMs(attempts, input.random, input.retryBaseMs)),
            countsAsAttempt: true,
          };
    case 'rate_limited':
      return {
        action: 'retry',
        at: new Date(now.getTime() + Math.max(1000, input.retryAfterMs ?? 60_000)),
        countsAsAttempt: false,
      };
    case 'throttled':
      return { action: 'cool_down', until: new Date(now.getTime() + Math.max(1000, input.retryAfterMs ?? 60_000)) };
    case 'blocked':
      return blockedDecision(input);
    case 'auth_expired':
      return { action: 'reconnect' };
    case 'permanent':
      return { action: 'fail' };
    case 'unknown':
      return { action: 'resolve', at: new Date(now.getTime() + (input.lookupDelayMs ?? 15_000)) };
  }
}

/**
 * A temporary block (Facebook 368) comes without an estimate: wait, twice as long each time the channel
 * refuses again right after a wait, and once the block has lasted `blockMaxMs` ask a person. A refusal
 * more than one first wait after the last wait ended starts a new block.
 */
function blockedDecision(input: PolicyInput): Decision {
  const now = input.now.getTime();
  const baseMs = input.blockWaitMs ?? 30 * 60_000;
  const maxMs = input.blockMaxMs ?? 24 * 3600_000;
  const previous = input.previousCooldown;
  const previousUntil = typeof previous?.until === 'string' ? Date.parse(previous.until) : NaN;
  const continues = previous?.kind === 'blocked' && typeof previous.since === 'string' && now - previousUntil < baseMs;
  const block: BlockStreak = continues
    ? { since: new Date(String(previous.since)), waits: Number(previous.waits ?? 0) + 1 }
    : { since: input.now, waits: 1 };
  const blockedFor = now - block.since.getTime();
  if (blockedFor >= maxMs) return { action: 'ask_person', block };
  const wait = Math.min(baseMs * 2 ** (block.waits - 1), maxMs - blockedFor);
  return { action: 'cool_down', until: new Date(now + Math.max(1000, wait)), block };
}

/** Further lookups of an unknown outcome, as multiples of the first delay; then a person is asked. */
export const RESOLVE_BACKOFF = [1, 4, 20, 60];
/** How many "not found" answers mean the call never took effect. */
export const NOT_FOUND_CONFIRMATIONS = 2;

const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** What a person does about a publication that failed for good: fix what the channel said, then retry by hand. */
const RETRY_BY_HAND = 'rồi bấm “Thử đăng lại” trên trang Xuất bản.';

/**
 * The reason people read when a publication has failed for good: what happened, and what they can do
 * about it. Never that the product will retry — it will not, which is why it says so.
 */
export function finalFailureReason(error: { kind: ChannelErrorKind; message: string }, attempts: number): string {
  if (error.kind === 'permanent')
    return `${sentence(error.message)} Nhịp không tự đăng lại bài này: hãy sửa nội dung hoặc cài đặt tài khoản kênh theo lý do trên, ${RETRY_BY_HAND}`;
  return (
    `Đã thử ${attempts} lần nhưng không đăng được; lần cuối: ${sentence(error.message)} ` +
    `Nhịp đã dừng thử: hãy kiểm tra kênh đã hoạt động lại chưa, ${RETRY_BY_HAND}`
  );
}
