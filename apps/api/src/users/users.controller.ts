import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, UserService } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { CreateUserRequest, SetMembershipRequest } from './user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UserService) {}

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
