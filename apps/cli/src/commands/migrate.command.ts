import { loadConfig } from '@nhip/core';
import { openDataSource, runMigrations } from '@nhip/database';

/** Applies pending migrations and prints their names. */
export async function migrateCommand() {
  const config = loadConfig();
  const db = await openDataSource(config, { migrate: false });
  try {
    const applied = await runMigrations(db, config.databaseSchema);
    console.log(
      applied.length
        ? `Đã áp dụng ${applied.length} migration: ${applied.join(', ')}`
        : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.',
    );
  } finally {
    await db.destroy();
  }
}
