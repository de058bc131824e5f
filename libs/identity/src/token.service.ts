import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { AppConfig, DomainError } from '@nhip/core';
import { ApiTokenEntity, ApiTokenKind, UserEntity } from '@nhip/database';
import type { Principal } from './principal';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedToken {
  id: string;
  token: string;
  kind: ApiTokenKind;
  expiresAt: Date | null;
}

/** Opaque bearer tokens, stored only as hashes; sessions expire, integration tokens last until revoked. */
@Injectable()
export class TokenService {
  constructor(
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** A session for a user who has just proved who they are; recorded as `auth.login` with the token. */
  async issueSession(userId: string, context: { clientIp?: string; requestId?: string } = {}): Promise<IssuedToken> {
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    return this.issue(
      userId,
      'session',
      null,
      expiresAt,
      'auth.login',
      { clientIp: context.clientIp },
      context.requestId,
    );
  }

  async issueIntegration(
    userId: string,
    name: string,
    expiresAt: Date | null,
    requestId?: string,
  ): Promise<IssuedToken> {
    return this.issue(
      userId,
      'integration',
      name,
      expiresAt,
      'auth.token_created',
      { name, expiresAt: expiresAt?.toISOString() ?? null },
      requestId,
    );
  }

  /** The token row and its audit row commit together, or neither does. */
  private async issue(
    userId: string,
    kind: ApiTokenKind,
    name: string | null,
    expiresAt: Date | null,
    action: string,
    data: Record<string, unknown>,
    requestId?: string,
  ): Promise<IssuedToken> {
    const token = `nhp_${kind === 'session' ? 's' : 'i'}_${randomBytes(32).toString('base64url')}`;
    return this.tokens.manager.transaction(async (manager) => {
      const repo = manager.getRepository(ApiTokenEntity);
      const row = await repo.save(repo.create({ userId, kind, name, tokenHash: hashToken(token), expiresAt }));
      await this.audit.record(
        {
          action,
          subjectType: 'user',
          subjectId: userId,
          actorUserId: userId,
          data: { ...data, tokenId: row.id },
          requestId,
        },
        manager,
      );
      return { id: row.id, token, kind, expiresAt };
    });
  }

  /**
   * The principal behind a token, or a 401 whose code says why: `INVALID_TOKEN` (unknown or malformed),
   * `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DEACTIVATED` (checked first: deactivation revokes every token too).
   */
  async authenticate(token: string): Promise<Principal> {
    const invalid = () => DomainError.unauthenticated('Mã đăng nhập không hợp lệ hoặc đã hết hạn.', 'INVALID_TOKEN');
    if (!/^nhp_[si]_[A-Za-z0-9_-]{43}$/.test(token)) throw invalid();
    const row = await this.tokens.findOne({ where: { tokenHash: hashToken(token) }, relations: { user: true } });
    if (!row?.user) throw invalid();
    if (!row.user.isActive) {
      throw DomainError.unauthenticated(
        'Tài khoản của bạn đã bị vô hiệu hóa. Liên hệ quản trị viên cơ quan.',
        'USER_DEACTIVATED',
      );
    }
    if (row.revokedAt) {
      throw DomainError.unauthenticated('Mã đăng nhập đã bị thu hồi. Vui lòng đăng nhập lại.', 'TOKEN_REVOKED');
    }
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
      throw DomainError.unauthenticated('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.', 'TOKEN_EXPIRED');
    }
    // Recording use is best effort and throttled to once a minute per token to spare the database.
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
      await this.tokens.update({ id: row.id }, { lastUsedAt: new Date() });
    }
    return {
      userId: row.userId,
      username: row.user.username,
      displayName: row.user.displayName,
      tokenId: row.id,
      tokenKind: row.kind,
      mustChangePassword: row.user.mustChangePassword,
    };
  }

  async list(userId: string) {
    return this.tokens.find({
      where: { userId, kind: 'integration', revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }

  /** A user revokes one of their own tokens: signing out (`auth.logout`) or revoking an integration token. */
  async revoke(userId: string, tokenId: string, action: 'auth.logout' | 'auth.token_revoked'): Promise<void> {
    await this.tokens.manager.transaction(async (manager) => {
      const result = await manager
        .getRepository(ApiTokenEntity)
        .update({ id: tokenId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) throw DomainError.notFound('TOKEN_NOT_FOUND', 'Không tìm thấy mã truy cập.');
      await this.audit.record(
        { action, subjectType: 'user', subjectId: userId, actorUserId: userId, data: { tokenId } },
        manager,
      );
    });
  }

  /**
   * Revokes a user's tokens inside the caller's transaction: one (`tokenId`), every integration token, or
   * all of them, sessions included. Returns the ids revoked.
   */
  async revokeFor(
    manager: EntityManager,
    userId: string,
    which: { tokenId: string } | { kind: ApiTokenKind | 'all' },
  ): Promise<string[]> {
    const query = manager
      .createQueryBuilder()
      .update(ApiTokenEntity)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if ('tokenId' in which) query.andWhere('id = :tokenId', { tokenId: which.tokenId });
    else if (which.kind !== 'all') query.andWhere('kind = :kind', { kind: which.kind });
    const result = await query.returning('id').execute();
    return (result.raw as Array<{ id: string }>).map((r) => r.id);
  }

  /** Removes sessions that expired, and revoked tokens, older than the given age. */
  async purgeExpired(olderThanHours: number): Promise<number> {
    const cutoff = new Date(Date.now() - olderThanHours * 3600_000);
    const expired = await this.tokens.delete({ expiresAt: LessThan(cutoff) });
    const revoked = await this.tokens.delete({ revokedAt: LessThan(cutoff) });
    return (expired.affected ?? 0) + (revoked.affected ?? 0);
  }

  async activeUser(userId: string) {
    return this.users.findOne({ where: { id: userId, isActive: true } });
  }
}
