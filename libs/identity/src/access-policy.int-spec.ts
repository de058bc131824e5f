import { AgencyEntity } from '@nhip/database';
import { factories } from '../../../test/support/factories';
import { createTestEnvironment, TestEnvironment } from '../../../test/support/test-environment';
import { AccessPolicy } from './access-policy.service';

describe('AccessPolicy', () => {
  let env: TestEnvironment;
  let policy: AccessPolicy;
  let province: AgencyEntity, department: AgencyEntity, ward: AgencyEntity, office: AgencyEntity, other: AgencyEntity;

  beforeAll(async () => {
    env = await createTestEnvironment();
    policy = new AccessPolicy(env.db);
    const make = factories(env.db);
    province = await make.agency({ kind: 'province' });
    department = await make.agency({ kind: 'department', parent: province });
    ward = await make.agency({ kind: 'ward', parent: province });
    office = await make.agency({ kind: 'other', parent: ward });
    other = await make.agency({ kind: 'province' });
  });

  afterAll(() => env?.teardown());

  it('a province role reaches every level below, and nothing beside it', async () => {
    const { user } = await factories(env.db).user();
    await factories(env.db).membership(user, province, 'editor');
    for (const agency of [province, department, ward, office])
      expect(await policy.roleAt(user.id, agency.id)).toBe('editor');
    expect(await policy.roleAt(user.id, other.id)).toBeNull();
  });

  it('a ward role does not reach up or sideways', async () => {
    const { user } = await factories(env.db).user();
    await factories(env.db).membership(user, ward, 'officer');
    expect(await policy.roleAt(user.id, office.id)).toBe('officer');
    expect(await policy.roleAt(user.id, province.id)).toBeNull();
    expect(await policy.roleAt(user.id, department.id)).toBeNull();
  });

  it('the strongest role along the path wins', async () => {
    const { user } = await factories(env.db).user();
    await factories(env.db).membership(user, province, 'viewer');
    await factories(env.db).membership(user, ward, 'admin');
    expect(await policy.roleAt(user.id, office.id)).toBe('admin');
    expect(await policy.roleAt(user.id, department.id)).toBe('viewer');
    const reach = await policy.reachableAgencies(user.id, 'officer');
    expect([...reach.keys()].sort()).toEqual([ward.id, office.id].sort());
  });

  it('assertRole names the problem in its code', async () => {
    const { user } = await factories(env.db).user();
    await factories(env.db).membership(user, ward, 'viewer');
    await expect(policy.assertRole(user.id, ward.id, 'officer')).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'ROLE_TOO_LOW',
    });
    await expect(policy.assertRole(user.id, other.id, 'viewer')).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'AGENCY_OUT_OF_REACH',
    });
    await expect(policy.assertRole(user.id, office.id, 'viewer')).resolves.toBe('viewer');
  });
});
