import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { stringify } from 'yaml';
import { PlanImportService, PlanQueryService } from '@nhip/calendar';
import { DomainError } from '@nhip/core';
import { AccessPolicy, Principal } from '@nhip/identity';
import { CurrentPrincipal, SignedIn } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';

export const PLAN_FILE_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly importer: PlanImportService,
    private readonly plans: PlanQueryService,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * Imports a plan file (YAML, see libs/calendar/src/plan-file/README.md; JSON of the same shape is
   * accepted too). Importing the same plan code again updates it. Needs the editor role at the issuer.
   */
  @Post('import')
  @SignedIn("service: editor at the file's issuer and at the stored plan's issuer")
  @HttpCode(200)
  @ApiConsumes('application/yaml', 'application/json')
  @ApiBody({ schema: { type: 'string', description: 'A plan file in YAML' } })
  async import(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    const text =
      typeof body === 'string'
        ? body
        : body && typeof body === 'object' && Object.keys(body).length
          ? stringify(body)
          : null;
    if (!text?.trim()) {
      throw DomainError.invalid(
        'PLAN_FILE_EMPTY',
        `Hãy gửi nội dung tệp kế hoạch (YAML với Content-Type ${PLAN_FILE_MEDIA_TYPES[0]}, hoặc JSON).`,
        { contentType: contentType ?? null },
      );
    }
    return this.importer.importText(text, {
      actorUserId: principal.userId,
      authorize: async (issuerId) => {
        await this.access.assertRole(principal.userId, issuerId, 'editor');
      },
    });
  }

  @Get()
  @SignedIn('reach: plans of agencies the caller reaches')
  async list(@CurrentPrincipal() principal: Principal) {
    const reach = await this.access.reachableAgencies(principal.userId);
    return this.plans.listVisible([...reach.keys()]);
  }

  @Get(':id')
  @SignedIn('stored resource: a plan an agency in reach issued or takes part in')
  async get(@Param('id', ParseIdPipe) id: string, @CurrentPrincipal() principal: Principal) {
    const plan = await this.plans.get(id);
    const reach = await this.access.reachableAgencies(principal.userId);
    const involved = [
      plan.issuingAgencyId,
      ...plan.tasks.flatMap((t) => [t.leadAgencyId, ...t.agencies.map((a) => a.agencyId)]),
    ];
    if (!involved.some((id) => id !== null && reach.has(id)))
      throw DomainError.forbidden('Bạn không có quyền xem kế hoạch này.', 'AGENCY_OUT_OF_REACH');
    return plan;
  }
}
