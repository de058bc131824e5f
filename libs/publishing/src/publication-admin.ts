import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { ChannelAccountService, ChannelError, ChannelRegistry, ConnectionCheck } from '@nhip/channels';
import { DomainError } from '@nhip/core';
import { Dispatcher } from './dispatcher';
import { PublicationStore } from './publication-store';
import { PublishRunner } from './publish-runner';
import type { SqlRow } from '@nhip/database';

const SELECT_PUBLICATION = `
  SELECT p.id, p.variant_id, p.channel_account_id, ca.type AS channel_type, ca.name AS account_name, ca.status AS account_status, ca.sandbox AS account_sandbox,
         s.id AS story_id, s.title AS story_title, s.agency_id, p.occurrence_at, p.state, p.version, p.attempt_count, p.next_attempt_at,
         p.external_id, p.external_url, p.published_at, p.last_error, p.updated_at,
         coalesce((SELECT json_agg(json_build_object('number', a.number, 'startedAt', a.started_at, 'finishedAt', a.finished_at, 'outcome', a.outcome,
                                                     'errorCode', a.error_code, 'errorMessage', a.error_message, 'response', a.response_summary) ORDER BY a.number)
                     FROM publication_attempts a WHERE a.publication_id = p.id), '[]') AS attempts
    FROM publications p JOIN variants v ON v.id = p.variant_id JOIN stories s ON s.id = v.story_id JOIN channel_accounts ca ON ca.id = p.channel_account_id`;

export function mapPublication(r: SqlRow) {
  return {
    id: r.id,
    variantId: r.variant_id,
    story: { id: r.story_id, title: r.story_title },
    agencyId: r.agency_id,
    channel: {
      type: r.channel_type,
      accountId: r.channel_account_id,
      name: r.account_name,
      accountStatus: r.account_status,
      sandbox: r.account_sandbox,
    },
    occurrenceAt: new Date(r.occurrence_at).toISOString(),
    state: r.state,
    version: r.version,
    attemptCount: r.attempt_count,
    nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at).toISOString() : null,
    externalId: r.external_id,
    externalUrl: r.external_url,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    /** The channel's last error, with its Vietnamese message. */
    lastError: r.last_error,
    attempts: r.attempts,
  };
}

/** What people do with publications and accounts: see, retry, cancel, settle by hand, pause, resume, check. */
@Injectable()
export class PublicationAdmin {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: PublicationStore,
    private readonly dispatcher: Dispatcher,
    private readonly runner: PublishRunner,
    private readonly channels: ChannelRegistry,
    private readonly accounts: ChannelAccountService,
    private readonly audit: AuditService,
  ) {}

  async get(publicationId: string) {
    const [row] = await this.db.query(`${SELECT_PUBLICATION} WHERE p.id = $1`, [publicationId]);
    if (!row) throw DomainError.notFound('PUBLICATION_NOT_FOUND', 'Không tìm thấy lượt đăng.');
    return mapPublication(row);
  }

  async forVariant(variantId: string) {
    return (
      await this.db.query(`${SELECT_PUBLICATION} WHERE p.variant_id = $1 ORDER BY p.occurrence_at`, [variantId])
    ).map(mapPublication);
  }

  async forAgencies(
    agencyIds: string[],
    filter: { states?: string[]; from?: Date; to?: Date; limit: number; offset: number },
  ) {
    const params: unknown[] = [agencyIds];
    const where = ['ca.agency_id = ANY($1)'];
    if (filter.states?.length) where.push(`p.state = ANY($${params.push(filter.states)})`);
    if (filter.from) where.push(`p.occurrence_at >= $${params.push(filter.from)}`);
    if (filter.to) where.push(`p.occurrence_at < $${params.push(filter.to)}`);
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await this.db.query(
      `${SELECT_PUBLICATION} WHERE ${where.join(' AND ')} ORDER BY p.occurrence_at DESC LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      params,
    );
    return { total, items: rows.map(mapPublication) };
  }

  /** A failed publication, or an unknown one a person has checked, is tried again now. */
  async retry(publicationId: string, actorUserId: string) {
    const p = await this.store.context(publicationId);
    if (!p) throw DomainError.notFound('PUBLICATION_NOT_FOUND', 'Không tìm thấy lượt đăng.');
    if (p.state !== 'failed' && !(p.state === 'unknown' && p.last_error?.needsPerson)) {
      throw DomainError.conflict(
        'PUBLICATION_NOT_RETRYABLE',
        'Chỉ thử đăng lại được lượt đăng thất bại, hoặc lượt chưa rõ kết quả đã được kiểm tra trên kênh.',
        { state: p.state },
      );
    }
    let version: number | null = null;
    await this.db.transaction(async (manager) => {
      version = await this.store.move(manager, { id: p.id, version: p.version }, p.state, 'scheduled', {
        nextAttemptAt: new Date(),
        attemptDelta: -p.attempt_count,
      });
      if (!version) throw DomainError.conflict('PUBLICATION_CHANGED', 'Lượt đăng vừa thay đổi; hãy tải lại.');
      await this.store.syncVariant(manager, { variantId: p.variant_id, recurring: p.recurring }, 'retry');
      await this.audit.record(
        {
          action: 'publication.retried',
          subjectType: 'publication',
          subjectId: p.id,
          actorUserId,
          agencyId: p.agency_id,
          data: { from: p.state },
        },
        manager,
      );
    });
    await this.dispatcher.enqueue([{ id: p.id, version: version!, due: new Date() }]);
    return this.get(publicationId);
  }

  /** Cancels one occurrence that has not started. */
  async cancel(publicationId: string, actorUserId: string) {
    const p = await this.store.context(publicationId);
    if (!p) throw DomainError.notFound('PUBLICATION_NOT_FOUND', 'Không tìm thấy lượt đăng.');
    await this.db.transaction(async (manager) => {
      const version = await this.store.move(manager, { id: p.id, version: p.version }, 'scheduled', 'cancelled');
      if (!version)
        throw DomainError.conflict(
          'PUBLICATION_NOT_CANCELLABLE',
          'Chỉ hủy được lượt đăng đang chờ; lượt này đã bắt đầu hoặc đã kết thúc.',
          { state: p.state },
        );
      if (!p.recurring) await this.store.syncVariant(manager, { variantId: p.variant_id, recurring: false }, 'cancel');
      await this.audit.record(
        {
          action: 'publication.cancelled',
          subjectType: 'publication',
          subjectId: p.id,
          actorUserId,
          agencyId: p.agency_id,
        },
        manager,
      );
    });
    return this.get(publicationId);
  }

  /** A person settles an unknown outcome after checking the channel themselves. */
  async settle(publicationId: string, published: boolean, url: string | null, actorUserId: string) {
    const p = await this.store.context(publicationId);
    if (!p || p.state !== 'unknown')
      throw DomainError.conflict('PUBLICATION_NOT_UNKNOWN', 'Chỉ xác nhận thủ công được lượt đăng chưa rõ kết quả.');
    await this.db.transaction(async (manager) => {
      const ref = { id: p.id, version: p.version };
      const moved = published
        ? await this.store.move(manager, ref, 'unknown', 'published', { externalUrl: url, published: true })
        : await this.store.move(manager, ref, 'unknown', 'failed', {
            lastError: { ...p.last_error, resolution: 'confirmed_not_published_by_person' },
          });
      if (!moved) throw DomainError.conflict('PUBLICATION_CHANGED', 'Lượt đăng vừa thay đổi; hãy tải lại.');
      await this.store.syncVariant(
        manager,
        { variantId: p.variant_id, recurring: p.recurring },
        published ? 'mark_published' : 'mark_failed',
      );
      await this.audit.record(
        {
          action: 'publication.settled_by_person',
          subjectType: 'publication',
          subjectId: p.id,
          actorUserId,
          agencyId: p.agency_id,
          data: { published, url },
        },
        manager,
      );
    });
    return this.get(publicationId);
  }

  /**
   * Pausing holds every publication of the account; resuming (or reconnecting) queues what is due. A
   * person resuming an account the channel had blocked has checked it: the wait the channel asked ends.
   */
  async setAccountPaused(accountId: string, paused: boolean, actorUserId: string) {
    const [account] = await this.db.query(`SELECT id, agency_id, status FROM channel_accounts WHERE id = $1`, [
      accountId,
    ]);
    if (!account) throw DomainError.notFound('CHANNEL_ACCOUNT_NOT_FOUND', 'Không tìm thấy tài khoản kênh.');
    if (!paused && account.status === 'not_connected') {
      throw DomainError.conflict(
        'ACCOUNT_NOT_CONNECTED',
        'Tài khoản chưa được kết nối: hãy nhập thông tin đăng nhập của kênh trước khi đăng.',
      );
    }
    if (!paused && account.status === 'needs_reconnection') {
      throw DomainError.conflict(
        'ACCOUNT_NEEDS_RECONNECTION',
        'Tài khoản cần được kết nối lại (cập nhật thông tin đăng nhập) trước khi tiếp tục đăng.',
      );
    }
    await this.db.transaction(async (manager) => {
      await this.accounts.setPaused(manager, accountId, paused);
      await this.audit.record(
        {
          action: paused ? 'channel_account.paused' : 'channel_account.resumed',
          subjectType: 'channel_account',
          subjectId: accountId,
          actorUserId,
          agencyId: account.agency_id,
        },
        manager,
      );
    });
    if (!paused) await this.requeueAccount(accountId);
  }

  async requeueAccount(accountId: string) {
    const ids: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM publications WHERE channel_account_id = $1 AND state = 'scheduled'`,
      [accountId],
    );
    await this.dispatcher.enqueueIds(ids.map((r) => r.id));
  }

  /** Checks the account through its channel; the status the account shows follows the result. */
  async checkConnection(accountId: string, actorUserId: string) {
    const [account] = await this.db.query(`SELECT type FROM channel_accounts WHERE id = $1`, [accountId]);
    if (!account) throw DomainError.notFound('CHANNEL_ACCOUNT_NOT_FOUND', 'Không tìm thấy tài khoản kênh.');
    const context = await this.runner.accountContext(accountId);
    let check: ConnectionCheck;
    try {
      check = await this.channels.forAccount(context).checkConnection(context);
    } catch (error) {
      // Settings the adapter cannot use are a failed check too, not a 500.
      if (!(error instanceof ChannelError)) throw error;
      check = { ok: false, message: error.message, details: { code: error.code } };
    }
    const { reconnected, ...status } = await this.accounts.recordCheck(accountId, check, actorUserId);
    if (reconnected) await this.requeueAccount(accountId);
    return { ...check, ...status };
  }
}
