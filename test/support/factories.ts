import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgencyEntity, AgencyKind, MembershipEntity, Role, UserEntity } from '@nhip/database';
import { PasswordHasher } from '@nhip/identity';

const unique = () => randomBytes(4).toString('hex');
const hasher = new PasswordHasher();

/** Row factories for tests: each inserts one real row and returns it. */
export function factories(db: DataSource) {
  return {
    async agency(input: { kind?: AgencyKind; parent?: AgencyEntity | null; name?: string; code?: string } = {}) {
      const code = input.code ?? `test-${unique()}`;
      return db.getRepository(AgencyEntity).save({
        code,
        name: input.name ?? `Cơ quan thử nghiệm ${code}`,
        kind: input.kind ?? (input.parent ? 'commune' : 'province'),
        parentId: input.parent?.id ?? null,
      });
    },

    async user(input: { username?: string; password?: string; displayName?: string } = {}) {
      const password = input.password ?? `mat-khau-${unique()}`;
      const user = await db.getRepository(UserEntity).save({
        username: input.username ?? `user-${unique()}`,
        displayName: input.displayName ?? 'Người dùng thử nghiệm',
        passwordHash: await hasher.hash(password),
      });
      return { user, password };
    },

    async membership(user: UserEntity, agency: AgencyEntity, role: Role) {
      return db.getRepository(MembershipEntity).save({ userId: user.id, agencyId: agency.id, role });
    },
  };
}
