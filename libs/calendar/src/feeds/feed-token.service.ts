import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { DomainError } from '@nhip/core';
import { FeedTokenEntity } from '@nhip/database';
import type { CalendarFilters } from '../calendar/calendar.service';

export interface FeedFilters extends Pick<CalendarFilters, 'kinds' | 'channelTypes'> {
  /** Include the agencies below the feed's agency (default true). */
  includeSubordinates?: boolean;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^nhf_[A-Za-z0-9_-]{43}$/;

/** Secret, revocable iCalendar subscription URLs; only a hash of each token is stored. */
@Injectable()
export class FeedTokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.db.getRepository(FeedTokenEntity);
  }

  async create(
    agencyId: string,
    name: string,
    filters: FeedFilters,
    actorUserId: string,
  ): Promise<{ feed: FeedTokenEntity; token: string }> {
    const token = `nhf_${randomBytes(32).toString('base64url')}`;
    const feed = await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(FeedTokenEntity);
      const saved = await repo.save(
        repo.create({
          agencyId,
          name: name.normalize('NFC').trim(),
          tokenHash: hash(token),
          filters: { ...filters },
          createdBy: actorUserId,
        }),
      );
      await this.audit.record(
        {
          action: 'feed.created',
          subjectType: 'feed',
          subjectId: saved.id,
          actorUserId,
          agencyId,
          data: { name: saved.name, filters: { ...filters } },
        },
        manager,
      );
      return saved;
    });
    return { feed, token };
  }

  async list(agencyId: string): Promise<FeedTokenEntity[]> {
    return this.repo.find({ where: { agencyId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
  }

  async revoke(agencyId: string, feedId: string, actorUserId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const result = await manager
        .getRepository(FeedTokenEntity)
        .update({ id: feedId, agencyId, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) throw DomainError.notFound('FEED_NOT_FOUND', 'Không tìm thấy liên kết lịch.');
      await this.audit.record(
        { action: 'feed.revoked', subjectType: 'feed', subjectId: feedId, actorUserId, agencyId },
        manager,
      );
    });
  }

  /**
   * The live feed for a token; a revoked one is 410, so calendar apps stop asking, and an unknown one a
   * 404 (only a holder of the 256-bit token can tell the two apart).
   */
  async resolve(token: string): Promise<FeedTokenEntity> {
    const feed = TOKEN.test(token) ? await this.repo.findOne({ where: { tokenHash: hash(token) } }) : null;
    if (!feed) throw DomainError.notFound('FEED_NOT_FOUND', 'Liên kết lịch không tồn tại hoặc đã bị thu hồi.');
    if (feed.revokedAt) throw DomainError.gone('FEED_REVOKED', 'Liên kết lịch này đã bị thu hồi.');
    if (!feed.lastUsedAt || Date.now() - feed.lastUsedAt.getTime() > 60_000)
      await this.repo.update({ id: feed.id }, { lastUsedAt: new Date() });
    return feed;
  }
}
