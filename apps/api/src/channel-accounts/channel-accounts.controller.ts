import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ChannelAccountService } from '@nhip/channels';
import { Principal } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal } from '../http/auth.decorators';
import { CreateChannelAccountRequest, mapChannelAccount, ReplaceCredentialsRequest } from './channel-account.dto';

@ApiTags('channel accounts')
@ApiBearerAuth()
@Controller()
export class ChannelAccountsController {
  constructor(private readonly accounts: ChannelAccountService) {}

  @Get('agencies/:agencyId/channel-accounts')
  @AgencyAccess('viewer', { param: 'agencyId' })
  async list(@Param('agencyId') agencyId: string) {
    return (await this.accounts.listForAgency(agencyId)).map(mapChannelAccount);
  }

  @Post('agencies/:agencyId/channel-accounts')
  @AgencyAccess('admin', { param: 'agencyId' })
  async create(@Param('agencyId') agencyId: string, @Body() body: CreateChannelAccountRequest, @CurrentPrincipal() principal: Principal) {
    const created = await this.accounts.create({ ...body, agencyId, settings: body.settings ?? {} }, principal.userId);
    return mapChannelAccount(await this.accounts.get(created.id));
  }

  @Get('channel-accounts/:id')
  @AgencyAccess('viewer', { param: 'id', resource: 'channel-account' })
  async get(@Param('id') id: string) {
    return mapChannelAccount(await this.accounts.get(id));
  }

  @Put('channel-accounts/:id/credentials')
  @HttpCode(204)
  @AgencyAccess('admin', { param: 'id', resource: 'channel-account' })
  async replaceCredentials(@Param('id') id: string, @Body() body: ReplaceCredentialsRequest, @CurrentPrincipal() principal: Principal) {
    await this.accounts.replaceCredentials(id, body.credentials, principal.userId);
  }
}
