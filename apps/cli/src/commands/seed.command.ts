import { loadConfig } from '@nhip/core';
import { openDataSource } from '@nhip/database';
import { seedDemoData } from '@nhip/demo';

/** Loads the demo data into an empty database (migrating first); does nothing once users exist. */
export async function seedCommand() {
  const config = loadConfig();
  const db = await openDataSource(config, { migrate: true });
  try {
    const seed = await seedDemoData(db, { adminPassword: config.adminPassword });
    if (!seed.seeded) return console.log('Cơ sở dữ liệu đã có người dùng; không nạp dữ liệu mẫu.');
    console.log(
      `Đã nạp dữ liệu mẫu: ${seed.agencies} cơ quan, ${seed.plans} kế hoạch, ${seed.channelAccounts} tài khoản kênh nối với môi trường thử nghiệm.`,
    );
    console.log(
      seed.generatedAdminPassword
        ? `Tài khoản quản trị: ${seed.adminUsername} / ${seed.generatedAdminPassword} (chỉ hiển thị một lần)`
        : `Tài khoản quản trị: ${seed.adminUsername}`,
    );
  } finally {
    await db.destroy();
  }
}
