import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '@nhip/core';
import { LoginService, Principal, TokenService, UserService } from '@nhip/identity';
import { CurrentPrincipal, Public, RequestId } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { CreateApiTokenRequest, LoginRequest, TokenResponse } from './auth.dto';

const mapToken = (t: { id: string; token: string; kind: string; expiresAt: Date | null }): TokenResponse => ({
  id: t.id,
  token: t.token,
  kind: t.kind,
  expiresAt: t.expiresAt?.toISOString() ?? null,
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly tokens: TokenService,
    private readonly users: UserService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenResponse })
  async logIn(
    @Body() body: LoginRequest,
    @Req() req: Request,
    @RequestId() requestId?: string,
  ): Promise<TokenResponse> {
    return mapToken(await this.login.login(body.username, body.password, req.ip ?? 'unknown', requestId));
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logOut(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.tokens.revoke(principal.userId, principal.tokenId);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentPrincipal() principal: Principal) {
    const memberships = await this.users.memberships(principal.userId);
    return {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      memberships: memberships.map((m) => ({ agencyId: m.agencyId, agencyName: m.agency?.name ?? null, role: m.role })),
    };
  }

  @ApiBearerAuth()
  @Post('tokens')
  @ApiOkResponse({ type: TokenResponse })
  async createToken(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiTokenRequest,
  ): Promise<TokenResponse> {
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw DomainError.invalid('TOKEN_EXPIRY_IN_PAST', 'Thời điểm hết hạn phải ở tương lai.');
    }
    return mapToken(await this.tokens.issueIntegration(principal.userId, body.name.normalize('NFC'), expiresAt));
  }

  @ApiBearerAuth()
  @Get('tokens')
  async listTokens(@CurrentPrincipal() principal: Principal) {
    const tokens = await this.tokens.list(principal.userId);
    return tokens.map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt?.toISOString() ?? null,
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    }));
  }

  @ApiBearerAuth()
  @Delete('tokens/:id')
  @HttpCode(204)
  async revokeToken(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.tokens.revoke(principal.userId, id);
  }
}
