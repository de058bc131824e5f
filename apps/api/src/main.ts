import 'reflect-metadata';
import { ConfigError, loadConfig } from '@nhip/core';
import { createApiApp } from './create-api-app';

async function main() {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
