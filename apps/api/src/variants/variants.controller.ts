import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ChannelAccountService, ChannelRegistry } from '@nhip/channels';
import { ActionResult, VariantService } from '@nhip/editorial';
import type { VariantEntity } from '@nhip/database';
import type { Principal } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal, RequestId } from '../http/auth.decorators';
import {
  ApproveRequest,
  EditVariantRequest,
  mapVariant,
  PreviewRequest,
  ReturnRequest,
  ScheduleDto,
} from './variant.dto';

@ApiTags('variants')
@ApiBearerAuth()
@Controller('variants')
export class VariantsController {
  constructor(
    private readonly variants: VariantService,
    private readonly channels: ChannelRegistry,
    private readonly accounts: ChannelAccountService,
  ) {}

  private map(variant: VariantEntity) {
    return mapVariant(variant, this.channels.get(variant.channelType).validate(variant.content));
  }

  private result(result: ActionResult) {
    return { ...this.map(result.variant), warnings: result.warnings };
  }

  @Get(':id')
  @AgencyAccess('viewer', { param: 'id', resource: 'variant' })
  async get(@Param('id') id: string) {
    return this.map(await this.variants.get(id));
  }

  /** Edits content and/or schedule. After submission or approval the variant goes back to the queue. */
  @Patch(':id')
  @AgencyAccess('officer', { param: 'id', resource: 'variant' })
  async edit(
    @Param('id') id: string,
    @Body() body: EditVariantRequest,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId?: string,
  ) {
    return this.result(await this.variants.edit(id, body, { userId: p.userId, requestId }));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @AgencyAccess('officer', { param: 'id', resource: 'variant' })
  async submit(@Param('id') id: string, @CurrentPrincipal() p: Principal, @RequestId() requestId?: string) {
    return this.result(await this.variants.submit(id, { userId: p.userId, requestId }));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @AgencyAccess('editor', { param: 'id', resource: 'variant' })
  async approve(
    @Param('id') id: string,
    @Body() body: ApproveRequest,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId?: string,
  ) {
    return this.result(await this.variants.approve(id, { userId: p.userId, requestId }, body.comment));
  }

  @Post(':id/return')
  @HttpCode(200)
  @AgencyAccess('editor', { param: 'id', resource: 'variant' })
  async return(
    @Param('id') id: string,
    @Body() body: ReturnRequest,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId?: string,
  ) {
    return this.result(await this.variants.requestChanges(id, { userId: p.userId, requestId }, body.comment));
  }

  /** Gives an approved variant with no time yet its schedule (exact time, RRULE, or next free slot). */
  @Post(':id/schedule')
  @HttpCode(200)
  @AgencyAccess('officer', { param: 'id', resource: 'variant' })
  async schedule(
    @Param('id') id: string,
    @Body() body: ScheduleDto,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId?: string,
  ) {
    return this.result(await this.variants.schedule(id, body, { userId: p.userId, requestId }));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @AgencyAccess('officer', { param: 'id', resource: 'variant' })
  async cancel(@Param('id') id: string, @CurrentPrincipal() p: Principal, @RequestId() requestId?: string) {
    return this.result(await this.variants.cancel(id, { userId: p.userId, requestId }));
  }

  /** The variant as its channel will show it. */
  @Get(':id/preview')
  @AgencyAccess('viewer', { param: 'id', resource: 'variant' })
  async preview(@Param('id') id: string) {
    return this.previewOf(id);
  }

  /** The same preview for content being typed and not saved yet: the composer's live preview and limits. Changes nothing. */
  @Post(':id/preview')
  @HttpCode(200)
  @AgencyAccess('viewer', { param: 'id', resource: 'variant' })
  async previewDraft(@Param('id') id: string, @Body() body: PreviewRequest) {
    return this.previewOf(id, body.content);
  }

  private async previewOf(id: string, draft?: Record<string, unknown>) {
    const variant = await this.variants.get(id);
    const account = await this.accounts.get(variant.channelAccountId);
    const content = draft ?? variant.content;
    const programme = await this.variants.programmeAlongside(variant);
    return {
      ...this.channels.profile(variant.channelType).preview(content, account.settings, programme),
      problems: this.channels.get(variant.channelType).validate(content),
    };
  }
}
