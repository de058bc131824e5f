import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { DomainError, foldDiacritics, nfc } from '@nhip/core';
import { StoryEntity, StoryFormat } from '@nhip/database';

export interface StoryInput {
  title: string;
  summary?: string;
  body?: string;
  format?: StoryFormat;
  audiences?: string[];
  language?: string;
  sourceStoryId?: string | null;
  campaignId?: string | null;
  planTaskId?: string | null;
  peakId?: string | null;
  media?: Array<{ kind: 'image' | 'audio'; url: string; caption?: string; alt?: string }>;
}

export const AUDIENCES = ['officials', 'businesses', 'residents', 'students', 'elderly', 'ethnic_minorities'] as const;

const folded = (s: Pick<StoryEntity, 'title' | 'summary' | 'body'>) =>
  foldDiacritics([s.title, s.summary, s.body].join('\n'));

/** Stories: written once per agency, stored in NFC, searchable with or without diacritics. */
@Injectable()
export class StoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(agencyId: string, input: StoryInput, actorUserId: string): Promise<StoryEntity> {
    return this.db.transaction(async (manager) => {
      await this.checkLinks(manager, agencyId, input);
      const story = manager.create(StoryEntity, { agencyId, createdBy: actorUserId, ...normalise(input) });
      story.searchFolded = folded(story);
      const saved = await manager.save(story);
      await this.audit.record(
        {
          action: 'story.created',
          subjectType: 'story',
          subjectId: saved.id,
          actorUserId,
          agencyId,
          data: { after: snapshot(saved) },
        },
        manager,
      );
      return saved;
    });
  }

  async update(storyId: string, input: Partial<StoryInput>, actorUserId: string): Promise<StoryEntity> {
    return this.db.transaction(async (manager) => {
      const story = await manager.findOne(StoryEntity, { where: { id: storyId }, lock: { mode: 'pessimistic_write' } });
      if (!story) throw notFound();
      await this.checkLinks(manager, story.agencyId, input);
      const before = snapshot(story);
      // Only the fields given change: an absent (or undefined) field keeps its stored value.
      const given: Partial<StoryInput> = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined),
      );
      Object.assign(story, normalise({ ...before, ...given } as StoryInput));
      story.searchFolded = folded(story);
      const saved = await manager.save(story);
      await this.audit.record(
        {
          action: 'story.edited',
          subjectType: 'story',
          subjectId: storyId,
          actorUserId,
          agencyId: story.agencyId,
          data: { before, after: snapshot(saved) },
        },
        manager,
      );
      return saved;
    });
  }

  async get(storyId: string): Promise<StoryEntity> {
    const story = await this.db.getRepository(StoryEntity).findOne({ where: { id: storyId } });
    if (!story) throw notFound();
    return story;
  }

  /** Stories of the given agencies, newest first; `query` matches title, summary and body with or without diacritics. */
  async search(
    agencyIds: string[],
    query: string | undefined,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; items: StoryEntity[] }> {
    const qb = this.db
      .getRepository(StoryEntity)
      .createQueryBuilder('s')
      .where('s.agency_id = ANY(:agencyIds)', { agencyIds });
    const terms = query ? foldDiacritics(nfc(query)).split(/\s+/).filter(Boolean).slice(0, 8) : [];
    terms.forEach((term, i) =>
      qb.andWhere(`s.search_folded LIKE :t${i}`, { [`t${i}`]: `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` }),
    );
    const [items, total] = await qb
      .orderBy('s.created_at', 'DESC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { total, items };
  }

  /** Campaign, plan task, peak and source story must exist, and the campaign must be this agency's or above it. */
  private async checkLinks(manager: EntityManager, agencyId: string, input: Partial<StoryInput>) {
    const checks: Array<[string | null | undefined, string, string, string]> = [
      [input.campaignId, 'campaigns', 'CAMPAIGN_NOT_FOUND', 'chiến dịch'],
      [input.planTaskId, 'plan_tasks', 'PLAN_TASK_NOT_FOUND', 'nhiệm vụ kế hoạch'],
      [input.peakId, 'peaks', 'PEAK_NOT_FOUND', 'đợt cao điểm'],
      [input.sourceStoryId, 'stories', 'STORY_NOT_FOUND', 'tin gốc'],
    ];
    for (const [id, table, code, label] of checks) {
      if (!id) continue;
      const rows = await manager.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
      if (rows.length === 0) throw DomainError.invalid(code, `Không tìm thấy ${label} đã chọn.`, { id });
    }
    if (input.sourceStoryId) {
      const [source] = await manager.query(`SELECT agency_id, language FROM stories WHERE id = $1`, [
        input.sourceStoryId,
      ]);
      if (source.agency_id !== agencyId)
        throw DomainError.invalid('SOURCE_STORY_OTHER_AGENCY', 'Bản dịch phải thuộc cùng cơ quan với tin gốc.');
    }
  }
}

function normalise(input: StoryInput): Partial<StoryEntity> {
  return {
    title: nfc(input.title).trim(),
    summary: nfc(input.summary ?? '').trim(),
    body: nfc(input.body ?? '').trim(),
    format: input.format ?? 'news',
    audiences: [...new Set(input.audiences ?? [])],
    language: input.language ?? 'vi',
    sourceStoryId: input.sourceStoryId ?? null,
    campaignId: input.campaignId ?? null,
    planTaskId: input.planTaskId ?? null,
    peakId: input.peakId ?? null,
    media: (input.media ?? []).map((m) => ({
      ...m,
      ...(m.caption ? { caption: nfc(m.caption) } : {}),
      ...(m.alt ? { alt: nfc(m.alt) } : {}),
    })),
  };
}

function snapshot(s: StoryEntity): Record<string, unknown> {
  return {
    title: s.title,
    summary: s.summary,
    body: s.body,
    format: s.format,
    audiences: s.audiences,
    language: s.language,
    sourceStoryId: s.sourceStoryId,
    campaignId: s.campaignId,
    planTaskId: s.planTaskId,
    peakId: s.peakId,
    media: s.media,
  };
}

const notFound = () => DomainError.notFound('STORY_NOT_FOUND', 'Không tìm thấy tin bài.');
