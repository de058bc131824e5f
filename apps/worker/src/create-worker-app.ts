import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@nhip/core';
import { WorkerModule } from './worker.module';

/** `shutdownHooks: false` when a supervisor (the CLI's start) orders the shutdown. */
export async function createWorkerApp(config: AppConfig, options: { shutdownHooks?: boolean } = {}) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log(`Worker đang chạy: ${config.publishConcurrency} việc xuất bản cùng lúc`, 'Worker');
  return app;
}
