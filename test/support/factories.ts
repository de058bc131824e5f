import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AgencyEntity,
  AgencyKind,
  ChannelAccountEntity,
  MembershipEntity,
  PublicationEntity,
  PublicationState,
  Role,
  StoryEntity,
  UserEntity,
  VariantEntity,
} from '@nhip/database';
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

    /** A story with one variant and its publication on the given account at the given instant. */
    async publication(account: ChannelAccountEntity, at: Date, input: { state?: PublicationState; title?: string } = {}) {
      const story = await db.getRepository(StoryEntity).save({ agencyId: account.agencyId, title: input.title ?? `Tin thử nghiệm ${unique()}` });
      const variant = await db.getRepository(VariantEntity).save({
        storyId: story.id,
        channelAccountId: account.id,
        channelType: account.type,
        content: {},
        state: 'scheduled',
        scheduledAt: at,
      });
      const publication = await db.getRepository(PublicationEntity).save({
        variantId: variant.id,
        channelAccountId: account.id,
        occurrenceAt: at,
        variantRevision: 1,
        state: input.state ?? 'scheduled',
        idempotencyKey: `test-${unique()}${unique()}`,
      });
      return { story, variant, publication };
    },

    /** A channel account pointing at a local test channel (see test/fakes/test-channel). */
    async channelAccount(agency: AgencyEntity, input: { type?: ChannelAccountEntity['type']; endpoint: string; concurrency?: number; ratePerMinute?: number }) {
      return db.getRepository(ChannelAccountEntity).save({
        agencyId: agency.id,
        type: input.type ?? 'portal',
        name: `Kênh thử nghiệm ${unique()}`,
        settings: { endpoint: input.endpoint },
        concurrency: input.concurrency ?? 1,
        rateLimitPerMinute: input.ratePerMinute ?? null,
      });
    },
  };
}
