import { randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { PlanImportService } from '@nhip/calendar';
import {
  AgencyEntity,
  AuditEventEntity,
  ChannelAccountEntity,
  ChannelType,
  MembershipEntity,
  UserEntity,
} from '@nhip/database';
import { PasswordHasher } from '@nhip/identity';
import { loadDemoAgencies } from './demo-agencies';
import { loadDemoPlanFiles } from './demo-plans';

export interface DemoSeedResult {
  seeded: boolean;
  agencies: number;
  plans: number;
  channelAccounts: number;
  adminUsername: string;
  /** Present only when the password was generated here, so that it can be shown once. */
  generatedAdminPassword?: string;
}

export const DEMO_ADMIN_USERNAME = 'admin';
export const DEMO_WARD_CODE = 'phuong-dak-bla';

/**
 * The ward's channels, connected to the sandbox Nhịp serves itself (Môi trường thử nghiệm): what they
 * publish is kept and shown under /api/v1/sandbox, never sent to the public. Entering a real
 * credential makes the account a real one (it leaves the sandbox).
 */
const DEMO_WARD_CHANNELS: Array<{ type: ChannelType; name: string; settings: Record<string, unknown> }> = [
  { type: 'portal', name: 'Trang thông tin điện tử phường Đăk Bla', settings: {} },
  { type: 'facebook', name: 'Fanpage UBND phường Đăk Bla', settings: {} },
  { type: 'zalo', name: 'Zalo OA phường Đăk Bla', settings: {} },
  {
    type: 'loudspeaker',
    name: 'Hệ thống truyền thanh cơ sở phường Đăk Bla',
    settings: { slotSeconds: 300 },
  },
];

/**
 * First-start data: the agencies of the five plans, an administrator of every top-level agency, the five plans
 * themselves and the ward's channel accounts. Runs only on an empty database (no users yet), under an
 * advisory lock so parallel starts seed once.
 */
export async function seedDemoData(db: DataSource, options: { adminPassword?: string }): Promise<DemoSeedResult> {
  const base = await db.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('nhip.demo-seed'))`);
    if ((await manager.count(UserEntity)) > 0) return null;

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
    // Every top of a tree: the provinces, and the Party committees and coordinators that are nobody's subordinates.
    const roots = await manager.find(AgencyEntity, { where: { parentId: IsNull() } });
    for (const root of roots)
      await manager.insert(MembershipEntity, { userId: admin.id, agencyId: root.id, role: 'admin' });

    const ward = idByCode.get(DEMO_WARD_CODE);
    if (ward) {
      for (const channel of DEMO_WARD_CHANNELS)
        await manager.save(
          manager.create(ChannelAccountEntity, { agencyId: ward, ...channel, sandbox: true, status: 'active' }),
        );
    }
    await manager.save(
      manager.create(AuditEventEntity, {
        action: 'demo.seeded',
        subjectType: 'system',
        data: { agencies: idByCode.size },
      }),
    );
    return {
      agencies: idByCode.size,
      adminUsername: admin.username,
      generatedAdminPassword: generated,
      channelAccounts: ward ? DEMO_WARD_CHANNELS.length : 0,
    };
  });
  if (!base) return { seeded: false, agencies: 0, plans: 0, channelAccounts: 0, adminUsername: DEMO_ADMIN_USERNAME };

  // Plans go through the same importer as the API and the CLI, one transaction each.
  const importer = new PlanImportService(db, new AuditService(db.getRepository(AuditEventEntity)));
  const plans = loadDemoPlanFiles();
  for (const { text } of plans) await importer.importText(text);
  return { seeded: true, plans: plans.length, ...base };
}
