import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@nhip/database';
import type { Principal } from '@nhip/identity';

export const PUBLIC_KEY = 'nhip:public';
export const AGENCY_ACCESS_KEY = 'nhip:agency-access';

/** The route answers without a bearer token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Where the agency a request acts on comes from: the agency id itself, or a resource that belongs to one. */
export type AgencySource = { param: string; resource?: OwnedResource } | { body: string } | { query: string };

export type OwnedResource = 'channel-account' | 'campaign' | 'story' | 'variant' | 'publication';

export interface AgencyAccessRule {
  role: Role;
  from: AgencySource;
}

/** The caller needs at least `role` at the agency the request acts on (or at an agency above it). */
export const AgencyAccess = (role: Role, from: AgencySource) =>
  SetMetadata(AGENCY_ACCESS_KEY, { role, from } satisfies AgencyAccessRule);

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
