import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { DomainError, foldDiacritics } from '@nhip/core';
import { InvitationEntity, MembershipEntity, Role, UserEntity } from '@nhip/database';
import { AccessPolicy } from './access-policy.service';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';

const USER_NOT_FOUND = () => DomainError.notFound('USER_NOT_FOUND', 'Không tìm thấy người dùng.');
const INVITATION_NOT_FOUND = () => DomainError.notFound('INVITATION_NOT_FOUND', 'Không tìm thấy lời mời.');

/** Which of a user's tokens an admin revokes: one, every integration token, or all of them with the sessions. */
export type TokenSelection = { tokenId: string } | { kind: 'integration' | 'all' };

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  email?: string | null;
}

/** The shortest password a person may choose for themselves. */
export const MIN_PASSWORD_LENGTH = 10;

@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly tokens: TokenService,
  ) {}

  /**
   * A person replaces their own password, proving the current one: the new one has at least
   * `MIN_PASSWORD_LENGTH` characters and differs from the old one and the username. Every other session and
   * token of theirs is revoked, the one in use is kept, and a password an administrator chose stops blocking.
   */
  async changeOwnPassword(
    principal: { userId: string; username: string; tokenId: string },
    current: string,
    next: string,
    requestId?: string,
  ): Promise<void> {
    const user = await this.db.getRepository(UserEntity).findOne({ where: { id: principal.userId } });
    if (!user || !(await this.hasher.verify(user.passwordHash, current)))
      throw DomainError.invalid('CURRENT_PASSWORD_WRONG', 'Mật khẩu hiện tại không đúng.');
    const chosen = next.normalize('NFC');
    if ([...chosen].length < MIN_PASSWORD_LENGTH)
      throw DomainError.invalid('PASSWORD_TOO_SHORT', `Mật khẩu mới cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
    if (chosen === current.normalize('NFC'))
      throw DomainError.invalid('PASSWORD_UNCHANGED', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
    if (chosen.toLowerCase().includes(principal.username.toLowerCase()))
      throw DomainError.invalid('PASSWORD_CONTAINS_USERNAME', 'Mật khẩu mới không được chứa tên đăng nhập.');
    const passwordHash = await this.hasher.hash(chosen);
    await this.db.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { passwordHash, mustChangePassword: false });
      const revoked = await manager.query(
        `UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`,
        [user.id, principal.tokenId],
      );
      await this.audit.record(
        {
          action: 'auth.password_changed',
          subjectType: 'user',
          subjectId: user.id,
          actorUserId: user.id,
          requestId: requestId ?? null,
          data: { wasRequired: user.mustChangePassword, otherTokensRevoked: Array.isArray(revoked) ? revoked[1] : 0 },
        },
        manager,
      );
    });
  }

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
          // Someone else chose this password: its owner replaces it at first sign-in.
          mustChangePassword: actorUserId !== null,
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

  /**
   * Grants or changes a user's role at an agency. Only for someone already in the admin's reach — a member
   * of this agency or of any agency the admin administers; anyone else needs an invitation they accept.
   */
  async setMembership(userId: string, agencyId: string, role: Role, actorUserId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id: userId } });
      if (!user) throw USER_NOT_FOUND();
      const administered = await this.administered(actorUserId);
      const memberships = await manager.find(MembershipEntity, { where: { userId } });
      const inReach = memberships.some((m) => m.agencyId === agencyId || administered.has(m.agencyId));
      if (!inReach) {
        throw DomainError.forbidden(
          'Người này không thuộc cơ quan bạn quản trị. Hãy gửi lời mời; họ (hoặc quản trị viên cơ quan của họ) cần chấp nhận.',
          'INVITATION_REQUIRED',
        );
      }
      await this.upsertMembership(manager, userId, agencyId, role);
      await this.audit.record(
        { action: 'membership.set', subjectType: 'user', subjectId: userId, actorUserId, agencyId, data: { role } },
        manager,
      );
    });
  }

  /** Takes a user's role at the agency away (roles held elsewhere stay). */
  async removeMembership(userId: string, agencyId: string, actorUserId: string): Promise<void> {
    if (userId === actorUserId) {
      throw DomainError.invalid(
        'CANNOT_REMOVE_SELF',
        'Bạn không thể tự gỡ mình khỏi cơ quan; hãy nhờ một quản trị viên khác.',
      );
    }
    await this.db.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(MembershipEntity)
        .where('user_id = :userId AND agency_id = :agencyId', { userId, agencyId })
        .returning('role')
        .execute();
      const removed = result.raw as Array<{ role: Role }>;
      if (!removed.length) {
        throw DomainError.notFound('MEMBERSHIP_NOT_FOUND', 'Người này không phải thành viên của cơ quan.');
      }
      await this.audit.record(
        {
          action: 'membership.removed',
          subjectType: 'user',
          subjectId: userId,
          actorUserId,
          agencyId,
          data: { role: removed[0].role },
        },
        manager,
      );
    });
  }

  /** Offers a role at the agency to someone; the membership starts when they or an admin over them accept. */
  async invite(userId: string, agencyId: string, role: Role, actorUserId: string): Promise<InvitationEntity> {
    return this.db.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id: userId, isActive: true } });
      if (!user) throw USER_NOT_FOUND();
      if (await manager.exists(MembershipEntity, { where: { userId, agencyId } })) {
        throw DomainError.conflict(
          'ALREADY_MEMBER',
          'Người này đã là thành viên của cơ quan; hãy đổi vai trò trực tiếp.',
        );
      }
      if (await manager.exists(InvitationEntity, { where: { userId, agencyId, state: 'pending' } })) {
        throw DomainError.conflict('INVITATION_PENDING', 'Người này đã có một lời mời đang chờ vào cơ quan.');
      }
      const invitation = await manager.save(
        manager.create(InvitationEntity, { userId, agencyId, role, invitedBy: actorUserId }),
      );
      await this.audit.record(
        {
          action: 'invitation.created',
          subjectType: 'user',
          subjectId: userId,
          actorUserId,
          agencyId,
          data: { invitationId: invitation.id, role },
        },
        manager,
      );
      return invitation;
    });
  }

  /**
   * Accepts or declines a pending invitation: the person invited, or an admin of an agency they belong to.
   * Accepting grants the role offered.
   */
  async decideInvitation(invitationId: string, accept: boolean, actorUserId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const invitation = await manager.findOne(InvitationEntity, {
        where: { id: invitationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation || !(await this.mayAnswer(manager, invitation.userId, actorUserId))) {
        throw INVITATION_NOT_FOUND();
      }
      if (invitation.state !== 'pending') {
        throw DomainError.conflict('INVITATION_CLOSED', 'Lời mời này đã được trả lời hoặc đã bị hủy.');
      }
      await manager.update(
        InvitationEntity,
        { id: invitation.id },
        { state: accept ? 'accepted' : 'declined', decidedBy: actorUserId, decidedAt: new Date() },
      );
      if (accept) await this.upsertMembership(manager, invitation.userId, invitation.agencyId, invitation.role);
      await this.audit.record(
        {
          action: accept ? 'invitation.accepted' : 'invitation.declined',
          subjectType: 'user',
          subjectId: invitation.userId,
          actorUserId,
          agencyId: invitation.agencyId,
          data: { invitationId: invitation.id, role: invitation.role },
        },
        manager,
      );
    });
  }

  /** The inviting agency's admin withdraws a pending invitation. */
  async cancelInvitation(agencyId: string, invitationId: string, actorUserId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const result = await manager.update(
        InvitationEntity,
        { id: invitationId, agencyId, state: 'pending' },
        { state: 'cancelled', decidedBy: actorUserId, decidedAt: new Date() },
      );
      if (!result.affected) throw INVITATION_NOT_FOUND();
      await this.audit.record(
        {
          action: 'invitation.cancelled',
          subjectType: 'invitation',
          subjectId: invitationId,
          actorUserId,
          agencyId,
        },
        manager,
      );
    });
  }

  /** Pending invitations an agency sent. */
  async agencyInvitations(agencyId: string) {
    return this.db.getRepository(InvitationEntity).find({
      where: { agencyId, state: 'pending' },
      relations: { user: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** Pending invitations the caller may answer: their own, and those of people in agencies they administer. */
  async invitationsFor(actorUserId: string) {
    const administered = [...(await this.administered(actorUserId))];
    const ids: Array<{ id: string }> = await this.db.query(
      `SELECT i.id FROM invitations i
        WHERE i.state = 'pending'
          AND (i.user_id = $1 OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = i.user_id AND m.agency_id = ANY($2::uuid[])))
        ORDER BY i.created_at
        LIMIT 200`,
      [actorUserId, administered],
    );
    if (!ids.length) return [];
    return this.db.getRepository(InvitationEntity).find({
      where: ids.map(({ id }) => ({ id })),
      relations: { user: true, agency: true },
      order: { createdAt: 'ASC' },
    });
  }

  /**
   * Deactivates a user (`active: false`): they cannot log in, and every session and token they hold is
   * revoked in the same transaction, so their next request is refused. Reactivating lets them log in again;
   * revoked tokens stay revoked.
   */
  async setActive(userId: string, active: boolean, actorUserId: string): Promise<void> {
    if (userId === actorUserId) {
      throw DomainError.invalid(
        'CANNOT_DEACTIVATE_SELF',
        'Bạn không thể tự vô hiệu hóa hay kích hoạt tài khoản của mình.',
      );
    }
    await this.db.transaction(async (manager) => {
      await this.assertAdministers(manager, userId, actorUserId);
      await manager.update(UserEntity, { id: userId }, { isActive: active });
      const revoked = active ? [] : await this.tokens.revokeFor(manager, userId, { kind: 'all' });
      await this.audit.record(
        {
          action: active ? 'user.reactivated' : 'user.deactivated',
          subjectType: 'user',
          subjectId: userId,
          actorUserId,
          data: active ? {} : { tokensRevoked: revoked.length },
        },
        manager,
      );
    });
  }

  /** An admin over every agency the user belongs to revokes the user's tokens. */
  async revokeTokens(userId: string, which: TokenSelection, actorUserId: string): Promise<number> {
    return this.db.transaction(async (manager) => {
      await this.assertAdministers(manager, userId, actorUserId);
      const revoked = await this.tokens.revokeFor(manager, userId, which);
      if ('tokenId' in which && !revoked.length) {
        throw DomainError.notFound('TOKEN_NOT_FOUND', 'Không tìm thấy mã truy cập.');
      }
      await this.audit.record(
        {
          action: 'user.tokens_revoked',
          subjectType: 'user',
          subjectId: userId,
          actorUserId,
          data: { tokenIds: revoked, scope: 'tokenId' in which ? 'one' : which.kind },
        },
        manager,
      );
      return revoked.length;
    });
  }

  /** A user's integration tokens still in force, for an admin over every agency they belong to. */
  async integrationTokens(userId: string, actorUserId: string) {
    await this.assertAdministers(this.db.manager, userId, actorUserId);
    return this.tokens.list(userId);
  }

  /**
   * The caller administers the user when every agency the user belongs to is within the caller's admin
   * reach: a ward admin cannot shut out a province editor who also sits in the ward.
   */
  private async assertAdministers(manager: EntityManager, userId: string, actorUserId: string): Promise<void> {
    const [user, memberships, administered] = await Promise.all([
      manager.findOne(UserEntity, { where: { id: userId } }),
      manager.find(MembershipEntity, { where: { userId } }),
      this.administered(actorUserId),
    ]);
    if (!user) throw USER_NOT_FOUND();
    if (!memberships.length || !memberships.every((m) => administered.has(m.agencyId))) {
      throw DomainError.forbidden(
        'Bạn chỉ quản lý được người dùng mà mọi cơ quan của họ đều do bạn quản trị.',
        'USER_OUT_OF_REACH',
      );
    }
  }

  private async mayAnswer(manager: EntityManager, inviteeId: string, actorUserId: string): Promise<boolean> {
    if (inviteeId === actorUserId) return true;
    const administered = await this.administered(actorUserId);
    const memberships = await manager.find(MembershipEntity, { where: { userId: inviteeId } });
    return memberships.some((m) => administered.has(m.agencyId));
  }

  private async administered(userId: string): Promise<Set<string>> {
    return new Set((await this.access.reachableAgencies(userId, 'admin')).keys());
  }

  private async upsertMembership(manager: EntityManager, userId: string, agencyId: string, role: Role) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(MembershipEntity)
      .values({ userId, agencyId, role })
      .orUpdate(['role'], ['user_id', 'agency_id'])
      .execute();
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
   * username is exactly `query` — a colleague from another agency, named by the admin, who can only be
   * invited (`needsInvitation`). Those already members of `agencyId` are left out. At most `limit`, best matches (exact username) first.
   */
  async candidates(
    agencyId: string,
    adminAgencyIds: string[],
    query: string,
    limit = 20,
  ): Promise<Array<Pick<UserEntity, 'id' | 'username' | 'displayName'> & { needsInvitation: boolean }>> {
    const exact = query.normalize('NFC').trim().toLowerCase();
    const rows: Array<{ id: string; username: string; display_name: string; email: string | null; in_reach: boolean }> =
      await this.db.query(
        `SELECT u.id, u.username, u.display_name, u.email,
                EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.agency_id = ANY($2::uuid[])) AS in_reach
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
      .map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, needsInvitation: !u.in_reach }));
  }

  async memberships(userId: string) {
    return this.db.getRepository(MembershipEntity).find({ where: { userId }, relations: { agency: true } });
  }

  async findById(userId: string) {
    return this.db.getRepository(UserEntity).findOne({ where: { id: userId } });
  }
}
