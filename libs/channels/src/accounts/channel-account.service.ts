import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { AppConfig, CredentialCipher, DomainError, requireOutboundUrl } from '@nhip/core';
import { ChannelAccountEntity, ChannelType } from '@nhip/database';

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
  /** Daily local times (HH:mm) for "next free slot"; stored sorted and without repeats. */
  postingSlots?: string[];
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
        },
      );
      await this.audit.record(
        {
          action: 'channel_account.credentials_replaced',
          subjectType: 'channel_account',
          subjectId: id,
          actorUserId,
          agencyId: account.agencyId,
          data: { credentialFields: Object.keys(credentials) },
        },
        manager,
      );
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
