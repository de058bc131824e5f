import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { UUID } from '@nhip/core';
import { PUBLICATION_STATES } from '@nhip/database';
import { AccessPolicy, AgencyService, Principal } from '@nhip/identity';
import { PublicationAdmin } from '@nhip/publishing';
import { AgencyAccess, CurrentPrincipal, SignedIn } from '../http/auth.decorators';
import { MAX_OFFSET } from '../http/validators';

export class PublicationQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UUID, { message: 'Tham số "agency" không hợp lệ.' })
  agency?: string;

  @ApiPropertyOptional({ description: 'Comma-separated states' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(PUBLICATION_STATES, { each: true, message: `Trạng thái chỉ nhận: ${PUBLICATION_STATES.join(', ')}.` })
  state?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '"from" phải theo ISO 8601.' })
  from?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '"to" phải theo ISO 8601.' })
  to?: string;

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

export class SettleRequest {
  @ApiProperty({ description: 'What a person saw on the channel' })
  @IsBoolean({ message: 'published phải là true hoặc false.' })
  published: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'Đường dẫn bài đăng không hợp lệ.' })
  url?: string;
}

@ApiTags('publications')
@ApiBearerAuth()
@Controller()
export class PublicationsController {
  constructor(
    private readonly admin: PublicationAdmin,
    private readonly access: AccessPolicy,
    private readonly agencies: AgencyService,
  ) {}

  /** Publications of the agencies in reach (or one agency and those below it), newest first, with attempts and errors. */
  @Get('publications')
  @SignedIn('reach: publications of agencies the caller reaches; viewer at `agency` when given')
  async list(@Query() query: PublicationQuery, @CurrentPrincipal() p: Principal) {
    let agencyIds: string[];
    if (query.agency) {
      await this.access.assertRole(p.userId, query.agency, 'viewer');
      agencyIds = await this.agencies.subtree(query.agency);
    } else {
      agencyIds = [...(await this.access.reachableAgencies(p.userId)).keys()];
    }
    return this.admin.forAgencies(agencyIds, {
      states: query.state,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
  }

  @Get('publications/:id')
  @AgencyAccess('viewer', { param: 'id', resource: 'publication' })
  async get(@Param('id') id: string) {
    return this.admin.get(id);
  }

  @Get('variants/:id/publications')
  @AgencyAccess('viewer', { param: 'id', resource: 'variant' })
  async forVariant(@Param('id') id: string) {
    return this.admin.forVariant(id);
  }

  @Post('publications/:id/retry')
  @HttpCode(200)
  @AgencyAccess('officer', { param: 'id', resource: 'publication' })
  async retry(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.admin.retry(id, p.userId);
  }

  @Post('publications/:id/cancel')
  @HttpCode(200)
  @AgencyAccess('officer', { param: 'id', resource: 'publication' })
  async cancel(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.admin.cancel(id, p.userId);
  }

  /** After checking the channel by hand, an editor records whether an unknown publication went out. */
  @Post('publications/:id/settle')
  @HttpCode(200)
  @AgencyAccess('editor', { param: 'id', resource: 'publication' })
  async settle(@Param('id') id: string, @Body() body: SettleRequest, @CurrentPrincipal() p: Principal) {
    return this.admin.settle(id, body.published, body.url ?? null, p.userId);
  }

  @Post('channel-accounts/:id/pause')
  @HttpCode(204)
  @AgencyAccess('editor', { param: 'id', resource: 'channel-account' })
  async pause(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.admin.setAccountPaused(id, true, p.userId);
  }

  @Post('channel-accounts/:id/resume')
  @HttpCode(204)
  @AgencyAccess('editor', { param: 'id', resource: 'channel-account' })
  async resume(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    await this.admin.setAccountPaused(id, false, p.userId);
  }

  @Post('channel-accounts/:id/check')
  @HttpCode(200)
  @AgencyAccess('admin', { param: 'id', resource: 'channel-account' })
  async check(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.admin.checkConnection(id, p.userId);
  }
}
