/**
 * An api PROCESS for the fault tests: the real HTTP app (createApiApp), configured through the
 * environment, listening on a free port. At boot it upserts the maintenance job schedulers, as every
 * api instance does. Prints `READY {"port":…}`; SIGTERM closes it; it exits when the test process goes.
 *
 * Run: node -r ts-node/register/transpile-only -r tsconfig-paths/register test/publishing/faults/api-process.ts
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '@nhip/core';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { exitWithParent } from './child-process-support';

async function main() {
  exitWithParent();
  const config = loadConfig(process.env);
  const app = await createApiApp(config, { shutdownHooks: false });
  await app.listen(0, '127.0.0.1');
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
  const port = (app.getHttpServer().address() as AddressInfo).port;
  process.stdout.write(`READY ${JSON.stringify({ pid: process.pid, port })}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
