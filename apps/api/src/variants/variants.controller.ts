import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChannelAccountService, ChannelError, ChannelRegistry, LoudspeakerChannel } from '@nhip/channels';
import type { LoudspeakerBulletin } from '@nhip/channels';
import { DomainError } from '@nhip/core';
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

  /**
   * The loudspeaker variant read aloud by the same text-to-speech, voice and rate as the real bulletin
   * (`content`: the composer's unsaved text, else the saved one). Answers the audio itself.
   */
  @Post(':id/audio-preview')
  @HttpCode(200)
  @ApiProduces('audio/wav', 'audio/mpeg')
  @AgencyAccess('viewer', { param: 'id', resource: 'variant' })
  async audioPreview(@Param('id') id: string, @Body() body: PreviewRequest, @Res() res: Response) {
    const variant = await this.variants.get(id);
    const channel = this.channels.get(variant.channelType);
    if (!(channel instanceof LoudspeakerChannel))
      throw DomainError.invalid('AUDIO_PREVIEW_LOUDSPEAKER_ONLY', 'Chỉ bản tin phát thanh mới nghe thử được.');
    const account = await this.accounts.get(variant.channelAccountId);
    const content = (body.content ?? variant.content) as unknown as LoudspeakerBulletin;
    let audio;
    try {
      audio = await channel.renderPreview(
        {
          id: account.id,
          type: 'loudspeaker',
          settings: account.settings,
          credentials: null,
          credentialsVersion: 0,
          sandbox: account.sandbox,
        },
        content,
      );
    } catch (error) {
      if (error instanceof ChannelError && error.kind === 'permanent')
        throw DomainError.invalid('AUDIO_PREVIEW_UNAVAILABLE', error.message, { channelCode: error.code });
      throw error;
    }
    res.setHeader('X-Audio-Duration-Seconds', audio.durationSeconds.toFixed(3));
    res.setHeader('Cache-Control', 'no-store');
    res.type(audio.mimeType).send(audio.audio);
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
