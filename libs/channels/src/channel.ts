import type { ChannelType } from '@nhip/database';
import type { ChannelContentByType } from './content/channel-content';
import type { DraftContext, DraftSource } from './content/drafting';

/** A rule broken by a variant's content, found at compose time and again before publishing. */
export interface ValidationProblem {
  /** Path inside the content, e.g. "title", "photos[3]". */
  field: string;
  /** Stable code, e.g. "ZALO_TITLE_TOO_LONG". */
  code: string;
  /** Vietnamese, for people: which rule, and the limit. */
  message: string;
}

/** What an adapter gets about the account it publishes to. */
export interface ChannelAccountContext {
  id: string;
  type: ChannelType;
  /** Non-secret settings: site URL, page id, OA id, endpoint… */
  settings: Record<string, unknown>;
  /** Decrypted secrets. */
  credentials: Record<string, unknown> | null;
  /** The credentials' version when read; a refresh writes only if it is still current. */
  credentialsVersion: number;
  /** A sandbox account (set only by the demo seed): the registry gives it the sandbox channel. */
  sandbox?: boolean;
}

/** Lets an adapter persist refreshed credentials (Zalo's single-use refresh tokens) safely. */
export interface CredentialStore {
  /** Writes `credentials` only if the stored version is still `expectedVersion`; returns the new version, or null if someone else wrote first. */
  replaceIfVersion(
    accountId: string,
    expectedVersion: number,
    credentials: Record<string, unknown>,
  ): Promise<number | null>;
  /** The current credentials and version. */
  read(accountId: string): Promise<{ credentials: Record<string, unknown> | null; version: number }>;
  /** Serialises a critical section across every worker (e.g. one token refresh at a time per account). */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export interface PublishOptions {
  /** Deterministic per publication; used as slug, marker or request id so that `lookup` can find an earlier attempt. */
  idempotencyKey: string;
  /** When the post should be public; adapters that can schedule natively may push ahead. */
  publishAt?: Date;
}

export interface PublishResult {
  externalId: string;
  url: string | null;
  /** When the channel says the post went public, where it says (a lookup's find); else the engine's clock. */
  publishedAt?: Date;
  /** A short summary of what the channel answered, for the attempt record (no secrets). */
  response?: Record<string, unknown>;
}

/** What the engine knows about the call whose outcome it is looking up. */
export interface LookupHint {
  /** What the channel answered before the outcome was lost (Zalo's article token). */
  handle?: string;
}

export interface ConnectionCheck {
  ok: boolean;
  /** Vietnamese, for the administrator. */
  message: string;
  details?: Record<string, unknown>;
}

/**
 * One class per channel. Every method maps the channel's responses to ChannelError kinds, so the
 * publishing engine decides from the kind alone.
 */
export interface ChannelAdapter<T extends ChannelType = ChannelType> {
  readonly type: T;
  /**
   * How long something `publish` created may take to show in `lookup` (0: at once). Until then a lookup
   * that finds nothing proves nothing, so an unknown outcome is concluded "absent" only after it.
   */
  readonly visibilityWindowMs: number;
  /** The rules the composer and the adapter share (one source of truth). */
  validate(content: unknown): ValidationProblem[];
  publish(
    account: ChannelAccountContext,
    content: ChannelContentByType[T],
    options: PublishOptions,
  ): Promise<PublishResult>;
  /**
   * Finds what an earlier attempt with this key created, or null when nothing was. `hint.handle` is the
   * handle the failed call's error carried (`ChannelError.options.handle`), when it carried one.
   */
  lookup(account: ChannelAccountContext, idempotencyKey: string, hint?: LookupHint): Promise<PublishResult | null>;
  remove(account: ChannelAccountContext, externalId: string): Promise<void>;
  checkConnection(account: ChannelAccountContext): Promise<ConnectionCheck>;
}

/**
 * What a channel knows about content before any call: how to draft it from a story, how it will look,
 * and how far ahead it must be scheduled. Pure, so editorial asks it through the registry whichever
 * adapter is registered.
 */
export interface ChannelProfile<T extends ChannelType = ChannelType> {
  readonly type: T;
  /**
   * A first draft for the officer to edit, in the channel's shape. Limits are respected where cutting is
   * harmless; anything that needs a person (a missing cover photo) is left for validation to point out.
   */
  draft(source: DraftSource, context: DraftContext): ChannelContentByType[T];
  /**
   * The content as the channel will show it. `programme`: the other items due on the same account at the
   * same time (loudspeaker bulletins must fit the account's slot together).
   */
  preview(
    content: Record<string, unknown>,
    accountSettings: Record<string, unknown>,
    programme: Array<{ text: string }>,
  ): Record<string, unknown> & { channel: T };
  /** How close to now the channel can still take this content, in seconds. */
  minLeadSeconds(content: Record<string, unknown>): number;
}
