import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { AppConfig, CredentialCipher, DomainError, requireOutboundUrl } from '@nhip/core';
import { ChannelAccountEntity, ChannelAccountStatus, ChannelType, rowsOf } from '@nhip/database';
import type { ChannelAccountContext, ConnectionCheck } from '../channel';

export interface NewChannelAccount {
  agencyId: string;
  type: ChannelType;
  name: string;
  settings: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  rateLimitPerMinute?: number | null;
  concurrency?: number;
}

/** What an administrator may change on a connected account; absent fields stay as they are. */
export interface ChannelAccountChanges {
  name?: string;
  settings?: Record<string, unknown>;
  /** null: no limit of our own (the channel's answers still apply). */
  rateLimitPerMinute?: number | null;
  concurrency?: number;
  /** Rehearsal: publications run through the engine, the channel only validates, nothing goes out. */
  rehearsal?: boolean;
  /** Daily local times (HH:mm) for "next free slot"; stored sorted and without repeats. */
  postingSlots?: string[];
}

/** What a connection check did to the account's status. */
export interface CheckedStatus {
  status: ChannelAccountStatus;
  statusReason: string | null;
  /** The check brought an account that needed reconnection back: its waiting publications may go. */
  reconnected: boolean;
}

/** An account-wide wait the channel asked for, as stored on the account. */
export interface AccountCooldown {
  /** Nothing is sent to the account before this. */
  until: Date;
  kind: 'throttled' | 'blocked';
  /** The channel's error code, e.g. "facebook.32". */
  code: string;
  /** What the channel said, in Vietnamese. */
  message: string;
  /** Whether the wait is the channel's own estimate (usage headers, Retry-After) or our default. */
  estimated?: boolean;
  /** For a block: when it began, and how many waits it has cost so far. */
  since?: Date;
  waits?: number;
}

/**
 * Channel accounts and their secrets. Credentials go in encrypted and come out only through
 * `readCredentials`, which the publishing side calls; nothing here returns them to a caller of the API.
 */
@Injectable()
export class ChannelAccountService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: CredentialCipher,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Every address in the settings (a key ending in url or endpoint) is one the server will call. */
  private async checkAddresses(settings: Record<string, unknown> | undefined) {
    for (const [key, value] of Object.entries(settings ?? {})) {
      if (/(url|endpoint)$/i.test(key) && value !== null && value !== undefined && value !== '')
        await requireOutboundUrl(value, { allowPrivate: this.config.outboundAllowPrivate }, `settings.${key}`);
    }
  }

  private get repo() {
    return this.db.getRepository(ChannelAccountEntity);
  }

  async create(input: NewChannelAccount, actorUserId: string): Promise<ChannelAccountEntity> {
    await this.checkAddresses(input.settings);
    return this.db.transaction(async (manager) => {
      const account = await manager.save(
        manager.create(ChannelAccountEntity, {
          agencyId: input.agencyId,
          type: input.type,
          name: input.name.normalize('NFC').trim(),
          settings: input.settings,
          credentialsEncrypted: input.credentials ? this.cipher.encrypt(input.credentials) : null,
          credentialsVersion: input.credentials ? 1 : 0,
          // Without credentials nothing can be published: never shown (nor used) as active.
          status: input.credentials ? 'active' : 'not_connected',
          rateLimitPerMinute: input.rateLimitPerMinute ?? null,
          concurrency: input.concurrency ?? 1,
        }),
      );
      await this.audit.record(
        // Which credential fields were set is useful in the trail; their values never are.
        {
          action: 'channel_account.created',
          subjectType: 'channel_account',
          subjectId: account.id,
          actorUserId,
          agencyId: input.agencyId,
          data: { type: input.type, credentialFields: Object.keys(input.credentials ?? {}) },
        },
        manager,
      );
      return account;
    });
  }

  async get(id: string): Promise<ChannelAccountEntity & { hasCredentials: boolean }> {
    const row = await this.repo
      .createQueryBuilder('a')
      .addSelect('a.credentials_encrypted IS NOT NULL', 'has_credentials')
      .where('a.id = :id', { id })
      .getRawAndEntities();
    const account = row.entities[0];
    if (!account) throw DomainError.notFound('CHANNEL_ACCOUNT_NOT_FOUND', 'Không tìm thấy tài khoản kênh.');
    return Object.assign(account, { hasCredentials: Boolean(row.raw[0]?.has_credentials) });
  }

  async listForAgency(agencyId: string): Promise<Array<ChannelAccountEntity & { hasCredentials: boolean }>> {
    const { entities, raw } = await this.repo
      .createQueryBuilder('a')
      .addSelect('a.credentials_encrypted IS NOT NULL', 'has_credentials')
      .where('a.agency_id = :agencyId', { agencyId })
      .orderBy('a.name', 'ASC')
      .getRawAndEntities();
    return entities.map((account, i) => Object.assign(account, { hasCredentials: Boolean(raw[i]?.has_credentials) }));
  }

  /**
   * Changes the name, settings, limits or posting slots. The limits apply from the next publish job on (every worker
   * reads them with the publication). The audit trail records each changed field with its old and new
   * value: none of them is secret.
   */
  async update(id: string, changes: ChannelAccountChanges, actorUserId: string): Promise<void> {
    await this.checkAddresses(changes.settings);
    await this.db.transaction(async (manager) => {
      const account = await manager.findOne(ChannelAccountEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!account) throw DomainError.notFound('CHANNEL_ACCOUNT_NOT_FOUND', 'Không tìm thấy tài khoản kênh.');
      const next = {
        ...changes,
        ...(changes.name !== undefined ? { name: changes.name.normalize('NFC').trim() } : {}),
        ...(changes.postingSlots !== undefined ? { postingSlots: [...new Set(changes.postingSlots)].sort() } : {}),
      };
      const changed = (Object.keys(next) as Array<keyof ChannelAccountChanges>).filter(
        (field) => next[field] !== undefined && JSON.stringify(next[field]) !== JSON.stringify(account[field]),
      );
      if (changed.length === 0) return;
      await manager.update(
        ChannelAccountEntity,
        { id },
        Object.fromEntries(changed.map((field) => [field, next[field]])),
      );
      await this.audit.record(
        {
          action: 'channel_account.updated',
          subjectType: 'channel_account',
          subjectId: id,
          actorUserId,
          agencyId: account.agencyId,
          data: {
            changes: Object.fromEntries(changed.map((field) => [field, { from: account[field], to: next[field] }])),
          },
        },
        manager,
      );
    });
  }

  async replaceCredentials(id: string, credentials: Record<string, unknown>, actorUserId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const account = await manager.findOne(ChannelAccountEntity, { where: { id } });
      if (!account) throw DomainError.notFound('CHANNEL_ACCOUNT_NOT_FOUND', 'Không tìm thấy tài khoản kênh.');
      await manager.update(
        ChannelAccountEntity,
        { id },
        {
          credentialsEncrypted: this.cipher.encrypt(credentials),
          credentialsVersion: account.credentialsVersion + 1,
          status: 'active',
          statusReason: null,
          // Real credentials make a real account: it leaves the sandbox for good.
          sandbox: false,
        },
      );
      await this.audit.record(
        {
          action: 'channel_account.credentials_replaced',
          subjectType: 'channel_account',
          subjectId: id,
          actorUserId,
          agencyId: account.agencyId,
          data: { credentialFields: Object.keys(credentials), ...(account.sandbox ? { leftSandbox: true } : {}) },
        },
        manager,
      );
    });
  }

  /** What an adapter gets about an account: its settings and its credentials unsealed, read now. */
  async accountContext(id: string): Promise<ChannelAccountContext> {
    const account = await this.repo
      .createQueryBuilder('a')
      .addSelect('a.credentialsEncrypted')
      .where('a.id = :id', { id })
      .getOne();
    if (!account) throw DomainError.notFound('CHANNEL_ACCOUNT_NOT_FOUND', 'Không tìm thấy tài khoản kênh.');
    return this.contextOf(account);
  }

  /** The same from an account row already read (the publish claim reads it with the publication). */
  contextOf(account: {
    id: string;
    type: ChannelType;
    settings: Record<string, unknown>;
    credentialsEncrypted: string | null;
    credentialsVersion: number;
    sandbox: boolean;
  }): ChannelAccountContext {
    return {
      id: account.id,
      type: account.type,
      settings: account.settings,
      credentials: account.credentialsEncrypted ? this.cipher.decrypt(account.credentialsEncrypted) : null,
      credentialsVersion: account.credentialsVersion,
      sandbox: account.sandbox,
    };
  }

  /**
   * The channel asked the whole account to wait (a throttled Page or app, a temporary block): nothing is
   * sent to it before `until`. A longer wait already in place is kept. Written in the caller's transaction,
   * with the publication that met the refusal.
   */
  async coolDown(manager: EntityManager, id: string, cooldown: AccountCooldown): Promise<void> {
    const stored = {
      ...cooldown,
      until: cooldown.until.toISOString(),
      since: cooldown.since?.toISOString(),
    };
    const [account] = rowsOf<{ agency_id: string; cooldown_until: Date }>(
      await manager.query(
        `UPDATE channel_accounts SET cooldown_until = greatest(cooldown_until, $2::timestamptz), cooldown = $3::jsonb, updated_at = now()
          WHERE id = $1 RETURNING agency_id, cooldown_until`,
        [id, cooldown.until, JSON.stringify(stored)],
      ),
    );
    if (!account) return;
    await this.audit.record(
      {
        action: 'channel_account.cooling_down',
        subjectType: 'channel_account',
        subjectId: id,
        agencyId: account.agency_id,
        data: { ...stored, until: new Date(account.cooldown_until).toISOString() },
      },
      manager,
    );
  }

  /**
   * The channel refused the account's credentials (expired, revoked, a permission missing): it stops
   * publishing until someone reconnects it. Returns false when it was not active (already parked).
   */
  async markNeedsReconnection(manager: EntityManager, id: string, reason: string): Promise<boolean> {
    return this.park(manager, id, 'needs_reconnection', reason, 'channel_account.needs_reconnection');
  }

  /** The channel has blocked the account for longer than Nhịp waits: it is paused until a person resumes it. */
  async pauseForPerson(manager: EntityManager, id: string, reason: string): Promise<boolean> {
    return this.park(manager, id, 'paused', reason, 'channel_account.paused_by_channel');
  }

  /** A person pauses or resumes the account; resuming also ends any wait the channel had asked for. */
  async setPaused(manager: EntityManager, id: string, paused: boolean): Promise<void> {
    await manager.query(
      `UPDATE channel_accounts SET status = $2, status_reason = NULL, updated_at = now(),
              cooldown_until = CASE WHEN $3::boolean THEN cooldown_until ELSE NULL END,
              cooldown = CASE WHEN $3::boolean THEN cooldown ELSE NULL END
        WHERE id = $1`,
      [id, paused ? 'paused' : 'active', paused],
    );
  }

  private async park(
    manager: EntityManager,
    id: string,
    status: 'needs_reconnection' | 'paused',
    reason: string,
    action: string,
  ): Promise<boolean> {
    const [account] = rowsOf<{ agency_id: string }>(
      await manager.query(
        `UPDATE channel_accounts SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1 AND status = 'active' RETURNING agency_id`,
        [id, status, reason],
      ),
    );
    if (!account) return false;
    await this.audit.record(
      { action, subjectType: 'channel_account', subjectId: id, agencyId: account.agency_id, data: { reason } },
      manager,
    );
    return true;
  }

  /**
   * Records a connection check on the account's status: a failed check on an active account makes it
   * need reconnection (its publications wait rather than fail), a passing check on one that needed it
   * makes it active again. A paused or not-connected account keeps its status; the check's words are
   * kept as the reason either way a failure is seen.
   */
  async recordCheck(id: string, check: ConnectionCheck, actorUserId: string): Promise<CheckedStatus> {
    return this.db.transaction(async (manager) => {
      const account = await manager.findOne(ChannelAccountEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!account) throw DomainError.notFound('CHANNEL_ACCOUNT_NOT_FOUND', 'Không tìm thấy tài khoản kênh.');
      let status = account.status;
      let statusReason = account.statusReason;
      if (!check.ok && account.status === 'active') {
        status = 'needs_reconnection';
        statusReason = check.message;
      } else if (!check.ok) {
        statusReason = check.message;
      } else if (account.status === 'needs_reconnection') {
        status = 'active';
        statusReason = null;
      }
      if (status !== account.status || statusReason !== account.statusReason)
        await manager.update(ChannelAccountEntity, { id }, { status, statusReason });
      await this.audit.record(
        {
          action: 'channel_account.checked',
          subjectType: 'channel_account',
          subjectId: id,
          actorUserId,
          agencyId: account.agencyId,
          data: { ok: check.ok, from: account.status, to: status },
        },
        manager,
      );
      return { status, statusReason, reconnected: account.status === 'needs_reconnection' && status === 'active' };
    });
  }

  /** For adapters only: the decrypted secret and the version it was read at. */
  async readCredentials<T = Record<string, unknown>>(id: string): Promise<{ credentials: T | null; version: number }> {
    const account = await this.repo
      .createQueryBuilder('a')
      .addSelect('a.credentialsEncrypted')
      .where('a.id = :id', { id })
      .getOne();
    if (!account) throw DomainError.notFound('CHANNEL_ACCOUNT_NOT_FOUND', 'Không tìm thấy tài khoản kênh.');
    return {
      credentials: account.credentialsEncrypted ? this.cipher.decrypt<T>(account.credentialsEncrypted) : null,
      version: account.credentialsVersion,
    };
  }
}
