import { createHash } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import {
  addLocalDays,
  CALENDAR_KINDS,
  CalendarEntriesError,
  CalendarItem,
  CalendarKind,
  CalendarService,
  FEED_KINDS,
  FeedTokenService,
  localDayOf,
  publicationDayItems,
  renderIcalFeed,
  startOfLocalDay,
} from '@nhip/calendar';
import { AppConfig, DomainError } from '@nhip/core';
import { CHANNEL_TYPES, ChannelType, FeedTokenEntity } from '@nhip/database';
import { AgencyService, Principal } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal, Public } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';

export class CreateFeedRequest {
  @ApiProperty({ example: 'Lịch truyền thông phường Đăk Bla cho Sở VHTTDL' })
  @IsString()
  @MinLength(2, { message: 'Tên liên kết lịch quá ngắn.' })
  @MaxLength(200, { message: 'Tên liên kết lịch quá dài.' })
  name: string;

  @ApiPropertyOptional({ enum: FEED_KINDS, isArray: true })
  @IsOptional()
  @IsIn(FEED_KINDS, { each: true, message: `Loại mục lịch chỉ nhận: ${FEED_KINDS.join(', ')}.` })
  kinds?: CalendarKind[];

  @ApiPropertyOptional({ enum: CHANNEL_TYPES, isArray: true })
  @IsOptional()
  @IsIn(CHANNEL_TYPES, { each: true, message: `Loại kênh chỉ nhận: ${CHANNEL_TYPES.join(', ')}.` })
  channelTypes?: ChannelType[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'includeSubordinates phải là true hoặc false.' })
  includeSubordinates?: boolean;
}

/** How far a feed looks by default: a month back for what happened, a quarter ahead for what is planned. */
const FEED_PAST_DAYS = 31;
const FEED_AHEAD_DAYS = 92;
const FEED_MAX_WINDOW_DAYS = 366;
/** Beyond this many, the agency's own publications are counted per day and channel too (≈550 bytes each in full). */
const FEED_MAX_OWN_PUBLICATIONS = 600;
/** DTSTAMP of a feed none of whose items carries a change time. */
const FEED_EPOCH_MS = Date.UTC(2026, 0, 1);

export class FeedWindowQuery {
  @ApiPropertyOptional({ description: 'Days before today the feed covers (default 31)' })
  @IsOptional()
  @IsString()
  past?: string;

  @ApiPropertyOptional({ description: 'Days after today the feed covers (default 92); past + ahead ≤ 366' })
  @IsOptional()
  @IsString()
  ahead?: string;
}
const TOKEN_FILE = /^(nhf_[A-Za-z0-9_-]{43})\.ics$/;

const mapFeed = (feed: FeedTokenEntity) => ({
  id: feed.id,
  agencyId: feed.agencyId,
  name: feed.name,
  filters: feed.filters,
  createdAt: feed.createdAt.toISOString(),
  lastUsedAt: feed.lastUsedAt?.toISOString() ?? null,
});

@ApiTags('calendar feeds')
@Controller()
export class FeedsController {
  constructor(
    private readonly feeds: FeedTokenService,
    private readonly calendar: CalendarService,
    private readonly agencies: AgencyService,
    private readonly config: AppConfig,
  ) {}

  /** Creates a secret subscription URL; the URL is shown once, keep it like a password. */
  @ApiBearerAuth()
  @Post('agencies/:agencyId/feeds')
  @AgencyAccess('admin', { param: 'agencyId' })
  async create(
    @Param('agencyId') agencyId: string,
    @Body() body: CreateFeedRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { feed, token } = await this.feeds.create(
      agencyId,
      body.name,
      { kinds: body.kinds, channelTypes: body.channelTypes, includeSubordinates: body.includeSubordinates ?? true },
      principal.userId,
    );
    // Never from the request's Host or X-Forwarded-Proto: a client must not choose where the link points.
    return { ...mapFeed(feed), url: `${this.config.publicUrl}/api/v1/feeds/${token}.ics` };
  }

  @ApiBearerAuth()
  @Get('agencies/:agencyId/feeds')
  @AgencyAccess('viewer', { param: 'agencyId' })
  async list(@Param('agencyId') agencyId: string) {
    return (await this.feeds.list(agencyId)).map(mapFeed);
  }

  @ApiBearerAuth()
  @Delete('agencies/:agencyId/feeds/:feedId')
  @HttpCode(204)
  @AgencyAccess('admin', { param: 'agencyId' })
  async revoke(
    @Param('agencyId') agencyId: string,
    @Param('feedId', ParseIdPipe) feedId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.feeds.revoke(agencyId, feedId, principal.userId);
  }

  /**
   * The iCalendar feed itself: public, the secret token in the URL is the credential. The agency's own
   * items come in full (its publications too, up to FEED_MAX_OWN_PUBLICATIONS; beyond, they are counted
   * per day and channel like its subordinates'), so any agency's feed stays well under the 1 MB calendar
   * apps accept. `?past=` and `?ahead=` choose the window in days (31 and 92 by default, 366 together
   * at most), aligned to local days so the content — and the ETag — only change when an item does.
   */
  @Public()
  @Get('feeds/:file')
  async ics(@Param('file') file: string, @Query() query: FeedWindowQuery, @Req() req: Request, @Res() res: Response) {
    const token = TOKEN_FILE.exec(file)?.[1];
    if (!token) throw DomainError.notFound('FEED_NOT_FOUND', 'Liên kết lịch không tồn tại hoặc đã bị thu hồi.');
    const window = feedWindow(query);
    const feed = await this.feeds.resolve(token);
    const agency = await this.agencies.get(feed.agencyId);
    const filters = feed.filters as {
      kinds?: CalendarKind[];
      channelTypes?: ChannelType[];
      includeSubordinates?: boolean;
    };
    const subordinates =
      filters.includeSubordinates === false
        ? []
        : (await this.agencies.subtree(agency.id)).filter((id) => id !== agency.id);
    const wantsPublications = !filters.kinds?.length || filters.kinds.includes('publication');
    const self = { id: agency.id, code: agency.code, name: agency.name };
    let own: CalendarItem[];
    let ownDays: CalendarItem[] = [];
    const ownQuery = {
      agencyIds: [agency.id],
      range: window,
      filters: { kinds: filters.kinds, channelTypes: filters.channelTypes },
      maxPublications: FEED_MAX_OWN_PUBLICATIONS,
    };
    try {
      own = await this.calendar.items(ownQuery);
    } catch (error) {
      if (!(error instanceof CalendarEntriesError) || error.code !== 'CALENDAR_TOO_MANY_ENTRIES') throw error;
      const kinds = (filters.kinds?.length ? filters.kinds : CALENDAR_KINDS).filter((k) => k !== 'publication');
      own = kinds.length ? await this.calendar.items({ ...ownQuery, filters: { kinds } }) : [];
      ownDays = publicationDayItems(
        await this.calendar.publicationDays({
          agencyIds: [agency.id],
          range: window,
          channelTypes: filters.channelTypes,
        }),
        { key: agency.id, label: agency.shortName ?? agency.name, agency: self },
      );
    }
    const subordinateDays =
      wantsPublications && subordinates.length
        ? publicationDayItems(
            await this.calendar.publicationDays({
              agencyIds: subordinates,
              range: window,
              channelTypes: filters.channelTypes,
            }),
            { key: `${agency.id}:subordinates`, label: 'Các đơn vị cấp dưới', agency: self },
          )
        : [];
    const items = own.concat(ownDays, subordinateDays);
    // DTSTAMP is the latest change among the items, so the same content renders the same bytes.
    let latest = FEED_EPOCH_MS;
    for (const item of items) if (item.lastModified) latest = Math.max(latest, Date.parse(item.lastModified));
    const body = renderIcalFeed(items, {
      name: `Nhịp — ${agency.name}`,
      description: feed.name,
      refreshMinutes: 60,
      stamp: new Date(latest),
      url: `${this.config.publicUrl}/`,
    });
    // Weak: the compression middleware gzips the same content, so the bytes on the wire differ.
    const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.setHeader('Last-Modified', new Date(latest).toUTCString());
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === etag.slice(2)))
      return void res.status(304).end();
    res
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', `inline; filename="nhip-${agency.code}.ics"`);
    res.send(body);
  }
}

/** The feed's window in local days: [today − past, today + ahead + 1). */
function feedWindow(query: FeedWindowQuery): { from: Date; to: Date } {
  const parse = (value: string | undefined, fallback: number, name: string) => {
    if (value === undefined) return fallback;
    if (!/^\d{1,3}$/.test(value))
      throw DomainError.invalid('FEED_WINDOW_INVALID', `Tham số "${name}" phải là số ngày (số nguyên không âm).`, {
        [name]: value,
      });
    return Number(value);
  };
  const past = parse(query.past, FEED_PAST_DAYS, 'past');
  const ahead = parse(query.ahead, FEED_AHEAD_DAYS, 'ahead');
  if (past + ahead > FEED_MAX_WINDOW_DAYS)
    throw DomainError.invalid(
      'FEED_WINDOW_TOO_LONG',
      `Liên kết lịch chỉ bao quát tối đa ${FEED_MAX_WINDOW_DAYS} ngày: tổng "past" và "ahead" không được vượt quá ${FEED_MAX_WINDOW_DAYS}.`,
      { past, ahead, maxDays: FEED_MAX_WINDOW_DAYS },
    );
  const today = localDayOf(new Date());
  return { from: startOfLocalDay(addLocalDays(today, -past)), to: startOfLocalDay(addLocalDays(today, ahead + 1)) };
}
