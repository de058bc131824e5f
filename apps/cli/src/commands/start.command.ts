import { AppConfig, loadConfig } from '@nhip/core';
import { openDataSource } from '@nhip/database';
import { seedDemoData } from '@nhip/demo';
import { createApiApp } from '../../../api/src/create-api-app';
import { findWebAppDir, localAddress, webAppNotice } from '../../../api/src/http/web-app';
import { createWorkerApp } from '../../../worker/src/create-worker-app';
import { ensurePostgres } from '../local-services/local-postgres';
import { ensureRedis } from '../local-services/local-redis';

const say = (line: string) => console.log(`[nhip] ${line}`);

/**
 * Single-machine start: find or start Postgres and Redis, migrate, load demo data on first start, then
 * run the api and the worker in this one process.
 */
export async function startCommand() {
  const base = loadConfig();
  const postgres = await ensurePostgres(base, say);
  const redis = await ensureRedis(base, say).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  const config: AppConfig = Object.assign(new AppConfig(), base, { databaseUrl: postgres.url, redisUrl: redis.url });

  const db = await openDataSource(config, { migrate: true });
  if (config.demoData) {
    const seed = await seedDemoData(db, { adminPassword: config.adminPassword });
    if (seed.seeded) {
      say(
        `Đã nạp dữ liệu mẫu: ${seed.agencies} cơ quan, ${seed.plans} kế hoạch, ${seed.channelAccounts} tài khoản kênh nối với môi trường thử nghiệm.`,
      );
      if (seed.generatedAdminPassword)
        say(`Tài khoản quản trị: ${seed.adminUsername} / ${seed.generatedAdminPassword} (chỉ hiển thị một lần)`);
      else say(`Tài khoản quản trị: ${seed.adminUsername} (mật khẩu từ NHIP_ADMIN_PASSWORD)`);
    }
  }
  await db.destroy();

  const worker = await createWorkerApp(config, { shutdownHooks: false });
  const api = await createApiApp(config, { shutdownHooks: false });
  await api.listen(config.port, config.host);
  const address = localAddress(config.host, config.port);
  say(`API: ${address}/api/v1 — tài liệu: ${address}/api/docs — sức khỏe: ${address}/health`);
  say(webAppNotice(config.host, config.port, findWebAppDir() !== null));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`Nhận ${signal}, đang dừng…`);
    await api.close();
    await worker.close();
    await redis.stop();
    await postgres.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
