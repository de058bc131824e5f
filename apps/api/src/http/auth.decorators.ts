import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@nhip/database';
import type { Principal } from '@nhip/identity';

export const PUBLIC_KEY = 'nhip:public';
/** Routes a person whose password must still be changed may call: who they are, the change, signing out. */
export const BEFORE_PASSWORD_CHANGE_KEY = 'nhip:before-password-change';
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);
export const AGENCY_ACCESS_KEY = 'nhip:agency-access';
export const ACCESS_KEY = 'nhip:access';

/**
 * Who may call a route. Every route carries exactly one (`@Public`, `@AgencyAccess` or `@SignedIn`); a route
 * without one is refused to everyone, and the role × agency matrix test (test/security/access-matrix) is
 * generated from these.
 */
export type AccessDeclaration =
  { kind: 'public' } | { kind: 'agency'; rule: AgencyAccessRule } | { kind: 'signed-in'; scope: string };

/** The route answers without a bearer token. */
export const Public = () =>
  applyDecorators(
    SetMetadata(PUBLIC_KEY, true),
    SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessDeclaration),
  );

/**
 * Any signed-in person; `scope` says how the route keeps to what is theirs (their own rows, results limited
 * to the agencies they reach, or the check the service makes against the stored resource).
 */
export const SignedIn = (scope: string) =>
  SetMetadata(ACCESS_KEY, { kind: 'signed-in', scope } satisfies AccessDeclaration);

/** Where the agency a request acts on comes from: the agency id itself, or a resource that belongs to one. */
export type AgencySource = { param: string; resource?: OwnedResource } | { body: string } | { query: string };

export type OwnedResource = 'channel-account' | 'campaign' | 'story' | 'variant' | 'publication';

export interface AgencyAccessRule {
  role: Role;
  from: AgencySource;
}

/** The caller needs at least `role` at the agency the request acts on (or at an agency above it). */
export const AgencyAccess = (role: Role, from: AgencySource) =>
  applyDecorators(
    SetMetadata(AGENCY_ACCESS_KEY, { role, from } satisfies AgencyAccessRule),
    SetMetadata(ACCESS_KEY, { kind: 'agency', rule: { role, from } } satisfies AccessDeclaration),
  );

export interface AuthenticatedRequest {
  principal?: Principal;
  agencyId?: string;
  agencyRole?: Role;
  id?: string;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal!;
});

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  return String(ctx.switchToHttp().getRequest<AuthenticatedRequest>().id ?? '') || undefined;
});
