import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from '@nhip/database';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  actorUserId?: string | null;
  agencyId?: string | null;
  data?: Record<string, unknown>;
  requestId?: string | null;
}

/** Appends to the audit trail; pass the caller's transaction so the record commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditEventEntity) : this.events;
    await repo.save(
      repo.create({
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId ?? null,
        actorUserId: entry.actorUserId ?? null,
        agencyId: entry.agencyId ?? null,
        data: entry.data ?? {},
        requestId: entry.requestId ?? null,
      }),
    );
  }

  async trail(subjectType: string, subjectId: string): Promise<AuditEventEntity[]> {
    return this.events.find({ where: { subjectType, subjectId }, order: { id: 'ASC' } });
  }

  /** A story's trail: the story itself and each of its variants, in the order things happened. */
  async storyTrail(storyId: string): Promise<AuditEventEntity[]> {
    return this.events
      .createQueryBuilder('e')
      .where(`(e.subject_type = 'story' AND e.subject_id = :storyId)`, { storyId })
      .orWhere(
        `(e.subject_type = 'variant' AND e.subject_id IN (SELECT CAST(v.id AS text) FROM variants v WHERE v.story_id = CAST(:storyId AS uuid)))`,
        { storyId },
      )
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /** An agency's trail, newest first, one page at a time (before = the last id seen). */
  async agencyTrail(agencyId: string, page: { limit: number; before?: string }): Promise<AuditEventEntity[]> {
    const qb = this.events.createQueryBuilder('e').where('e.agency_id = :agencyId', { agencyId });
    if (page.before) qb.andWhere('e.id < :before', { before: page.before });
    return qb.orderBy('e.id', 'DESC').take(page.limit).getMany();
  }
}
