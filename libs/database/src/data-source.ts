import { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@nhip/core';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

type DatabaseSettings = Pick<AppConfig, 'databaseUrl' | 'databaseSchema'>;

export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.databaseUrl,
    schema: settings.databaseSchema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // Raw SQL (migrations, recursive queries) resolves unqualified names in this schema too.
    extra: { options: `-c search_path=${settings.databaseSchema}`, max: 10, application_name: 'nhip' },
  };
}

/**
 * Applies pending migrations while holding a Postgres advisory lock, so that several api and worker
 * instances starting at once apply each migration exactly once.
 */
export async function runMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch(async (error: unknown) => {
      // Two instances may race to create the schema; the loser sees a duplicate-key error.
      const exists = await lock.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema]);
      if (exists.length === 0) throw error;
    });
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [`nhip.migrations.${schema}`]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`nhip.migrations.${schema}`]);
    }
  } finally {
    await lock.release();
  }
}

export async function openDataSource(settings: DatabaseSettings, options: { migrate: boolean }): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(settings));
  await dataSource.initialize();
  if (options.migrate) await runMigrations(dataSource, settings.databaseSchema);
  return dataSource;
}
