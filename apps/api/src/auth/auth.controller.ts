import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig, DomainError } from '@nhip/core';
import { LoginService, Principal, TokenService, UserService } from '@nhip/identity';
import { AllowedBeforePasswordChange, CurrentPrincipal, Public, RequestId, SignedIn } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { clearSessionCookie, isWebClient, setSessionCookie } from '../http/session-cookie';
import { ChangePasswordRequest, CreateApiTokenRequest, LoginRequest, TokenResponse } from './auth.dto';

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
    private readonly config: AppConfig,
  ) {}

  /**
   * Answers the bearer token in the body; for the web app (`X-Nhip-Client: web`) it goes into the HttpOnly
   * session cookie instead and the body leaves it out, so no script of the page ever holds it.
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Nhip-Client', required: false, description: '"web": session in a cookie, not in the body' })
  @ApiOkResponse({ type: TokenResponse })
  async logIn(
    @Body() body: LoginRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @RequestId() requestId?: string,
  ): Promise<TokenResponse | Omit<TokenResponse, 'token'>> {
    const session = await this.login.login(body.username, body.password, req.ip ?? 'unknown', requestId);
    if (!isWebClient(req)) return mapToken(session);
    setSessionCookie(req, res, this.config.publicUrl, session.token, session.expiresAt);
    const { token: _inCookie, ...rest } = mapToken(session);
    return rest;
  }

  @ApiBearerAuth()
  @Post('logout')
  @SignedIn("self: the caller's own session")
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  async logOut(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.tokens.revoke(principal.userId, principal.tokenId, 'auth.logout');
    clearSessionCookie(req, res, this.config.publicUrl);
  }

  @ApiBearerAuth()
  @Get('me')
  @SignedIn('self: the caller')
  @AllowedBeforePasswordChange()
  async me(@CurrentPrincipal() principal: Principal) {
    const memberships = await this.users.memberships(principal.userId);
    return {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      mustChangePassword: principal.mustChangePassword,
      memberships: memberships.map((m) => ({ agencyId: m.agencyId, agencyName: m.agency?.name ?? null, role: m.role })),
    };
  }

  /** Replaces the caller's own password; other sessions and tokens of theirs are revoked. */
  @ApiBearerAuth()
  @Post('password')
  @SignedIn('self: the caller')
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordRequest,
    @RequestId() requestId?: string,
  ): Promise<void> {
    await this.users.changeOwnPassword(principal, body.currentPassword, body.newPassword, requestId);
  }

  @ApiBearerAuth()
  @Post('tokens')
  @SignedIn("self: the caller's own tokens")
  @ApiOkResponse({ type: TokenResponse })
  async createToken(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiTokenRequest,
    @RequestId() requestId?: string,
  ): Promise<TokenResponse> {
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw DomainError.invalid('TOKEN_EXPIRY_IN_PAST', 'Thời điểm hết hạn phải ở tương lai.');
    }
    return mapToken(
      await this.tokens.issueIntegration(principal.userId, body.name.normalize('NFC'), expiresAt, requestId),
    );
  }

  @ApiBearerAuth()
  @Get('tokens')
  @SignedIn("self: the caller's own tokens")
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
  @SignedIn("self: the caller's own tokens")
  @HttpCode(204)
  async revokeToken(@CurrentPrincipal() principal: Principal, @Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.tokens.revoke(principal.userId, id, 'auth.token_revoked');
  }
}
