import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { NotificationService, WebhookService } from '@nhip/notifications';
import { OUTBOUND_URL_MAX_LENGTH } from '@nhip/core';
import type { Principal } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal, SignedIn } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { MAX_OFFSET } from '../http/validators';

const KINDS = ['approval_requested', 'changes_requested', 'approved', 'schedule_missed', 'publication_failed'];

export class NotificationQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1, { message: 'limit phải từ 1 đến 200.' })
  @Max(200, { message: 'limit phải từ 1 đến 200.' })
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0, { message: 'offset phải từ 0 đến 1000000.' })
  @Max(MAX_OFFSET, { message: 'offset phải từ 0 đến 1000000.' })
  offset?: number;
}

export class CreateWebhookRequest {
  @ApiProperty({ example: 'https://vanphong.example.gov.vn/nhip-webhook', maxLength: OUTBOUND_URL_MAX_LENGTH })
  @Matches(/^https?:\/\/[^\s/$.?#].\S*$/i, { message: 'URL webhook không hợp lệ.' })
  url: string;

  @ApiPropertyOptional({ enum: KINDS, isArray: true, description: 'Empty: every event' })
  @IsOptional()
  @IsArray()
  @IsIn(KINDS, { each: true, message: `Sự kiện chỉ nhận: ${KINDS.join(', ')}.` })
  events?: string[];
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationService,
    private readonly webhooks: WebhookService,
  ) {}

  @Get('notifications')
  @SignedIn("self: the caller's own notifications")
  async list(@Query() query: NotificationQuery, @CurrentPrincipal() p: Principal) {
    const { total, unread, items } = await this.notifications.list(p.userId, {
      unreadOnly: query.unread,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return {
      total,
      unread,
      items: items.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        data: n.data,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
      })),
    };
  }

  /** Marks every unread notification of the caller read. */
  @Post('notifications/read-all')
  @SignedIn("self: the caller's own notifications")
  @HttpCode(200)
  async readAll(@CurrentPrincipal() p: Principal) {
    return { marked: await this.notifications.markAllRead(p.userId) };
  }

  @Post('notifications/:id/read')
  @SignedIn("self: the caller's own notifications")
  @HttpCode(204)
  async read(@Param('id', ParseIdPipe) id: string, @CurrentPrincipal() p: Principal) {
    await this.notifications.markRead(p.userId, id);
  }

  /** Registers an outgoing webhook; the signing secret is shown once. */
  @Post('agencies/:agencyId/webhooks')
  @AgencyAccess('admin', { param: 'agencyId' })
  async createWebhook(
    @Param('agencyId') agencyId: string,
    @Body() body: CreateWebhookRequest,
    @CurrentPrincipal() p: Principal,
  ) {
    const { webhook, secret } = await this.webhooks.create(agencyId, body.url, body.events ?? [], p.userId);
    return {
      id: webhook.id,
      url: webhook.url,
      events: webhook.events,
      secret,
      signature: 'X-Nhip-Signature: sha256=HMAC(secret, "<X-Nhip-Timestamp>.<body>")',
    };
  }

  @Get('agencies/:agencyId/webhooks')
  @AgencyAccess('admin', { param: 'agencyId' })
  async listWebhooks(@Param('agencyId') agencyId: string) {
    return (await this.webhooks.list(agencyId)).map((w) => ({
      id: w.id,
      url: w.url,
      events: w.events,
      active: w.active,
      createdAt: w.createdAt.toISOString(),
    }));
  }

  @Delete('agencies/:agencyId/webhooks/:webhookId')
  @HttpCode(204)
  @AgencyAccess('admin', { param: 'agencyId' })
  async removeWebhook(
    @Param('agencyId') agencyId: string,
    @Param('webhookId', ParseIdPipe) webhookId: string,
    @CurrentPrincipal() p: Principal,
  ) {
    await this.webhooks.remove(agencyId, webhookId, p.userId);
  }
}
