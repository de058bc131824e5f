import 'reflect-metadata';
import { ConfigError, loadConfig } from '@nhip/core';
import { createWorkerApp } from './create-worker-app';

async function main() {
  await createWorkerApp(loadConfig());
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
