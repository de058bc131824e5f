import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessPolicy, Principal, UserService } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { CreateUserRequest, SetMembershipRequest, UserCandidatesQuery } from './user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(
    private readonly users: UserService,
    private readonly access: AccessPolicy,
  ) {}

  @Post('users')
  @AgencyAccess('admin', { body: 'agencyId' })
  async create(@Body() body: CreateUserRequest, @CurrentPrincipal() principal: Principal) {
    const user = await this.users.create(body, body.agencyId, body.role, principal.userId);
    return { id: user.id, username: user.username, displayName: user.displayName, email: user.email };
  }

  /** The agency's own members and their roles, for the administration screens. */
  @Get('agencies/:agencyId/members')
  @AgencyAccess('admin', { param: 'agencyId' })
  async members(@Param('agencyId') agencyId: string) {
    return (await this.users.members(agencyId)).map((m) => ({
      userId: m.userId,
      username: m.user!.username,
      displayName: m.user!.displayName,
      email: m.user!.email,
      active: m.user!.isActive,
      role: m.role,
      since: m.createdAt.toISOString(),
    }));
  }

  /**
   * Existing people to add to the agency (then `PUT …/members/:userId`): members of the agencies the caller
   * administers whose name, username or email matches, and anyone named by exact username.
   */
  @Get('agencies/:agencyId/user-candidates')
  @AgencyAccess('admin', { param: 'agencyId' })
  async candidates(
    @Param('agencyId') agencyId: string,
    @Query() query: UserCandidatesQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    const administered = [...(await this.access.reachableAgencies(principal.userId, 'admin')).keys()];
    return this.users.candidates(agencyId, administered, query.q);
  }

  @Put('agencies/:agencyId/members/:userId')
  @HttpCode(204)
  @AgencyAccess('admin', { param: 'agencyId' })
  async setMembership(
    @Param('agencyId') agencyId: string,
    @Param('userId', ParseIdPipe) userId: string,
    @Body() body: SetMembershipRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.users.setMembership(userId, agencyId, body.role, principal.userId);
  }
}
