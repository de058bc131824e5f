import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { AuditService } from '@nhip/audit';
import { AgencyAccess } from '../http/auth.decorators';

export class AuditPageQuery {
  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1, { message: 'limit phải từ 1 đến 500.' })
  @Max(500, { message: 'limit phải từ 1 đến 500.' })
  limit?: number;

  @ApiPropertyOptional({ description: 'Return events older than this id (paging)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'before phải là số.' })
  before?: string;
}

/** The audit trail is read-only through the API; the database refuses updates and deletes. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('agencies/:agencyId/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @AgencyAccess('editor', { param: 'agencyId' })
  async list(@Param('agencyId') agencyId: string, @Query() query: AuditPageQuery) {
    const events = await this.audit.agencyTrail(agencyId, { limit: query.limit ?? 100, before: query.before });
    return events.map((e) => ({
      id: e.id,
      at: e.occurredAt.toISOString(),
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      actorUserId: e.actorUserId,
      data: e.data,
    }));
  }
}
