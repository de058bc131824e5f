import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessPolicy, Principal } from '@nhip/identity';
import { parseReportPeriod, TargetValueService } from '@nhip/reporting';
import { AgencyAccess, CurrentPrincipal, RequestId, SignedIn } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { SetTargetValueRequest, TargetValueListQuery } from './report.dto';

/**
 * Values of plan targets that Nhịp cannot count (residents reached, staff trained), entered by an
 * officer for an agency and period with the source of the figure; every change is audited.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('target-values')
export class TargetValuesController {
  constructor(
    private readonly values: TargetValueService,
    private readonly access: AccessPolicy,
  ) {}

  /** Creates or changes the value of one target for one agency and period (200 either way; `created` says which). */
  @Put()
  @AgencyAccess('officer', { body: 'agency' })
  async set(
    @Body() body: SetTargetValueRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    const { value, created, changed } = await this.values.set(
      {
        agencyId: body.agency,
        planId: body.plan,
        targetKey: body.target,
        period: parseReportPeriod(body.period),
        value: body.value,
        source: body.source,
        note: body.note ?? null,
      },
      { userId: principal.userId, requestId },
    );
    return { ...value, created, changed };
  }

  @Get()
  @AgencyAccess('viewer', { query: 'agency' })
  async list(@Query() query: TargetValueListQuery) {
    return this.values.list(query.agency, { planId: query.plan });
  }

  /** Every change to the value, oldest first, from the audit trail (still there after a removal). */
  @Get(':id/audit')
  @SignedIn("stored resource: viewer at the value's agency")
  async audit(@Param('id', ParseIdPipe) id: string, @CurrentPrincipal() principal: Principal) {
    await this.access.assertRole(principal.userId, await this.values.agencyOf(id), 'viewer');
    return this.values.history(id);
  }

  @Delete(':id')
  @SignedIn("stored resource: officer at the value's agency")
  @HttpCode(204)
  async remove(
    @Param('id', ParseIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    await this.access.assertRole(principal.userId, await this.values.agencyOf(id), 'officer');
    await this.values.remove(id, { userId: principal.userId, requestId });
  }
}
