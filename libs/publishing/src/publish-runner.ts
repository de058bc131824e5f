import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import {
  ChannelAccountContext,
  ChannelAccountService,
  ChannelError,
  ChannelRegistry,
  CHANNEL_TYPE_LABELS,
  PublishResult,
  ValidationProblem,
} from '@nhip/channels';
import { AppConfig, channelCallDeadlineMs } from '@nhip/core';
import { NotificationService } from '@nhip/notifications';
import { AccountGate } from './account-gate';
import { Dispatcher } from './dispatcher';
import { decide, finalFailureReason } from './outcome-policy';
import { ClaimedPublication, PublicationStore, Success } from './publication-store';
import { batched } from './statement-batcher';

export type RunOutcome =
  | { ran: false; reason: 'stale' | 'not_due' | 'account_inactive' | 'gate'; retryInMs?: number }
  | { ran: true; state: string };

const WORKER_ID = `${hostname()}:${process.pid}`;

/**
 * Publishes one publication: checks it is still current, takes the account's slot, claims the row,
 * calls the channel once, and records what happened. Decisions come from the channel error's kind only.
 */
@Injectable()
export class PublishRunner {
  private readonly logger = new Logger(PublishRunner.name);
  // The jobs a worker runs at once share their statements: one peek, one claim, one success for them all.
  private readonly peek = batched((ids: readonly string[]) => this.store.peekMany(ids));
  private readonly claim = batched((keys: ReadonlyArray<{ id: string; version: number }>) =>
    this.store.claimMany(keys, WORKER_ID),
  );
  private readonly succeed = batched((successes: readonly Success[]) => this.store.succeedMany(successes));

  constructor(
    private readonly store: PublicationStore,
    private readonly gate: AccountGate,
    private readonly dispatcher: Dispatcher,
    private readonly channels: ChannelRegistry,
    private readonly accounts: ChannelAccountService,
    private readonly notifications: NotificationService,
    private readonly config: AppConfig,
  ) {}

  async run(publicationId: string, version: number): Promise<RunOutcome> {
    const row = await this.peek(publicationId);
    if (!row || row.version !== version || row.state !== 'scheduled') return { ran: false, reason: 'stale' };
    if (row.account_status !== 'active') return { ran: false, reason: 'account_inactive' };
    const wait = new Date(row.due).getTime() - Date.now();
    if (wait > 1000) return { ran: false, reason: 'not_due', retryInMs: wait };
    // Jobs wake a little early on purpose (WAKE_EARLY_MS): wait for the due instant here, never publish before it.
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    // The slot is held on a short lease this call renews (not the publication's lease): a worker killed
    // mid-call stops renewing, and the account's next publication can start within seconds.
    const held = await this.gate.hold(
      row.channel_account_id,
      `${WORKER_ID}:${publicationId}`,
      { concurrency: row.concurrency, ratePerMinute: row.rate_limit_per_minute },
      async (): Promise<RunOutcome> => {
        const claimed = await this.claim({ id: publicationId, version });
        if (!claimed) {
          // Another call of the account may have just been told to wait (throttled, blocked): this one waits too.
          const again = await this.peek(publicationId);
          const later = again && again.version === version && again.state === 'scheduled';
          const waitMs = later ? new Date(again.due).getTime() - Date.now() : 0;
          return waitMs > 0 ? { ran: false, reason: 'not_due', retryInMs: waitMs } : { ran: false, reason: 'stale' };
        }
        return { ran: true, state: await this.callOut(claimed) };
      },
    );
    return held.ok ? held.value : { ran: false, reason: 'gate', retryInMs: held.waitMs };
  }

  private async callOut(p: ClaimedPublication): Promise<string> {
    const request = {
      channel: p.channelType,
      idempotencyKey: p.idempotencyKey,
      occurrenceAt: p.occurrenceAt.toISOString(),
    };
    // Rehearsal: everything up to here ran for real (checks, slot, rate limit, claim); the last call is
    // replaced by the channel's own rules, and nothing leaves Nhịp.
    if (p.account.rehearsal) {
      const adapter = this.channels.forAccount({ type: p.channelType, sandbox: p.account.sandbox });
      return this.rehearse(p, adapter.validate(p.content), request);
    }
    let result: PublishResult;
    try {
      // The account as the claim read it (same statement, no second read), unsealed by its owner.
      const account = this.accounts.contextOf({ id: p.channelAccountId, type: p.channelType, ...p.account });
      const adapter = this.channels.forAccount(account);
      result = await withDeadline(
        adapter.publish(account, p.content as never, { idempotencyKey: p.idempotencyKey, publishAt: p.occurrenceAt }),
        channelCallDeadlineMs(this.config),
      );
    } catch (error) {
      // Anything that is not a typed channel answer may have happened after the request left: ask, never resend.
      const failure =
        error instanceof ChannelError
          ? error
          : new ChannelError('unknown', 'internal', `Lỗi không xác định khi gọi kênh: ${(error as Error).message}`, {
              cause: error,
            });
      return this.recordFailure(p, failure, request);
    }
    await this.succeed({
      publication: p,
      request,
      response: { externalId: result.externalId, url: result.url, ...(result.response ?? {}) },
      external: { externalId: result.externalId, url: result.url ?? null },
    });
    return 'published';
  }

  private async rehearse(
    p: ClaimedPublication,
    problems: ValidationProblem[],
    request: Record<string, unknown>,
  ): Promise<string> {
    if (problems.length > 0)
      return this.recordFailure(
        p,
        new ChannelError('permanent', 'rehearsal.invalid_content', problems.map((x) => x.message).join(' '), {
          details: { problems, rehearsal: true },
        }),
        request,
      );
    // What would have gone out, and when: the content as the channel would have received it.
    const wouldSend = { rehearsal: true, at: p.occurrenceAt.toISOString(), content: p.content };
    await this.store.db.transaction(async (manager) => {
      await this.store.finishAttempt(manager, p, p.attemptNumber, 'rehearsed', { request, response: wouldSend });
      await this.store.move(manager, p, 'publishing', 'rehearsed', { lastError: null });
      await this.store.syncVariant(manager, p, 'mark_rehearsed');
      await this.store.record(manager, p, 'publication.rehearsed', { at: wouldSend.at });
    });
    return 'rehearsed';
  }

  private async recordFailure(
    p: ClaimedPublication,
    error: ChannelError,
    request: Record<string, unknown>,
  ): Promise<string> {
    const decision = decide({
      kind: error.kind,
      attempts: p.attemptCount,
      maxAttempts: this.config.publishMaxAttempts,
      retryAfterMs: error.retryAfterMs,
      retryBaseMs: this.config.publishRetryBaseSeconds * 1000,
      lookupDelayMs: this.config.publishLookupDelaySeconds * 1000,
      now: new Date(),
      previousCooldown: p.account.cooldown,
      blockWaitMs: this.config.accountBlockedWaitSeconds * 1000,
      blockMaxMs: this.config.accountBlockedMaxSeconds * 1000,
    });
    const lastError = {
      kind: error.kind,
      code: error.code,
      message: error.message,
      at: new Date().toISOString(),
      ...(error.options.details ? { details: error.options.details } : {}),
      // What the channel named before the outcome was lost: the lookup asks about that very thing.
      ...(error.options.handle ? { handle: error.options.handle } : {}),
    };
    let requeue: { version: number; at: Date } | null = null;
    let resolveAt: { version: number; at: Date } | null = null;
    const state = await this.store.db.transaction(async (manager) => {
      await this.store.finishAttempt(manager, p, p.attemptNumber, error.kind, {
        request,
        code: error.code,
        message: error.message,
      });
      switch (decision.action) {
        case 'retry': {
          const version = await this.store.move(manager, p, 'publishing', 'scheduled', {
            nextAttemptAt: decision.at,
            attemptDelta: decision.countsAsAttempt ? 0 : -1,
            lastError,
          });
          await this.store.syncVariant(manager, p, 'requeue');
          await this.store.record(manager, p, 'publication.retry_scheduled', {
            error: lastError,
            at: decision.at.toISOString(),
          });
          if (version) requeue = { version, at: decision.at };
          return 'scheduled';
        }
        case 'reconnect': {
          await this.store.move(manager, p, 'publishing', 'scheduled', {
            nextAttemptAt: null,
            attemptDelta: -1,
            lastError,
          });
          await this.store.syncVariant(manager, p, 'requeue');
          await this.accounts.markNeedsReconnection(manager, p.channelAccountId, error.message);
          await this.store.record(manager, p, 'publication.account_needs_reconnection', { error: lastError });
          const admins = await this.notifications.usersWithRoleOver(manager, p.agencyId, ['admin', 'editor']);
          await this.notifications.notifyUsers(manager, admins, {
            kind: 'publication_failed',
            title: `Cần kết nối lại tài khoản ${CHANNEL_TYPE_LABELS[p.channelType] ?? 'kênh'}`,
            body: `${error.message} Các bài đang chờ trên kênh này sẽ được đăng khi tài khoản được kết nối lại.`,
            link: `/api/v1/channel-accounts/${p.channelAccountId}`,
            data: { publicationId: p.id, channelAccountId: p.channelAccountId },
          });
          return 'scheduled';
        }
        case 'fail': {
          // The channel's own words stay in `channelMessage`; people read what happened and what to do.
          const reason = finalFailureReason(error, p.attemptCount);
          await this.store.move(manager, p, 'publishing', 'failed', {
            lastError: { ...lastError, message: reason, channelMessage: error.message },
          });
          await this.store.syncVariant(manager, p, 'mark_failed');
          await this.store.record(manager, p, 'publication.failed', { error: { ...lastError, message: reason } });
          const people = await this.notifications.usersWithRoleOver(manager, p.agencyId, ['editor', 'admin']);
          await this.notifications.notifyUsers(manager, [...people, ...(p.authorId ? [p.authorId] : [])], {
            kind: 'publication_failed',
            title: `Đăng không thành công: ${p.storyTitle}`,
            body: reason,
            link: `/api/v1/publications/${p.id}`,
            data: { publicationId: p.id, variantId: p.variantId, code: error.code },
          });
          return 'failed';
        }
        case 'cool_down': {
          // The whole account waits: this publication and, through the account's row, every other one.
          const version = await this.store.move(manager, p, 'publishing', 'scheduled', {
            nextAttemptAt: decision.until,
            attemptDelta: -1,
            lastError: { ...lastError, until: decision.until.toISOString() },
          });
          await this.store.syncVariant(manager, p, 'requeue');
          await this.accounts.coolDown(manager, p.channelAccountId, {
            until: decision.until,
            kind: error.kind === 'blocked' ? 'blocked' : 'throttled',
            code: error.code,
            message: error.message,
            estimated: error.options.details?.estimated !== false,
            ...(decision.block ? { since: decision.block.since, waits: decision.block.waits } : {}),
          });
          await this.store.record(manager, p, 'publication.account_cooling_down', {
            error: lastError,
            until: decision.until.toISOString(),
          });
          if (version) requeue = { version, at: decision.until };
          return 'scheduled';
        }
        case 'ask_person': {
          const hours = Math.max(1, Math.round((Date.now() - decision.block.since.getTime()) / 3600_000));
          const label = CHANNEL_TYPE_LABELS[p.channelType] ?? 'kênh';
          const reason = `${error.message} Tài khoản đã bị chặn khoảng ${hours} giờ nên Nhịp tạm dừng tài khoản này.`;
          await this.store.move(manager, p, 'publishing', 'scheduled', {
            nextAttemptAt: null,
            attemptDelta: -1,
            lastError: { ...lastError, blockedSince: decision.block.since.toISOString() },
          });
          await this.store.syncVariant(manager, p, 'requeue');
          await this.accounts.pauseForPerson(manager, p.channelAccountId, reason);
          await this.store.record(manager, p, 'publication.account_blocked', { error: lastError });
          const people = await this.notifications.usersWithRoleOver(manager, p.agencyId, ['admin', 'editor']);
          await this.notifications.notifyUsers(manager, people, {
            kind: 'publication_failed',
            title: `Tài khoản ${label} bị tạm chặn đăng bài`,
            body: `${reason} Hãy kiểm tra tài khoản trên ${label}; khi tài khoản đăng được trở lại, bấm “Tiếp tục” cho tài khoản trên trang Xuất bản để các bài đang chờ được đăng.`,
            link: `/api/v1/channel-accounts/${p.channelAccountId}`,
            data: { publicationId: p.id, channelAccountId: p.channelAccountId, code: error.code },
          });
          return 'scheduled';
        }
        case 'resolve': {
          const version = await this.store.move(manager, p, 'publishing', 'unknown', {
            lastError: { ...lastError, lookups: 0, notFound: 0 },
          });
          await this.store.syncVariant(manager, p, 'mark_unknown');
          await this.store.record(manager, p, 'publication.outcome_unknown', { error: lastError });
          if (version) resolveAt = { version, at: decision.at };
          return 'unknown';
        }
      }
    });
    const retry = requeue as { version: number; at: Date } | null;
    const resolve = resolveAt as { version: number; at: Date } | null;
    if (retry && retry.at.getTime() - Date.now() < this.config.publishHorizonHours * 3600_000) {
      await this.dispatcher
        .enqueue([{ id: p.id, version: retry.version, due: retry.at }])
        .catch((e: Error) =>
          this.logger.warn({ publicationId: p.id, error: e.message }, 'retry not queued; the reconciler will'),
        );
    }
    if (resolve)
      await this.dispatcher
        .enqueueResolve(p.id, resolve.version, resolve.at)
        .catch((e: Error) =>
          this.logger.warn({ publicationId: p.id, error: e.message }, 'lookup not queued; the reconciler will'),
        );
    return state;
  }

  /** The account as it is now, for calls outside a claim (lookups, connection checks). */
  async accountContext(accountId: string): Promise<ChannelAccountContext> {
    return this.accounts.accountContext(accountId);
  }
}

/** A last guard over the adapter's own timeouts: past it, the outcome is unknown. */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ChannelError('unknown', 'deadline', `Kênh không trả lời sau ${Math.round(ms / 1000)} giây.`)),
      ms,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
