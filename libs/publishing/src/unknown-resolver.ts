import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nhip/core';
import { ChannelAccountService, ChannelError, ChannelRegistry, PublishResult } from '@nhip/channels';
import { NotificationService } from '@nhip/notifications';
import { Dispatcher } from './dispatcher';
import { NOT_FOUND_CONFIRMATIONS, RESOLVE_BACKOFF } from './outcome-policy';
import { PublicationStore } from './publication-store';
import { PublishRunner } from './publish-runner';

/** A lookup due at the window's end is made a little after it, so a clock tick early does not waste it. */
const WINDOW_MARGIN_MS = 1000;

/**
 * Settles a publication whose outcome is unknown by asking the channel (slug, marker, recent posts),
 * never by resending. Found: published. Not found, confirmed twice once the channel's visibility window
 * has passed since the call (Zalo lists an article only after processing it): it never happened, so it
 * is scheduled again. The channel cannot tell: ask again later, then hand it to a person.
 */
@Injectable()
export class UnknownResolver {
  constructor(
    private readonly store: PublicationStore,
    private readonly channels: ChannelRegistry,
    private readonly runner: PublishRunner,
    private readonly dispatcher: Dispatcher,
    private readonly notifications: NotificationService,
    private readonly accounts: ChannelAccountService,
    private readonly config: AppConfig,
  ) {}

  async resolve(publicationId: string, version: number): Promise<string> {
    const p = await this.store.context(publicationId);
    if (!p || p.version !== version || p.state !== 'unknown') return 'stale';
    const ref = {
      id: p.id as string,
      version: p.version as number,
      agencyId: p.agency_id as string,
      variantId: p.variant_id as string,
      recurring: p.recurring as boolean,
    };
    const progress = { lookups: Number(p.last_error?.lookups ?? 0) + 1, notFound: Number(p.last_error?.notFound ?? 0) };
    // The channel asked the whole account to wait: a lookup is a request to it too, so it waits as well.
    const coolingUntil = p.cooldown_until ? new Date(p.cooldown_until).getTime() : 0;
    if (coolingUntil > Date.now()) return this.afterCooldown(ref, p.last_error ?? {}, coolingUntil);

    let found: PublishResult | null;
    let visibilityWindowMs: number;
    try {
      const account = await this.runner.accountContext(p.channel_account_id);
      const adapter = this.channels.forAccount(account);
      visibilityWindowMs = adapter.visibilityWindowMs;
      const handle = typeof p.last_error?.handle === 'string' ? p.last_error.handle : undefined;
      found = await adapter.lookup(account, p.idempotency_key, handle ? { handle } : undefined);
    } catch (error) {
      const reason = error instanceof ChannelError ? error.message : (error as Error).message;
      if (error instanceof ChannelError && error.kind === 'throttled') {
        const until = new Date(Date.now() + Math.max(1000, error.retryAfterMs ?? 60_000));
        await this.store.db.transaction((manager) =>
          this.accounts.coolDown(manager, p.channel_account_id, {
            until,
            kind: 'throttled',
            code: error.code,
            message: error.message,
            estimated: error.options.details?.estimated !== false,
          }),
        );
        return this.afterCooldown(ref, { ...p.last_error, lookupError: reason }, until.getTime());
      }
      return this.later(ref, { ...p.last_error, ...progress, lookupError: reason });
    }

    if (found) {
      await this.store.db.transaction(async (manager) => {
        const moved = await this.store.move(manager, ref, 'unknown', 'published', {
          externalId: found!.externalId,
          externalUrl: found!.url,
          published: true,
          publishedAt: found!.publishedAt ?? null,
          lastError: null,
        });
        if (!moved) return;
        await this.store.settleUnknownAttempt(manager, ref.id, 'succeeded', {
          externalId: found!.externalId,
          url: found!.url,
          foundBy: 'lookup',
          ...(found!.response ?? {}),
        });
        await this.store.syncVariant(manager, ref, 'mark_published');
        await this.store.record(manager, ref, 'publication.resolved_published', {
          externalId: found!.externalId,
          url: found!.url,
          lookups: progress.lookups,
        });
      });
      return 'published';
    }
    // What the call created may not show yet: a "not found" counts only once the window has passed.
    const sentAt = p.last_sent_at ? new Date(p.last_sent_at).getTime() : 0;
    const visibleBy = sentAt + visibilityWindowMs;
    if (Date.now() < visibleBy)
      return this.later(ref, { ...p.last_error, ...progress, visibleBy: new Date(visibleBy).toISOString() }, visibleBy);
    progress.notFound += 1;
    if (progress.notFound < NOT_FOUND_CONFIRMATIONS) return this.later(ref, { ...p.last_error, ...progress });

    let next: number | null = null;
    await this.store.db.transaction(async (manager) => {
      next = await this.store.move(manager, ref, 'unknown', 'scheduled', {
        nextAttemptAt: new Date(),
        lastError: { ...p.last_error, ...progress, resolution: 'not_published' },
      });
      if (!next) return;
      await this.store.settleUnknownAttempt(manager, ref.id, 'retryable', {
        resolution: 'not_published',
        lookups: progress.lookups,
      });
      await this.store.syncVariant(manager, ref, 'retry');
      await this.store.record(manager, ref, 'publication.resolved_not_published', { lookups: progress.lookups });
    });
    if (next) await this.dispatcher.enqueue([{ id: ref.id, version: next, due: new Date() }]);
    return 'scheduled';
  }

  /** Asks again once the account's wait is over; waiting for the channel is not a failed lookup. */
  private async afterCooldown(
    ref: { id: string; version: number },
    lastError: Record<string, unknown>,
    until: number,
  ): Promise<string> {
    const next = await this.store.db.transaction((manager) =>
      this.store.move(manager, ref, 'unknown', 'unknown', { lastError }),
    );
    if (next) await this.dispatcher.enqueueResolve(ref.id, next, new Date(until + WINDOW_MARGIN_MS));
    return 'unknown';
  }

  /** Asks again after the backoff, or not before `notBefore` (the end of the visibility window). */
  private async later(
    ref: { id: string; version: number; agencyId: string },
    lastError: Record<string, unknown>,
    notBefore?: number,
  ): Promise<string> {
    const lookups = Number(lastError.lookups);
    const factor = RESOLVE_BACKOFF[lookups - 1];
    const backoff = factor === undefined ? undefined : factor * this.config.publishLookupDelaySeconds * 1000;
    // Waiting out the window is not the channel failing to answer: it never hands the row to a person.
    const delay = notBefore === undefined ? backoff : Math.max(backoff ?? 0, notBefore - Date.now() + WINDOW_MARGIN_MS);
    let next: number | null = null;
    await this.store.db.transaction(async (manager) => {
      next = await this.store.move(manager, ref, 'unknown', 'unknown', {
        lastError: { ...lastError, needsPerson: delay === undefined },
      });
      if (delay === undefined) {
        await this.store.record(manager, ref, 'publication.needs_person', { lastError });
        const editors = await this.notifications.usersWithRoleOver(manager, ref.agencyId, ['editor', 'admin']);
        await this.notifications.notifyUsers(manager, editors, {
          kind: 'publication_failed',
          title: 'Chưa xác định được bài đã đăng hay chưa',
          body: 'Kênh không trả lời được sau nhiều lần hỏi lại. Hãy kiểm tra trên kênh rồi đánh dấu đã đăng hoặc thử đăng lại.',
          link: `/api/v1/publications/${ref.id}`,
          data: { publicationId: ref.id },
        });
      }
    });
    if (next && delay !== undefined) await this.dispatcher.enqueueResolve(ref.id, next, new Date(Date.now() + delay));
    return 'unknown';
  }
}
