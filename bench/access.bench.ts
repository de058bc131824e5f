import { AccessPolicy, PasswordHasher } from '@nhip/identity';
import { factories } from '../test/support/factories';
import { createTestEnvironment } from '../test/support/test-environment';
import { measure, report } from './support/measure';

/**
 * The checks every API request pays: the caller's role at an agency (a recursive walk up the
 * hierarchy) and the list of agencies in reach; plus one password verification, the cost of a login.
 */
async function main() {
  const env = await createTestEnvironment();
  try {
    const make = factories(env.db);
    const province = await make.agency({ kind: 'province' });
    let deepest = province;
    for (let d = 0; d < 30; d++) await make.agency({ kind: 'department', parent: province });
    for (let c = 0; c < 100; c++) {
      const commune = await make.agency({ kind: 'commune', parent: province });
      for (let o = 0; o < 5; o++) deepest = await make.agency({ kind: 'other', parent: commune });
    }
    const agencies = 1 + 30 + 100 * 6;
    const { user, password } = await make.user();
    await make.membership(user, province, 'editor');
    const policy = new AccessPolicy(env.db);

    const roleAt = await measure(() => policy.roleAt(user.id, deepest.id), 300);
    const reach = await measure(() => policy.reachableAgencies(user.id), 100);
    const hasher = new PasswordHasher();
    const hash = await hasher.hash(password);
    const verify = await measure(() => hasher.verify(hash, password), 20, 2);

    console.log(`Hierarchy of ${agencies} agencies, role held at the province:`);
    console.log(`  role at a leaf agency (per request):  median ${roleAt.medianMs} ms, p95 ${roleAt.p95Ms} ms`);
    console.log(`  agencies in reach (list):             median ${reach.medianMs} ms, p95 ${reach.p95Ms} ms`);
    console.log(`  argon2id verification (per login):     median ${verify.medianMs} ms`);
    report('access', {
      agencies,
      roleAtMedianMs: roleAt.medianMs,
      reachMedianMs: reach.medianMs,
      passwordVerifyMedianMs: verify.medianMs,
    });
  } finally {
    await env.teardown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
