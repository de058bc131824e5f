import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { DomainError, foldDiacritics, nfc } from '@nhip/core';
import { StoryEntity, StoryFormat } from '@nhip/database';
import { AccessPolicy } from '@nhip/identity';

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
    private readonly access: AccessPolicy,
  ) {}

  async create(agencyId: string, input: StoryInput, actorUserId: string): Promise<StoryEntity> {
    return this.db.transaction((manager) => this.createIn(manager, agencyId, input, actorUserId));
  }

  /** Creates a story inside the caller's transaction (a relayed story adopted with its variants). */
  async createIn(
    manager: EntityManager,
    agencyId: string,
    input: StoryInput,
    actorUserId: string,
    audit: Record<string, unknown> = {},
  ): Promise<StoryEntity> {
    await this.checkLinks(manager, agencyId, input, actorUserId);
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
        data: { after: snapshot(saved), ...audit },
      },
      manager,
    );
    return saved;
  }

  async update(storyId: string, input: Partial<StoryInput>, actorUserId: string): Promise<StoryEntity> {
    return this.db.transaction(async (manager) => {
      const story = await manager.findOne(StoryEntity, { where: { id: storyId }, lock: { mode: 'pessimistic_write' } });
      if (!story) throw notFound();
      await this.checkLinks(manager, story.agencyId, input, actorUserId, story);
      await this.checkRelayLock(manager, story, input);
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

  /**
   * A story adopted from a relay whose text the offering agency locked keeps the offered title, summary
   * and body: they must be read out or published verbatim (409 RELAY_TEXT_LOCKED).
   */
  private async checkRelayLock(manager: EntityManager, story: StoryEntity, input: Partial<StoryInput>) {
    const touched = (['title', 'summary', 'body'] as const).filter(
      (f) => input[f] !== undefined && nfc(input[f]!).trim() !== story[f],
    );
    if (!touched.length) return;
    const [locked] = await manager.query(
      `SELECT 1 FROM relay_recipients rr JOIN story_relays r ON r.id = rr.relay_id WHERE rr.story_id = $1 AND r.locked`,
      [story.id],
    );
    if (locked) throw relayTextLocked(touched);
  }

  /**
   * Campaign, plan task, peak and source story must exist, and each (as stored) must belong to the story's
   * agency, one above it, or an agency the caller reaches: nobody ties their story to another province's
   * campaign. Links the story already has are not checked again.
   */
  private async checkLinks(
    manager: EntityManager,
    agencyId: string,
    input: Partial<StoryInput>,
    actorUserId: string,
    current?: StoryEntity,
  ) {
    const changed = (id: string | null | undefined, stored: string | null | undefined) =>
      id && id !== stored ? id : null;
    const checks: Array<[string | null, string, string, string]> = [
      [changed(input.campaignId, current?.campaignId), 'campaigns', 'CAMPAIGN_NOT_FOUND', 'chiến dịch'],
      [changed(input.planTaskId, current?.planTaskId), 'plan_tasks', 'PLAN_TASK_NOT_FOUND', 'nhiệm vụ kế hoạch'],
      [changed(input.peakId, current?.peakId), 'peaks', 'PEAK_NOT_FOUND', 'đợt cao điểm'],
      [changed(input.sourceStoryId, current?.sourceStoryId), 'stories', 'STORY_NOT_FOUND', 'tin gốc'],
    ];
    const owners: Array<{ label: string; agencies: string[] }> = [];
    for (const [id, table, code, label] of checks) {
      if (!id) continue;
      const rows: Array<{ agencies: Array<string | null> | null }> = await manager.query(LINK_OWNERS[table], [id]);
      if (rows.length === 0) throw DomainError.invalid(code, `Không tìm thấy ${label} đã chọn.`, { id });
      const agencies = (rows[0].agencies ?? []).filter((a): a is string => a !== null);
      // A national peak belongs to no agency: every story may serve it.
      if (agencies.length) owners.push({ label, agencies });
    }
    if (owners.length) {
      const above: Array<{ id: string }> = await manager.query(
        `WITH RECURSIVE up AS (
           SELECT id, parent_id, 0 AS depth FROM agencies WHERE id = $1
           UNION ALL
           SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 16
         )
         SELECT id FROM up`,
        [agencyId],
      );
      const allowed = new Set(above.map((a) => a.id));
      const reach = await this.access.reachableAgencies(actorUserId);
      for (const { label, agencies } of owners) {
        if (!agencies.some((a) => allowed.has(a) || reach.has(a)))
          throw DomainError.forbidden(
            `Không thể gắn tin bài với ${label} của cơ quan ngoài phạm vi của bạn.`,
            'AGENCY_OUT_OF_REACH',
          );
      }
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

/** The agencies a linked row belongs to, as stored (one row, or none when the id is unknown). */
const LINK_OWNERS: Record<string, string> = {
  campaigns: `SELECT ARRAY[agency_id] AS agencies FROM campaigns WHERE id = $1`,
  plan_tasks: `SELECT ARRAY[p.issuing_agency_id, t.lead_agency_id] || ARRAY(
                 SELECT agency_id FROM plan_task_coordinators WHERE plan_task_id = t.id) AS agencies
               FROM plan_tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = $1`,
  peaks: `SELECT ARRAY[k.agency_id, p.issuing_agency_id] AS agencies
          FROM peaks k LEFT JOIN plans p ON p.id = k.plan_id WHERE k.id = $1`,
  stories: `SELECT ARRAY[agency_id] AS agencies FROM stories WHERE id = $1`,
};

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

export const relayTextLocked = (fields: string[]) =>
  DomainError.conflict(
    'RELAY_TEXT_LOCKED',
    'Cấp trên đã khóa nội dung tin dùng chung này: tiêu đề, tóm tắt và nội dung phải giữ nguyên.',
    { fields },
  );
