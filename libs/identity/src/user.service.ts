import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { DomainError } from '@nhip/core';
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
        manager.create(UserEntity, { username, displayName: input.displayName.normalize('NFC').trim(), email: input.email ?? null, passwordHash }),
      );
      await manager.insert(MembershipEntity, { userId: user.id, agencyId, role });
      await this.audit.record({ action: 'user.created', subjectType: 'user', subjectId: user.id, actorUserId, agencyId, data: { username, role } }, manager);
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
      await this.audit.record({ action: 'membership.set', subjectType: 'user', subjectId: userId, actorUserId, agencyId, data: { role } }, manager);
    });
  }

  /** Who holds a role at the agency itself (roles held higher up also reach it, but are listed there). */
  async members(agencyId: string) {
    return this.db.getRepository(MembershipEntity).find({ where: { agencyId }, relations: { user: true }, order: { createdAt: 'ASC' } });
  }

  async memberships(userId: string) {
    return this.db.getRepository(MembershipEntity).find({ where: { userId }, relations: { agency: true } });
  }

  async findById(userId: string) {
    return this.db.getRepository(UserEntity).findOne({ where: { id: userId } });
  }
}
