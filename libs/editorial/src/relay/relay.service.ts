import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { NotificationService } from '@nhip/notifications';
import { DomainError, nfc } from '@nhip/core';
import { CHANNEL_TYPES, ChannelType, rowsOf, SqlRow, StoryEntity } from '@nhip/database';
import { relayTextLocked, StoryInput, StoryService } from '../stories/story.service';
import { Actor, VariantService } from '../variants/variant.service';

/** Circular 39/2020/TT-BTTTT: the grassroots radio's bulletin levels. */
export const RELAY_LEVELS = ['normal', 'priority', 'emergency'] as const;
export type RelayLevel = (typeof RELAY_LEVELS)[number];

/** Who receives an offer: the agencies named, every commune and ward below, or the direct subordinates. */
export type RelayAudience = { agencyIds: string[] } | { scope: 'communes' | 'subordinates' };

export interface RelayOffer {
  audience: RelayAudience;
  window: { from: Date; to: Date };
  channels: ChannelType[];
  level?: RelayLevel;
  /** The text must be carried verbatim: adopting agencies cannot change title, summary or body. */
  locked?: boolean;
  note?: string;
}

export interface AdoptInput {
  /** Default: every account of the agency of an offered channel type. */
  channelAccountIds?: string[];
  /** Local edits of the offered text (refused when the offer is locked). */
  edits?: { title?: string; summary?: string; body?: string };
}

export type RecipientState = 'offered' | 'adopted' | 'declined';

export interface CoverageChannel {
  channelType: ChannelType;
  channelAccountId: string;
  accountName: string;
  variantState: string;
  /** The newest publication of the variant, if any. */
  publicationState: string | null;
  publishedAt: string | null;
  url: string | null;
  reason: string | null;
}

export interface CoverageRow {
  agency: { id: string; code: string; name: string };
  state: RecipientState;
  reason: string | null;
  decidedAt: string | null;
  storyId: string | null;
  channels: CoverageChannel[];
}

export interface RelayView {
  id: string;
  storyId: string;
  agencyId: string;
  window: { from: string; to: string };
  channels: ChannelType[];
  level: RelayLevel;
  locked: boolean;
  note: string;
  createdAt: string;
}

export interface RelayCoverage {
  relay: RelayView;
  summary: {
    offered: number;
    adopted: number;
    declined: number;
    /** Offered and not yet answered. */
    waiting: number;
    byChannel: Record<ChannelType, { agencies: number; published: number; scheduled: number; failed: number }>;
  };
  agencies: CoverageRow[];
}

/** An offer as the receiving agency's queue shows it ("Tin dùng chung từ cấp trên"). */
export interface RelayInboxItem {
  relay: RelayView;
  from: { id: string; name: string };
  story: { id: string; title: string; summary: string; format: string };
  state: RecipientState;
  adoptedStoryId: string | null;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * Province to commune: a story offered to subordinate agencies, each of which keeps the final say over
 * its own channels — it adopts the offer (its own story and variants, under its own approval rules) or
 * declines it with a reason — and the offering agency sees who carried it on which channel.
 */
@Injectable()
export class RelayService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly stories: StoryService,
    private readonly variants: VariantService,
    private readonly notifications: NotificationService,
  ) {}

  /** Offers the story to subordinate agencies; offering it again adds recipients and updates the terms. */
  async offer(storyId: string, offer: RelayOffer, actor: Actor): Promise<RelayCoverage> {
    if (offer.window.to.getTime() <= offer.window.from.getTime())
      throw DomainError.invalid('RELAY_WINDOW_INVALID', 'Thời gian kết thúc phải sau thời gian bắt đầu.');
    if (offer.window.to.getTime() <= Date.now())
      throw DomainError.invalid(
        'RELAY_WINDOW_INVALID',
        'Thời gian sử dụng tin đã qua; chọn thời gian kết thúc sau bây giờ.',
      );
    const channels = [...new Set(offer.channels)].filter((c) => (CHANNEL_TYPES as readonly string[]).includes(c));
    if (!channels.length) throw DomainError.invalid('RELAY_CHANNELS_REQUIRED', 'Chọn ít nhất một loại kênh.');
    const relayId = await this.db.transaction(async (manager) => {
      const story = await manager.findOne(StoryEntity, { where: { id: storyId } });
      if (!story) throw DomainError.notFound('STORY_NOT_FOUND', 'Không tìm thấy tin bài.');
      const [adopted] = await manager.query(`SELECT 1 FROM relay_recipients WHERE story_id = $1`, [storyId]);
      if (adopted)
        throw DomainError.conflict('RELAY_OF_RELAY', 'Tin này được tiếp nhận từ cấp trên; không chuyển tiếp lại được.');
      const recipients = await this.recipientsFor(manager, story.agencyId, offer.audience);
      const [row] = await manager.query(
        `INSERT INTO story_relays (story_id, agency_id, window_from, window_to, channel_types, level, locked, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (story_id) DO UPDATE SET window_from = EXCLUDED.window_from, window_to = EXCLUDED.window_to,
           channel_types = EXCLUDED.channel_types, level = EXCLUDED.level, locked = EXCLUDED.locked,
           note = EXCLUDED.note, updated_at = now()
         RETURNING id`,
        [
          storyId,
          story.agencyId,
          offer.window.from,
          offer.window.to,
          channels,
          offer.level ?? 'normal',
          offer.locked ?? false,
          nfc(offer.note ?? '').trim(),
          actor.userId,
        ],
      );
      const added: SqlRow[] = await manager.query(
        `INSERT INTO relay_recipients (relay_id, agency_id) SELECT $1, unnest($2::uuid[])
         ON CONFLICT DO NOTHING RETURNING agency_id`,
        [row.id, recipients],
      );
      const [from] = await manager.query(`SELECT name FROM agencies WHERE id = $1`, [story.agencyId]);
      await this.notifyAgencies(
        manager,
        added.map((a) => a.agency_id as string),
        {
          kind: 'relay_offered',
          title: `Tin dùng chung từ ${from.name}: ${story.title}`,
          body: `Đề nghị đăng từ ${formatVn(offer.window.from)} đến ${formatVn(offer.window.to)}. Xem tại "Hàng chờ duyệt" để dùng hoặc không dùng tin.`,
          link: '/queue',
          data: { relayId: row.id, storyId },
        },
      );
      await this.audit.record(
        {
          action: 'relay.offered',
          subjectType: 'story',
          subjectId: storyId,
          actorUserId: actor.userId,
          agencyId: story.agencyId,
          requestId: actor.requestId ?? null,
          data: {
            relayId: row.id,
            recipients: recipients.length,
            added: added.length,
            channels,
            level: offer.level ?? 'normal',
            locked: offer.locked ?? false,
          },
        },
        manager,
      );
      return row.id as string;
    });
    return this.coverageOf(relayId);
  }

  /**
   * The receiving agency takes the offer up in one action: its own copy of the story (the offered text, or
   * its local edits where the offer allows them) and a draft variant per chosen account, suggested at the
   * window's start; from there its own approval rules apply.
   */
  async adopt(relayId: string, agencyId: string, input: AdoptInput, actor: Actor): Promise<CoverageRow> {
    await this.db.transaction(async (manager) => {
      const { relay, source } = await this.decidable(manager, relayId, agencyId);
      const edits = Object.fromEntries(
        Object.entries(input.edits ?? {})
          .filter(([, v]) => typeof v === 'string')
          .map(([k, v]) => [k, nfc(v).trim()]),
      ) as AdoptInput['edits'] & object;
      const changed = (['title', 'summary', 'body'] as const).filter(
        (f) => edits[f] !== undefined && edits[f] !== source[f],
      );
      if (relay.locked && changed.length) throw relayTextLocked(changed);
      const accounts: SqlRow[] = await manager.query(
        `SELECT id, type FROM channel_accounts WHERE agency_id = $1 AND type = ANY($2::text[]) ORDER BY type, name`,
        [agencyId, relay.channel_types],
      );
      const chosen = input.channelAccountIds ?? accounts.map((a) => a.id as string);
      const unknown = chosen.filter((id) => !accounts.some((a) => a.id === id));
      if (unknown.length)
        throw DomainError.invalid(
          'RELAY_ACCOUNT_NOT_OFFERED',
          'Chỉ chọn được tài khoản kênh của cơ quan mình, thuộc loại kênh cấp trên đề nghị.',
          { unknown },
        );
      if (!chosen.length)
        throw DomainError.invalid(
          'RELAY_NO_ACCOUNTS',
          'Cơ quan chưa có tài khoản kênh nào thuộc loại kênh cấp trên đề nghị.',
          { channels: relay.channel_types },
        );
      const story = await this.stories.createIn(
        manager,
        agencyId,
        {
          title: edits.title ?? source.title,
          summary: edits.summary ?? source.summary,
          body: edits.body ?? source.body,
          format: source.format,
          audiences: source.audiences,
          language: source.language,
          campaignId: source.campaignId,
          planTaskId: source.planTaskId,
          peakId: source.peakId,
          media: source.media as unknown as StoryInput['media'],
        },
        actor.userId,
        { relayId, relayedFrom: source.id },
      );
      const suggested = new Date(Math.max(new Date(relay.window_from).getTime(), Date.now() + 5 * 60_000));
      await this.variants.generateIn(manager, story.id, [...new Set(chosen)], actor, suggested);
      await manager.query(
        `UPDATE relay_recipients SET state = 'adopted', story_id = $3, decided_by = $4, decided_at = now()
          WHERE relay_id = $1 AND agency_id = $2`,
        [relayId, agencyId, story.id, actor.userId],
      );
      await this.audit.record(
        {
          action: 'relay.adopted',
          subjectType: 'story',
          subjectId: source.id,
          actorUserId: actor.userId,
          agencyId,
          requestId: actor.requestId ?? null,
          data: { relayId, storyId: story.id, accounts: chosen.length, edited: changed },
        },
        manager,
      );
    });
    return (await this.coverageRows(relayId, agencyId))[0];
  }

  /** The receiving agency declines the offer, saying why; the offering agency sees the reason. */
  async decline(relayId: string, agencyId: string, reason: string, actor: Actor): Promise<CoverageRow> {
    const text = nfc(reason).trim();
    if (text.length < 3) throw DomainError.invalid('RELAY_REASON_REQUIRED', 'Ghi lý do không sử dụng tin này.');
    await this.db.transaction(async (manager) => {
      const { source } = await this.decidable(manager, relayId, agencyId);
      await manager.query(
        `UPDATE relay_recipients SET state = 'declined', reason = $3, decided_by = $4, decided_at = now()
          WHERE relay_id = $1 AND agency_id = $2`,
        [relayId, agencyId, text, actor.userId],
      );
      await this.audit.record(
        {
          action: 'relay.declined',
          subjectType: 'story',
          subjectId: source.id,
          actorUserId: actor.userId,
          agencyId,
          requestId: actor.requestId ?? null,
          data: { relayId, reason: text },
        },
        manager,
      );
    });
    return (await this.coverageRows(relayId, agencyId))[0];
  }

  /**
   * Reminds, once, each agency that has not answered an offer whose publishing time has come or whose
   * window closes within `REMIND_BEFORE_MS`. Safe on several workers: the row is claimed by its update.
   */
  async remindWaiting(now = new Date()): Promise<{ reminded: number }> {
    return this.db.transaction(async (manager) => {
      const due = rowsOf(
        await manager.query(
          `UPDATE relay_recipients rr SET reminded_at = $1
           FROM story_relays r, stories s
          WHERE r.id = rr.relay_id AND s.id = r.story_id AND rr.state = 'offered' AND rr.reminded_at IS NULL
            AND r.window_to > $1 AND (r.window_from <= $1 OR r.window_to <= $1::timestamptz + $2 * interval '1 millisecond')
          RETURNING rr.relay_id, rr.agency_id, r.window_to, s.title`,
          [now, REMIND_BEFORE_MS],
        ),
      );
      for (const d of due)
        await this.notifyAgencies(manager, [d.agency_id], {
          kind: 'relay_reminder',
          title: `Chưa trả lời tin dùng chung: ${d.title}`,
          body: `Hạn sử dụng tin đến ${formatVn(new Date(d.window_to))}. Vào "Hàng chờ duyệt" để dùng hoặc không dùng tin.`,
          link: '/queue',
          data: { relayId: d.relay_id },
        });
      return { reminded: due.length };
    });
  }

  /** One notification per officer, editor and admin of each agency. */
  private async notifyAgencies(
    manager: EntityManager,
    agencyIds: string[],
    notification: Parameters<NotificationService['notifyUsers']>[2],
  ) {
    if (!agencyIds.length) return;
    const users: SqlRow[] = await manager.query(
      `SELECT DISTINCT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.agency_id = ANY($1::uuid[]) AND m.role IN ('officer', 'editor', 'admin') AND u.is_active`,
      [agencyIds],
    );
    await this.notifications.notifyUsers(
      manager,
      users.map((u) => u.user_id as string),
      notification,
    );
  }

  /** The relay of a story, with its coverage; 404 when the story was never offered. */
  async coverageOfStory(storyId: string): Promise<RelayCoverage> {
    const [row] = await this.db.query(`SELECT id FROM story_relays WHERE story_id = $1`, [storyId]);
    if (!row) throw DomainError.notFound('RELAY_NOT_FOUND', 'Tin này chưa được chuyển cho cấp dưới.');
    return this.coverageOf(row.id);
  }

  /** The agency a relay was offered by (for access checks on the offering side). */
  async offeringAgency(relayId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT agency_id FROM story_relays WHERE id = $1`, [relayId]);
    if (!row) throw relayNotFound();
    return row.agency_id;
  }

  /** What has been offered to an agency, newest first: waiting offers, and those it already answered. */
  async inbox(agencyId: string, limit = 100): Promise<RelayInboxItem[]> {
    const rows: SqlRow[] = await this.db.query(
      `SELECT r.*, rr.state AS recipient_state, rr.story_id AS adopted_story_id, a.name AS from_name,
              s.title, s.summary, s.format
         FROM relay_recipients rr
         JOIN story_relays r ON r.id = rr.relay_id
         JOIN stories s ON s.id = r.story_id
         JOIN agencies a ON a.id = r.agency_id
        WHERE rr.agency_id = $1
        ORDER BY (rr.state = 'offered') DESC, r.window_from DESC
        LIMIT $2`,
      [agencyId, limit],
    );
    return rows.map((r) => ({
      relay: relayView(r),
      from: { id: r.agency_id, name: r.from_name },
      story: { id: r.story_id, title: r.title, summary: r.summary, format: r.format },
      state: r.recipient_state,
      adoptedStoryId: r.adopted_story_id ?? null,
    }));
  }

  private async coverageOf(relayId: string): Promise<RelayCoverage> {
    const [row] = await this.db.query(`SELECT * FROM story_relays WHERE id = $1`, [relayId]);
    if (!row) throw relayNotFound();
    const agencies = await this.coverageRows(relayId);
    const byChannel = Object.fromEntries(
      CHANNEL_TYPES.map((c) => [c, { agencies: 0, published: 0, scheduled: 0, failed: 0 }]),
    ) as RelayCoverage['summary']['byChannel'];
    for (const a of agencies) {
      for (const c of new Set(a.channels.map((ch) => ch.channelType))) byChannel[c].agencies += 1;
      for (const ch of a.channels) {
        if (ch.publicationState === 'published') byChannel[ch.channelType].published += 1;
        else if (ch.publicationState === 'scheduled' || ch.publicationState === 'publishing')
          byChannel[ch.channelType].scheduled += 1;
        else if (ch.publicationState === 'failed' || ch.publicationState === 'unknown')
          byChannel[ch.channelType].failed += 1;
      }
    }
    const count = (s: RecipientState) => agencies.filter((a) => a.state === s).length;
    return {
      relay: relayView(row),
      summary: {
        offered: agencies.length,
        adopted: count('adopted'),
        declined: count('declined'),
        waiting: count('offered'),
        byChannel,
      },
      agencies,
    };
  }

  /** Per receiving agency (or one): its answer and, once adopted, each variant with its newest publication. */
  private async coverageRows(relayId: string, agencyId?: string): Promise<CoverageRow[]> {
    const rows: SqlRow[] = await this.db.query(
      `SELECT rr.agency_id, a.code, a.name, rr.state, rr.reason, rr.decided_at, rr.story_id,
              v.channel_type, v.channel_account_id, ca.name AS account_name, v.state AS variant_state,
              p.state AS publication_state, p.published_at, p.external_url, p.last_error
         FROM relay_recipients rr
         JOIN agencies a ON a.id = rr.agency_id
         LEFT JOIN variants v ON v.story_id = rr.story_id
         LEFT JOIN channel_accounts ca ON ca.id = v.channel_account_id
         LEFT JOIN LATERAL (
           SELECT state, published_at, external_url, last_error FROM publications
            WHERE variant_id = v.id AND state <> 'cancelled' ORDER BY occurrence_at DESC LIMIT 1
         ) p ON true
        WHERE rr.relay_id = $1 AND ($2::uuid IS NULL OR rr.agency_id = $2)
        ORDER BY a.name, v.channel_type`,
      [relayId, agencyId ?? null],
    );
    const byAgency = new Map<string, CoverageRow>();
    for (const r of rows) {
      let row = byAgency.get(r.agency_id);
      if (!row) {
        row = {
          agency: { id: r.agency_id, code: r.code, name: r.name },
          state: r.state,
          reason: r.reason ?? null,
          decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
          storyId: r.story_id ?? null,
          channels: [],
        };
        byAgency.set(r.agency_id, row);
      }
      if (r.channel_type)
        row.channels.push({
          channelType: r.channel_type,
          channelAccountId: r.channel_account_id,
          accountName: r.account_name,
          variantState: r.variant_state,
          publicationState: r.publication_state ?? null,
          publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
          url: r.external_url ?? null,
          reason: (r.last_error?.message as string | undefined) ?? null,
        });
    }
    return [...byAgency.values()].sort((a, b) => collator.compare(a.agency.name, b.agency.name));
  }

  /** The offer and its source story, locked for the receiving agency's answer, which it may give once. */
  private async decidable(manager: EntityManager, relayId: string, agencyId: string) {
    const [relay] = await manager.query(
      `SELECT r.*, rr.state AS recipient_state FROM relay_recipients rr JOIN story_relays r ON r.id = rr.relay_id
        WHERE rr.relay_id = $1 AND rr.agency_id = $2 FOR UPDATE OF rr`,
      [relayId, agencyId],
    );
    if (!relay) throw relayNotFound();
    if (relay.recipient_state !== 'offered')
      throw DomainError.conflict(
        'RELAY_ALREADY_ANSWERED',
        relay.recipient_state === 'adopted' ? 'Cơ quan đã tiếp nhận tin này.' : 'Cơ quan đã từ chối tin này.',
        { state: relay.recipient_state },
      );
    if (new Date(relay.window_to).getTime() <= Date.now())
      throw DomainError.conflict('RELAY_WINDOW_CLOSED', 'Đã hết thời gian sử dụng tin dùng chung này.');
    const source = await manager.findOneOrFail(StoryEntity, { where: { id: relay.story_id } });
    return { relay, source };
  }

  /**
   * The agencies an offer goes to: each must be below the offering agency on its own line (a province's
   * departments, communes and wards; never a coordinator, which has no superior).
   */
  private async recipientsFor(manager: EntityManager, offeringAgencyId: string, audience: RelayAudience) {
    const below: SqlRow[] = await manager.query(
      `WITH RECURSIVE below AS (
         SELECT id, kind, parent_id, 1 AS depth FROM agencies WHERE parent_id = $1
         UNION ALL
         SELECT a.id, a.kind, a.parent_id, below.depth + 1 FROM agencies a JOIN below ON a.parent_id = below.id WHERE below.depth < 16
       )
       SELECT id, kind, depth FROM below`,
      [offeringAgencyId],
    );
    let ids: string[];
    if ('agencyIds' in audience) {
      const known = new Set(below.map((b) => b.id as string));
      const outside = audience.agencyIds.filter((id) => !known.has(id));
      if (outside.length)
        throw DomainError.invalid(
          'RELAY_AGENCY_NOT_BELOW',
          'Chỉ chuyển tin được cho các cơ quan, đơn vị cấp dưới của cơ quan mình.',
          { outside },
        );
      ids = [...new Set(audience.agencyIds)];
    } else if (audience.scope === 'communes') {
      ids = below.filter((b) => b.kind === 'commune' || b.kind === 'ward').map((b) => b.id);
    } else {
      ids = below.filter((b) => b.depth === 1).map((b) => b.id);
    }
    if (!ids.length) throw DomainError.invalid('RELAY_NO_RECIPIENTS', 'Không có cơ quan cấp dưới nào để chuyển tin.');
    return ids;
  }
}

function relayView(r: SqlRow): RelayView {
  return {
    id: r.id,
    storyId: r.story_id,
    agencyId: r.agency_id,
    window: { from: new Date(r.window_from).toISOString(), to: new Date(r.window_to).toISOString() },
    channels: r.channel_types,
    level: r.level,
    locked: r.locked,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** An agency that has not answered is reminded once, when the window has this long left (or has begun). */
const REMIND_BEFORE_MS = 6 * 3600_000;

const formatVn = (d: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);

const relayNotFound = () => DomainError.notFound('RELAY_NOT_FOUND', 'Không tìm thấy tin dùng chung.');
