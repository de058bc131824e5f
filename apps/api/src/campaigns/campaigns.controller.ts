import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CampaignService } from '@nhip/calendar';
import { CampaignEntity } from '@nhip/database';
import { Principal } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal } from '../http/auth.decorators';
import { IsDay } from '../http/validators';

export class CreateCampaignRequest {
  @ApiProperty({ example: 'Tuần lễ Chuyển đổi số 10/10/2026' })
  @IsString()
  @MinLength(2, { message: 'Tên chiến dịch quá ngắn.' })
  @MaxLength(300, { message: 'Tên chiến dịch quá dài.' })
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'Mô tả quá dài.' })
  description?: string;

  @ApiPropertyOptional({ example: '2026-10-03' })
  @IsOptional()
  @IsDay({ message: 'Ngày bắt đầu phải có dạng YYYY-MM-DD.' })
  startsOn?: string;

  @ApiPropertyOptional({ example: '2026-10-10' })
  @IsOptional()
  @IsDay({ message: 'Ngày kết thúc phải có dạng YYYY-MM-DD.' })
  endsOn?: string;
}

const mapCampaign = (c: CampaignEntity) => ({
  id: c.id,
  agencyId: c.agencyId,
  planId: c.planId,
  name: c.name,
  description: c.description,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
});

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('agencies/:agencyId/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignService) {}

  @Get()
  @AgencyAccess('viewer', { param: 'agencyId' })
  async list(@Param('agencyId') agencyId: string) {
    return (await this.campaigns.listForAgency(agencyId)).map(mapCampaign);
  }

  @Post()
  @AgencyAccess('officer', { param: 'agencyId' })
  async create(
    @Param('agencyId') agencyId: string,
    @Body() body: CreateCampaignRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return mapCampaign(await this.campaigns.create({ ...body, agencyId }, principal.userId));
  }
}
