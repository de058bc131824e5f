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
    async publication(
      account: ChannelAccountEntity,
      at: Date,
      input: { state?: PublicationState; title?: string } = {},
    ) {
      const story = await db
        .getRepository(StoryEntity)
        .save({ agencyId: account.agencyId, title: input.title ?? `Tin thử nghiệm ${unique()}` });
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
    async channelAccount(
      agency: AgencyEntity,
      input: { type?: ChannelAccountEntity['type']; endpoint: string; concurrency?: number; ratePerMinute?: number },
    ) {
      return db.getRepository(ChannelAccountEntity).save({
        agencyId: agency.id,
        type: input.type ?? 'portal',
        name: `Kênh thử nghiệm ${unique()}`,
        settings: { endpoint: input.endpoint },
        concurrency: input.concurrency ?? 1,
        rateLimitPerMinute: input.ratePerMinute ?? null,
      });
    },

    /**
     * A story (optionally tied to a plan task and a peak) with one variant and one publication per entry.
     * A published entry gets an address and a publication time; a failed or unknown one gets its attempts
     * with the channel's error.
     */
    async storyWithPublications(
      story: {
        agencyId: string;
        title?: string;
        format?: StoryEntity['format'];
        planTaskId?: string | null;
        peakId?: string | null;
      },
      entries: Array<{
        account: ChannelAccountEntity;
        at: Date;
        state?: PublicationState;
        url?: string | null;
        error?: { code: string; message: string };
      }>,
    ) {
      const saved = await db.getRepository(StoryEntity).save({
        agencyId: story.agencyId,
        title: story.title ?? `Tin thử nghiệm ${unique()}`,
        format: story.format ?? 'news',
        planTaskId: story.planTaskId ?? null,
        peakId: story.peakId ?? null,
      });
      const publications: PublicationEntity[] = [];
      for (const entry of entries) {
        const state = entry.state ?? 'published';
        const variant = await db.getRepository(VariantEntity).save({
          storyId: saved.id,
          channelAccountId: entry.account.id,
          channelType: entry.account.type,
          content: {},
          state,
          scheduledAt: entry.at,
        });
        const attempts = state === 'failed' ? 3 : state === 'published' || state === 'unknown' ? 1 : 0;
        const publication = await db.getRepository(PublicationEntity).save({
          variantId: variant.id,
          channelAccountId: entry.account.id,
          occurrenceAt: entry.at,
          variantRevision: 1,
          state,
          idempotencyKey: `test-${unique()}${unique()}`,
          attemptCount: attempts,
          publishedAt: state === 'published' ? new Date(entry.at.getTime() + 120_000) : null,
          externalUrl:
            state === 'published'
              ? entry.url === undefined
                ? `https://kenh.example.gov.vn/bai/${unique()}`
                : entry.url
              : null,
          lastError: entry.error ? { ...entry.error } : null,
        });
        for (let number = 1; number <= attempts; number += 1) {
          const last = number === attempts;
          const outcome = !last
            ? 'retryable'
            : state === 'published'
              ? 'succeeded'
              : state === 'unknown'
                ? 'unknown'
                : 'permanent';
          await db.query(
            `INSERT INTO publication_attempts (publication_id, number, started_at, finished_at, outcome, error_code, error_message) VALUES ($1, $2, $3, $3, $4, $5, $6)`,
            [
              publication.id,
              number,
              new Date(entry.at.getTime() + number * 60_000),
              outcome,
              outcome === 'succeeded' ? null : (entry.error?.code ?? null),
              outcome === 'succeeded' ? null : (entry.error?.message ?? null),
            ],
          );
        }
        publications.push(publication);
      }
      return { story: saved, publications };
    },
  };
}
