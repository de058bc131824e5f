/**
 * A worker PROCESS for the fault tests: the real worker module with the local test channel, configured
 * only through the environment (the test passes its own Postgres schema, Redis prefix and settings).
 * Prints `READY {...}` once it consumes jobs; SIGTERM closes it gracefully; it exits on its own when
 * the test process goes away (its stdin closes), so a crashed test run leaves no worker behind.
 *
 * Run: node -r ts-node/register/transpile-only -r tsconfig-paths/register test/publishing/faults/worker-process.ts
 * Extra variable: FAULT_CHANNEL_TIMEOUT_MS, the test channel's HTTP timeout (default 2000).
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@nhip/core';
import { startWorkerWithTestChannel } from '../../fakes/test-channel/worker-with-test-channel';
import { exitWithParent } from './child-process-support';

async function main() {
  exitWithParent();
  const config = loadConfig(process.env);
  const { app } = await startWorkerWithTestChannel(config, Number(process.env.FAULT_CHANNEL_TIMEOUT_MS ?? 2000));
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
  process.stdout.write(`READY ${JSON.stringify({ pid: process.pid })}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
