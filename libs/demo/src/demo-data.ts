import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AgencyEntity, AuditEventEntity, MembershipEntity, UserEntity } from '@nhip/database';
import { PasswordHasher } from '@nhip/identity';
import { loadDemoAgencies } from './demo-agencies';

export interface DemoSeedResult {
  seeded: boolean;
  agencies: number;
  adminUsername: string;
  /** Present only when the password was generated here, so that it can be shown once. */
  generatedAdminPassword?: string;
}

export const DEMO_ADMIN_USERNAME = 'admin';

/**
 * First-start data: the agencies of the five plans and an administrator of every province. Runs only
 * on an empty database (no users yet), under an advisory lock so parallel starts seed once.
 */
export async function seedDemoData(db: DataSource, options: { adminPassword?: string }): Promise<DemoSeedResult> {
  return db.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('nhip.demo-seed'))`);
    if ((await manager.count(UserEntity)) > 0) return { seeded: false, agencies: 0, adminUsername: DEMO_ADMIN_USERNAME };

    const idByCode = new Map<string, string>();
    for (const existing of await manager.find(AgencyEntity)) idByCode.set(existing.code, existing.id);
    for (const a of loadDemoAgencies()) {
      if (idByCode.has(a.code)) continue;
      const saved = await manager.save(
        manager.create(AgencyEntity, {
          code: a.code,
          officialCode: a.officialCode ?? null,
          name: a.name.normalize('NFC'),
          shortName: a.shortName?.normalize('NFC') ?? null,
          kind: a.kind,
          parentId: a.parent ? idByCode.get(a.parent)! : null,
        }),
      );
      idByCode.set(a.code, saved.id);
    }

    const generated = options.adminPassword ? undefined : randomBytes(12).toString('base64url');
    const admin = await manager.save(
      manager.create(UserEntity, {
        username: DEMO_ADMIN_USERNAME,
        displayName: 'Quản trị hệ thống',
        passwordHash: await new PasswordHasher().hash(options.adminPassword ?? generated!),
      }),
    );
    const provinces = await manager.find(AgencyEntity, { where: { kind: 'province' } });
    for (const province of provinces) await manager.insert(MembershipEntity, { userId: admin.id, agencyId: province.id, role: 'admin' });
    await manager.save(manager.create(AuditEventEntity, { action: 'demo.seeded', subjectType: 'system', data: { agencies: idByCode.size } }));
    return { seeded: true, agencies: idByCode.size, adminUsername: admin.username, generatedAdminPassword: generated };
  });
}
