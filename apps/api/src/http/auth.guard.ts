import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppConfig, DomainError } from '@nhip/core';
import { TokenService } from '@nhip/identity';
import { AuthenticatedRequest, BEFORE_PASSWORD_CHANGE_KEY, PUBLIC_KEY } from './auth.decorators';
import { clearSessionCookie, needsClientHeader, readSessionCookie } from './session-cookie';

/**
 * Resolves the caller on every non-public route: the `Authorization: Bearer` token (a login session or an
 * integration token) when sent, otherwise the web app's session cookie (see session-cookie.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw DomainError.unauthenticated();
      request.principal = await this.tokens.authenticate(match[1]);
      return this.passwordChosen(context, request.principal);
    }
    const cookie = readSessionCookie(request);
    if (!cookie) throw DomainError.unauthenticated();
    if (needsClientHeader(request)) {
      throw DomainError.forbidden(
        'Yêu cầu thay đổi dữ liệu từ phiên trình duyệt phải do ứng dụng Nhịp gửi (thiếu tiêu đề X-Nhip-Client).',
        'CSRF_HEADER_MISSING',
      );
    }
    try {
      request.principal = await this.tokens.authenticate(cookie);
    } catch (error) {
      // The browser drops a cookie that no longer opens anything, so the next visit starts at the login page.
      clearSessionCookie(request, context.switchToHttp().getResponse<Response>(), this.config.publicUrl);
      throw error;
    }
    return this.passwordChosen(context, request.principal);
  }

  /** A password an administrator chose opens only the routes needed to replace it. */
  private passwordChosen(context: ExecutionContext, principal: { mustChangePassword: boolean }): boolean {
    if (!principal.mustChangePassword) return true;
    if (
      this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, [context.getHandler(), context.getClass()])
    )
      return true;
    throw DomainError.forbidden(
      'Mật khẩu của bạn do quản trị viên đặt; hãy đổi mật khẩu trước khi tiếp tục.',
      'PASSWORD_CHANGE_REQUIRED',
    );
  }
}
