import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { InvitationEntity } from '@nhip/database';
import { AccessPolicy, Principal, UserService } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal, SignedIn } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import {
  CreateUserRequest,
  InviteRequest,
  RevokeTokensRequest,
  SetMembershipRequest,
  UserCandidatesQuery,
} from './user.dto';

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
   * Existing people to add to the agency: members of the agencies the caller administers whose name,
   * username or email matches (then `PUT …/members/:userId`), and anyone named by exact username, who can
   * only be invited (`needsInvitation`, then `POST …/invitations`).
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

  @Delete('agencies/:agencyId/members/:userId')
  @HttpCode(204)
  @AgencyAccess('admin', { param: 'agencyId' })
  async removeMembership(
    @Param('agencyId') agencyId: string,
    @Param('userId', ParseIdPipe) userId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.users.removeMembership(userId, agencyId, principal.userId);
  }

  /** Offers a role to someone outside the caller's reach; they or an admin of their agency accept it. */
  @Post('agencies/:agencyId/invitations')
  @AgencyAccess('admin', { param: 'agencyId' })
  async invite(
    @Param('agencyId') agencyId: string,
    @Body() body: InviteRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return mapInvitation(await this.users.invite(body.userId, agencyId, body.role, principal.userId));
  }

  @Get('agencies/:agencyId/invitations')
  @AgencyAccess('admin', { param: 'agencyId' })
  async agencyInvitations(@Param('agencyId') agencyId: string) {
    return (await this.users.agencyInvitations(agencyId)).map(mapInvitation);
  }

  @Delete('agencies/:agencyId/invitations/:invitationId')
  @HttpCode(204)
  @AgencyAccess('admin', { param: 'agencyId' })
  async cancelInvitation(
    @Param('agencyId') agencyId: string,
    @Param('invitationId', ParseIdPipe) invitationId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.users.cancelInvitation(agencyId, invitationId, principal.userId);
  }

  /** Pending invitations the caller may answer: their own, and those of people in agencies they administer. */
  @Get('invitations')
  @SignedIn('self: invitations to the caller or to people in agencies they administer')
  async myInvitations(@CurrentPrincipal() principal: Principal) {
    return (await this.users.invitationsFor(principal.userId)).map((i) => ({
      ...mapInvitation(i),
      agencyName: i.agency?.name ?? null,
      forMe: i.userId === principal.userId,
    }));
  }

  @Post('invitations/:id/accept')
  @SignedIn('stored resource: the person invited, or an admin of an agency they belong to')
  @HttpCode(204)
  async accept(@Param('id', ParseIdPipe) id: string, @CurrentPrincipal() principal: Principal) {
    await this.users.decideInvitation(id, true, principal.userId);
  }

  @Post('invitations/:id/decline')
  @SignedIn('stored resource: the person invited, or an admin of an agency they belong to')
  @HttpCode(204)
  async decline(@Param('id', ParseIdPipe) id: string, @CurrentPrincipal() principal: Principal) {
    await this.users.decideInvitation(id, false, principal.userId);
  }

  /** Deactivation revokes every session and token of the user at once; needs admin over all their agencies. */
  @Post('users/:userId/deactivate')
  @SignedIn('stored resource: admin of every agency the user belongs to')
  @HttpCode(204)
  async deactivate(@Param('userId', ParseIdPipe) userId: string, @CurrentPrincipal() principal: Principal) {
    await this.users.setActive(userId, false, principal.userId);
  }

  @Post('users/:userId/reactivate')
  @SignedIn('stored resource: admin of every agency the user belongs to')
  @HttpCode(204)
  async reactivate(@Param('userId', ParseIdPipe) userId: string, @CurrentPrincipal() principal: Principal) {
    await this.users.setActive(userId, true, principal.userId);
  }

  @Get('users/:userId/tokens')
  @SignedIn('stored resource: admin of every agency the user belongs to')
  async userTokens(@Param('userId', ParseIdPipe) userId: string, @CurrentPrincipal() principal: Principal) {
    return (await this.users.integrationTokens(userId, principal.userId)).map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt?.toISOString() ?? null,
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    }));
  }

  /** Revokes another user's integration tokens (`scope: integration`) or everything, sessions too (`all`). */
  @Post('users/:userId/tokens/revoke')
  @SignedIn('stored resource: admin of every agency the user belongs to')
  @HttpCode(200)
  async revokeUserTokens(
    @Param('userId', ParseIdPipe) userId: string,
    @Body() body: RevokeTokensRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return { revoked: await this.users.revokeTokens(userId, { kind: body.scope }, principal.userId) };
  }

  @Delete('users/:userId/tokens/:tokenId')
  @SignedIn('stored resource: admin of every agency the user belongs to')
  @HttpCode(204)
  async revokeUserToken(
    @Param('userId', ParseIdPipe) userId: string,
    @Param('tokenId', ParseIdPipe) tokenId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.users.revokeTokens(userId, { tokenId }, principal.userId);
  }
}

function mapInvitation(i: InvitationEntity) {
  return {
    id: i.id,
    agencyId: i.agencyId,
    userId: i.userId,
    username: i.user?.username ?? null,
    displayName: i.user?.displayName ?? null,
    role: i.role,
    createdAt: i.createdAt.toISOString(),
  };
}
