import { createHash } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import { CalendarKind, CalendarService, FEED_KINDS, FeedTokenService, renderIcalFeed } from '@nhip/calendar';
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

/** How far a feed looks: a year back for what happened, two years ahead for what is planned. */
const FEED_PAST_DAYS = 365;
const FEED_FUTURE_DAYS = 730;
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

  /** The iCalendar feed itself: public, the secret token in the URL is the credential. */
  @Public()
  @Get('feeds/:file')
  async ics(@Param('file') file: string, @Req() req: Request, @Res() res: Response) {
    const token = TOKEN_FILE.exec(file)?.[1];
    if (!token) throw DomainError.notFound('FEED_NOT_FOUND', 'Liên kết lịch không tồn tại hoặc đã bị thu hồi.');
    const feed = await this.feeds.resolve(token);
    const agency = await this.agencies.get(feed.agencyId);
    const filters = feed.filters as {
      kinds?: CalendarKind[];
      channelTypes?: ChannelType[];
      includeSubordinates?: boolean;
    };
    const agencyIds = filters.includeSubordinates === false ? [agency.id] : await this.agencies.subtree(agency.id);
    const now = Date.now();
    const items = await this.calendar.items({
      agencyIds,
      range: { from: new Date(now - FEED_PAST_DAYS * 86_400_000), to: new Date(now + FEED_FUTURE_DAYS * 86_400_000) },
      filters: { kinds: filters.kinds, channelTypes: filters.channelTypes },
    });
    // DTSTAMP moves once an hour, so an unchanged calendar keeps its ETag and clients get a 304 within the hour.
    const stamp = new Date(Math.floor(now / 3600_000) * 3600_000);
    const body = renderIcalFeed(items, {
      name: `Nhịp — ${agency.name}`,
      description: feed.name,
      refreshMinutes: 60,
      stamp,
      url: `${this.config.publicUrl}/`,
    });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=300');
    if (req.headers['if-none-match'] === etag) return void res.status(304).end();
    res
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', `inline; filename="nhip-${agency.code}.ics"`);
    res.send(body);
  }
}
