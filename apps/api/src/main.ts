import 'reflect-metadata';
import { ConfigError, loadConfig } from '@nhip/core';
import { Logger } from 'nestjs-pino';
import { createApiApp } from './create-api-app';
import { findWebAppDir, webAppNotice } from './http/web-app';

async function main() {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  app.get(Logger).log(webAppNotice(config.host, config.port, findWebAppDir() !== null));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
