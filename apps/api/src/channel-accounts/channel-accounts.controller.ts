import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ChannelAccountService,
  FACEBOOK_RULES,
  LOUDSPEAKER_TITLE_MAX_LENGTH,
  PORTAL_LIMITS,
  ZALO_RULES,
} from '@nhip/channels';
import { DEFAULT_SYLLABLES_PER_MINUTE } from '@nhip/speech';
import { Principal } from '@nhip/identity';
import { PublicationAdmin } from '@nhip/publishing';
import { AgencyAccess, CurrentPrincipal, SignedIn } from '../http/auth.decorators';
import {
  CreateChannelAccountRequest,
  mapChannelAccount,
  ReplaceCredentialsRequest,
  UpdateChannelAccountRequest,
} from './channel-account.dto';

@ApiTags('channel accounts')
@ApiBearerAuth()
@Controller()
export class ChannelAccountsController {
  constructor(
    private readonly accounts: ChannelAccountService,
    private readonly publications: PublicationAdmin,
  ) {}

  /** The limits each channel enforces, so the composer counts against the same numbers as it types. */
  @Get('channel-rules')
  @SignedIn("none: the channels' published rules, the same for everyone")
  rules() {
    return {
      portal: {
        titleMaxLength: PORTAL_LIMITS.titleMaxLength,
        excerptMaxLength: PORTAL_LIMITS.excerptMaxLength,
        termsMax: PORTAL_LIMITS.termsMax,
      },
      facebook: {
        messageMaxLength: FACEBOOK_RULES.messageMaxLength,
        maxPhotos: FACEBOOK_RULES.maxPhotos,
        scheduleMinLeadMinutes: FACEBOOK_RULES.scheduleMinLeadMs / 60_000,
      },
      zalo: {
        titleMaxLength: ZALO_RULES.titleMaxLength,
        authorMaxLength: ZALO_RULES.authorMaxLength,
        descriptionMaxLength: ZALO_RULES.descriptionMaxLength,
      },
      loudspeaker: { titleMaxLength: LOUDSPEAKER_TITLE_MAX_LENGTH, syllablesPerMinute: DEFAULT_SYLLABLES_PER_MINUTE },
    };
  }

  @Get('agencies/:agencyId/channel-accounts')
  @AgencyAccess('viewer', { param: 'agencyId' })
  async list(@Param('agencyId') agencyId: string) {
    return (await this.accounts.listForAgency(agencyId)).map(mapChannelAccount);
  }

  @Post('agencies/:agencyId/channel-accounts')
  @AgencyAccess('admin', { param: 'agencyId' })
  async create(
    @Param('agencyId') agencyId: string,
    @Body() body: CreateChannelAccountRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    const created = await this.accounts.create({ ...body, agencyId, settings: body.settings ?? {} }, principal.userId);
    return mapChannelAccount(await this.accounts.get(created.id));
  }

  @Get('channel-accounts/:id')
  @AgencyAccess('viewer', { param: 'id', resource: 'channel-account' })
  async get(@Param('id') id: string) {
    return mapChannelAccount(await this.accounts.get(id));
  }

  /** Name, settings, rate limit and concurrency; credentials have their own route and status its pause/resume. */
  @Patch('channel-accounts/:id')
  @AgencyAccess('admin', { param: 'id', resource: 'channel-account' })
  async update(
    @Param('id') id: string,
    @Body() body: UpdateChannelAccountRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.accounts.update(id, body, principal.userId);
    return mapChannelAccount(await this.accounts.get(id));
  }

  @Put('channel-accounts/:id/credentials')
  @HttpCode(204)
  @AgencyAccess('admin', { param: 'id', resource: 'channel-account' })
  async replaceCredentials(
    @Param('id') id: string,
    @Body() body: ReplaceCredentialsRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.accounts.replaceCredentials(id, body.credentials, principal.userId);
    // A reconnected account takes up the publications that waited for it.
    await this.publications.requeueAccount(id);
  }
}
