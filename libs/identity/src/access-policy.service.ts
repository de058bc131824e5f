import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@nhip/core';
import { ROLES, Role } from '@nhip/database';

export const roleRank = (role: Role) => ROLES.indexOf(role);

/**
 * Who may do what where. A role held at an agency applies to that agency and every agency below it
 * (a province editor acts on its communes); the strongest role along the path wins.
 */
@Injectable()
export class AccessPolicy {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The caller's effective role at an agency, or null when it is outside their reach. */
  async roleAt(userId: string, agencyId: string): Promise<Role | null> {
    const rows: Array<{ role: Role }> = await this.db.query(
      `WITH RECURSIVE path AS (
         SELECT id, parent_id, 0 AS depth FROM agencies WHERE id = $2
         UNION ALL
         SELECT a.id, a.parent_id, path.depth + 1 FROM agencies a JOIN path ON a.id = path.parent_id WHERE path.depth < 16
       )
       SELECT m.role FROM memberships m JOIN path ON m.agency_id = path.id WHERE m.user_id = $1`,
      [userId, agencyId],
    );
    return rows.reduce<Role | null>(
      (best, { role }) => (best === null || roleRank(role) > roleRank(best) ? role : best),
      null,
    );
  }

  async assertRole(userId: string, agencyId: string, minimum: Role): Promise<Role> {
    const role = await this.roleAt(userId, agencyId);
    if (role === null) throw DomainError.forbidden('Bạn không có quyền truy cập cơ quan này.', 'AGENCY_OUT_OF_REACH');
    if (roleRank(role) < roleRank(minimum)) {
      throw DomainError.forbidden(
        `Thao tác này cần vai trò "${ROLE_LABELS[minimum]}" trở lên; vai trò của bạn là "${ROLE_LABELS[role]}".`,
        'ROLE_TOO_LOW',
      );
    }
    return role;
  }

  /** Every agency the user reaches with at least `minimum`, with the effective role at each. */
  async reachableAgencies(userId: string, minimum: Role = 'viewer'): Promise<Map<string, Role>> {
    const rows: Array<{ id: string; role: Role }> = await this.db.query(
      `WITH RECURSIVE reach AS (
         SELECT a.id, m.role, 0 AS depth FROM memberships m JOIN agencies a ON a.id = m.agency_id WHERE m.user_id = $1
         UNION ALL
         SELECT c.id, reach.role, reach.depth + 1 FROM agencies c JOIN reach ON c.parent_id = reach.id WHERE reach.depth < 16
       )
       SELECT id, role FROM reach`,
      [userId],
    );
    const result = new Map<string, Role>();
    for (const { id, role } of rows) {
      const current = result.get(id);
      if (!current || roleRank(role) > roleRank(current)) result.set(id, role);
    }
    for (const [id, role] of result) if (roleRank(role) < roleRank(minimum)) result.delete(id);
    return result;
  }
}

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'người xem',
  officer: 'cán bộ truyền thông',
  editor: 'biên tập viên',
  admin: 'quản trị',
};
