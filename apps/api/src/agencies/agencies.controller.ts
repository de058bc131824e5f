import { Body, Controller, Get, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgencyService, Principal } from '@nhip/identity';
import { AgencyAccess, AuthenticatedRequest, CurrentPrincipal, SignedIn } from '../http/auth.decorators';
import { CreateAgencyRequest, mapAgency, UpdateAgencyRequest } from './agency.dto';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgencyService) {}

  @Get()
  @SignedIn('reach: the agencies the caller reaches, with their role')
  async list(@CurrentPrincipal() principal: Principal) {
    const rows = await this.agencies.listReachable(principal.userId);
    return rows.map(({ agency, role }) => mapAgency(agency, role));
  }

  @Get(':id')
  @AgencyAccess('viewer', { param: 'id' })
  async get(@Param('id') id: string, @Req() req: AuthenticatedRequest) {
    return mapAgency(await this.agencies.get(id), req.agencyRole);
  }

  @Post()
  @AgencyAccess('admin', { body: 'parentId' })
  async create(@Body() body: CreateAgencyRequest, @CurrentPrincipal() principal: Principal) {
    return mapAgency(await this.agencies.create({ ...body, parentId: body.parentId }, principal.userId));
  }

  @Patch(':id')
  @AgencyAccess('admin', { param: 'id' })
  async update(@Param('id') id: string, @Body() body: UpdateAgencyRequest, @CurrentPrincipal() principal: Principal) {
    return mapAgency(await this.agencies.update(id, body, principal.userId));
  }
}
