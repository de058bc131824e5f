import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@nhip/core';
import { RelayService } from '@nhip/editorial';
import type { Principal } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal, RequestId } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { AdoptRelayRequest, DeclineRelayRequest, OfferRelayRequest } from './relay.dto';

/** Province to commune: a story offered to subordinate agencies, each answering for its own channels. */
@ApiTags('relay')
@ApiBearerAuth()
@Controller()
export class RelayController {
  constructor(private readonly relays: RelayService) {}

  /** Offers the story to agencies below its own (a list, every commune and ward, or the direct subordinates). */
  @Post('stories/:id/relay')
  @AgencyAccess('officer', { param: 'id', resource: 'story' })
  async offer(
    @Param('id') id: string,
    @Body() body: OfferRelayRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    if (!body.agencies === !body.scope)
      throw DomainError.invalid(
        'RELAY_AUDIENCE_REQUIRED',
        'Chọn các cơ quan nhận tin ("agencies") hoặc một phạm vi ("scope"), không chọn cả hai.',
      );
    return this.relays.offer(
      id,
      {
        audience: body.agencies ? { agencyIds: body.agencies } : { scope: body.scope! },
        window: { from: new Date(body.window.from), to: new Date(body.window.to) },
        channels: body.channels,
        level: body.level,
        locked: body.locked,
        note: body.note,
      },
      { userId: principal.userId, requestId },
    );
  }

  /** Who carried it: per receiving agency and channel, its answer, its variants and their publications. */
  @Get('stories/:id/relay')
  @AgencyAccess('viewer', { param: 'id', resource: 'story' })
  async coverage(@Param('id') id: string) {
    return this.relays.coverageOfStory(id);
  }

  /** What agencies above have offered this agency ("Tin dùng chung từ cấp trên"), waiting ones first. */
  @Get('agencies/:agencyId/relay-offers')
  @AgencyAccess('viewer', { param: 'agencyId' })
  async inbox(@Param('agencyId') agencyId: string) {
    return this.relays.inbox(agencyId);
  }

  /** The agency takes the offer up: its own story and a draft variant per chosen account, in one request. */
  @Post('relays/:relayId/agencies/:agencyId/adopt')
  @HttpCode(200)
  @AgencyAccess('officer', { param: 'agencyId' })
  async adopt(
    @Param('relayId', ParseIdPipe) relayId: string,
    @Param('agencyId') agencyId: string,
    @Body() body: AdoptRelayRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    return this.relays.adopt(relayId, agencyId, body, { userId: principal.userId, requestId });
  }

  /** The agency declines the offer, saying why. */
  @Post('relays/:relayId/agencies/:agencyId/decline')
  @HttpCode(200)
  @AgencyAccess('officer', { param: 'agencyId' })
  async decline(
    @Param('relayId', ParseIdPipe) relayId: string,
    @Param('agencyId') agencyId: string,
    @Body() body: DeclineRelayRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    return this.relays.decline(relayId, agencyId, body.reason, { userId: principal.userId, requestId });
  }
}
