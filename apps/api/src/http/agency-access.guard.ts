import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { DomainError, UUID } from '@nhip/core';
import { AccessPolicy } from '@nhip/identity';
import {
  ACCESS_KEY,
  AccessDeclaration,
  AGENCY_ACCESS_KEY,
  AgencyAccessRule,
  AuthenticatedRequest,
  OwnedResource,
} from './auth.decorators';

/** How to find the owning agency of each resource type; add a line when a new resource is agency-scoped. */
const OWNER_QUERIES: Record<OwnedResource | 'agency', { sql: string; notFound: string; label: string }> = {
  agency: { sql: 'SELECT id AS agency_id FROM agencies WHERE id = $1', notFound: 'AGENCY_NOT_FOUND', label: 'cơ quan' },
  'channel-account': {
    sql: 'SELECT agency_id FROM channel_accounts WHERE id = $1',
    notFound: 'CHANNEL_ACCOUNT_NOT_FOUND',
    label: 'tài khoản kênh',
  },
  campaign: {
    sql: 'SELECT agency_id FROM campaigns WHERE id = $1',
    notFound: 'CAMPAIGN_NOT_FOUND',
    label: 'chiến dịch',
  },
  story: { sql: 'SELECT agency_id FROM stories WHERE id = $1', notFound: 'STORY_NOT_FOUND', label: 'tin bài' },
  variant: {
    sql: 'SELECT s.agency_id FROM variants v JOIN stories s ON s.id = v.story_id WHERE v.id = $1',
    notFound: 'VARIANT_NOT_FOUND',
    label: 'nội dung theo kênh',
  },
  publication: {
    sql: 'SELECT ca.agency_id FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id WHERE p.id = $1',
    notFound: 'PUBLICATION_NOT_FOUND',
    label: 'lượt đăng',
  },
};

/**
 * Refuses routes without an access declaration, and enforces @AgencyAccess: finds the agency the request acts on and checks the caller's role there
 * (a role at a parent agency counts). Runs after AuthGuard.
 */
@Injectable()
export class AgencyAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessPolicy,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const declared = this.reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    // A route that does not say who may call it is closed to everyone rather than open to all.
    if (!declared) throw DomainError.forbidden('Thao tác này chưa được khai báo quyền truy cập.', 'ACCESS_UNDECLARED');
    const rule = this.reflector.get<AgencyAccessRule | undefined>(AGENCY_ACCESS_KEY, context.getHandler());
    if (!rule) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    if (!request.principal) throw DomainError.unauthenticated();
    const agencyId = await this.resolveAgency(request, rule);
    request.agencyRole = await this.access.assertRole(request.principal.userId, agencyId, rule.role);
    request.agencyId = agencyId;
    return true;
  }

  private async resolveAgency(request: Request, rule: AgencyAccessRule): Promise<string> {
    const from = rule.from;
    const raw =
      'param' in from
        ? request.params[from.param]
        : 'body' in from
          ? (request.body as Record<string, unknown> | undefined)?.[from.body]
          : request.query[from.query];
    const resource = ('param' in from && from.resource) || 'agency';
    const field = 'param' in from ? from.param : 'body' in from ? from.body : from.query;
    if (typeof raw !== 'string' || !UUID.test(raw)) {
      throw DomainError.invalid('INVALID_ID', `Mã ${OWNER_QUERIES[resource].label} không hợp lệ.`, { field });
    }
    const owner = OWNER_QUERIES[resource];
    const rows: Array<{ agency_id: string }> = await this.db.query(owner.sql, [raw]);
    if (rows.length === 0) throw DomainError.notFound(owner.notFound, `Không tìm thấy ${owner.label}.`);
    return rows[0].agency_id;
  }
}
