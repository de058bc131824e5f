import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { DomainError, foldDiacritics } from '@nhip/core';
import { MembershipEntity, Role, UserEntity } from '@nhip/database';
import { PasswordHasher } from './password-hasher';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  email?: string | null;
}

@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /** Creates a user with a first membership, in one transaction. */
  async create(input: NewUser, agencyId: string, role: Role, actorUserId: string | null): Promise<UserEntity> {
    const username = input.username.normalize('NFC').trim().toLowerCase();
    const passwordHash = await this.hasher.hash(input.password);
    return this.db.transaction(async (manager) => {
      const existing = await manager.findOne(UserEntity, { where: { username } });
      if (existing) throw DomainError.conflict('USERNAME_TAKEN', `Tên đăng nhập "${username}" đã được sử dụng.`);
      const user = await manager.save(
        manager.create(UserEntity, {
          username,
          displayName: input.displayName.normalize('NFC').trim(),
          email: input.email ?? null,
          passwordHash,
        }),
      );
      await manager.insert(MembershipEntity, { userId: user.id, agencyId, role });
      await this.audit.record(
        {
          action: 'user.created',
          subjectType: 'user',
          subjectId: user.id,
          actorUserId,
          agencyId,
          data: { username, role },
        },
        manager,
      );
      return user;
    });
  }

  /** Grants or changes a user's role at an agency. */
  async setMembership(userId: string, agencyId: string, role: Role, actorUserId: string | null): Promise<void> {
    await this.db.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id: userId } });
      if (!user) throw DomainError.notFound('USER_NOT_FOUND', 'Không tìm thấy người dùng.');
      await manager
        .createQueryBuilder()
        .insert()
        .into(MembershipEntity)
        .values({ userId, agencyId, role })
        .orUpdate(['role'], ['user_id', 'agency_id'])
        .execute();
      await this.audit.record(
        { action: 'membership.set', subjectType: 'user', subjectId: userId, actorUserId, agencyId, data: { role } },
        manager,
      );
    });
  }

  /** Who holds a role at the agency itself (roles held higher up also reach it, but are listed there). */
  async members(agencyId: string) {
    return this.db
      .getRepository(MembershipEntity)
      .find({ where: { agencyId }, relations: { user: true }, order: { createdAt: 'ASC' } });
  }

  /**
   * People an admin may add to `agencyId`: members of the agencies the admin administers whose name,
   * username or email contains every word of `query` (with or without diacritics), and anyone whose
   * username is exactly `query` — a colleague from another agency, named by the admin. Those already
   * members of `agencyId` are left out. At most `limit`, best matches (exact username) first.
   */
  async candidates(
    agencyId: string,
    adminAgencyIds: string[],
    query: string,
    limit = 20,
  ): Promise<Array<Pick<UserEntity, 'id' | 'username' | 'displayName'>>> {
    const exact = query.normalize('NFC').trim().toLowerCase();
    const rows: Array<{ id: string; username: string; display_name: string; email: string | null }> =
      await this.db.query(
        `SELECT DISTINCT u.id, u.username, u.display_name, u.email
         FROM users u
        WHERE u.is_active
          AND (u.username = $3 OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.agency_id = ANY($2::uuid[])))
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.agency_id = $1)`,
        [agencyId, adminAgencyIds, exact],
      );
    const words = foldDiacritics(query).split(/\s+/).filter(Boolean);
    return rows
      .filter(
        (u) =>
          u.username === exact ||
          words.every((w) => foldDiacritics([u.username, u.display_name, u.email ?? ''].join(' ')).includes(w)),
      )
      .sort(
        (a, b) =>
          Number(b.username === exact) - Number(a.username === exact) ||
          a.display_name.localeCompare(b.display_name, 'vi'),
      )
      .slice(0, limit)
      .map((u) => ({ id: u.id, username: u.username, displayName: u.display_name }));
  }

  async memberships(userId: string) {
    return this.db.getRepository(MembershipEntity).find({ where: { userId }, relations: { agency: true } });
  }

  async findById(userId: string) {
    return this.db.getRepository(UserEntity).findOne({ where: { id: userId } });
  }
}
