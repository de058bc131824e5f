import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Repository } from 'typeorm';
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
  ) {}

  async issueSession(userId: string): Promise<IssuedToken> {
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    return this.issue(userId, 'session', null, expiresAt);
  }

  async issueIntegration(userId: string, name: string, expiresAt: Date | null): Promise<IssuedToken> {
    return this.issue(userId, 'integration', name, expiresAt);
  }

  private async issue(
    userId: string,
    kind: ApiTokenKind,
    name: string | null,
    expiresAt: Date | null,
  ): Promise<IssuedToken> {
    const token = `nhp_${kind === 'session' ? 's' : 'i'}_${randomBytes(32).toString('base64url')}`;
    const row = await this.tokens.save(
      this.tokens.create({ userId, kind, name, tokenHash: hashToken(token), expiresAt }),
    );
    return { id: row.id, token, kind, expiresAt };
  }

  async authenticate(token: string): Promise<Principal | null> {
    if (!/^nhp_[si]_[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const row = await this.tokens.findOne({
      where: { tokenHash: hashToken(token), revokedAt: IsNull() },
      relations: { user: true },
    });
    if (!row?.user || !row.user.isActive) return null;
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return null;
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
    };
  }

  async list(userId: string) {
    return this.tokens.find({
      where: { userId, kind: 'integration', revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }

  async revoke(userId: string, tokenId: string): Promise<void> {
    const result = await this.tokens.update({ id: tokenId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw DomainError.notFound('TOKEN_NOT_FOUND', 'Không tìm thấy mã truy cập.');
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
