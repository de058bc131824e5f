import type { INestApplicationContext } from '@nestjs/common';
import { ChannelAccountService } from '@nhip/channels';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { FakeGraphApi } from '../../fakes/facebook/fake-graph-api';
import { factories } from '../../support/factories';
import type { TestEnvironment } from '../../support/test-environment';
import { seedPublications, SeededPublication } from './fault-support';

/** A Facebook Page on the fake Graph API, connected as a channel account with its page token. */
export async function connectPage(
  env: TestEnvironment,
  worker: INestApplicationContext,
  graph: FakeGraphApi,
  agency: AgencyEntity,
  options: { name: string; permissions?: string[] },
): Promise<{ account: ChannelAccountEntity; pageId: string; token: string }> {
  const page = graph.addPage({ name: options.name });
  const token = graph.issuePageToken(page.id, { permissions: options.permissions });
  const account = await factories(env.db).channelAccount(agency, { type: 'facebook', endpoint: 'unused' });
  await env.db.query(`UPDATE channel_accounts SET settings = $2 WHERE id = $1`, [account.id, { pageId: page.id }]);
  await worker.get(ChannelAccountService).replaceCredentials(account.id, { pageAccessToken: token }, null as never);
  return { account, pageId: page.id, token };
}

/** `count` Facebook posts due at `at(i)` on the account, each with its own message. */
export async function seedPosts(
  env: TestEnvironment,
  agency: AgencyEntity,
  account: ChannelAccountEntity,
  count: number,
  at: (i: number) => Date,
  keyPrefix: string,
): Promise<SeededPublication[]> {
  const seeded = await seedPublications(env.db, agency, [account], count, at, keyPrefix);
  await env.db.query(
    `UPDATE variants v SET content = jsonb_build_object('message', 'Tuần lễ chuyển đổi số: tin số ' || p.idempotency_key)
       FROM publications p WHERE p.variant_id = v.id AND p.id = ANY($1)`,
    [seeded.map((s) => s.id)],
  );
  return seeded;
}

/** Attempts of each publication, oldest first. */
export async function attemptsOf(env: TestEnvironment, ids: string[]) {
  const rows: Array<{ publication_id: string; outcome: string; error_code: string | null; started_at: Date }> =
    await env.db.query(
      `SELECT publication_id, outcome, error_code, started_at FROM publication_attempts WHERE publication_id = ANY($1) ORDER BY number`,
      [ids],
    );
  const by = new Map<string, typeof rows>(ids.map((id) => [id, []]));
  for (const r of rows) by.get(r.publication_id)!.push(r);
  return by;
}
