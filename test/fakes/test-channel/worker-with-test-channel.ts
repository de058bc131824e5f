import { Test } from '@nestjs/testing';
import { CHANNEL_ADAPTERS } from '@nhip/channels';
import { AppConfig } from '@nhip/core';
import { JobRunner } from '@nhip/queue';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { TestChannelAdapter } from './test-channel.adapter';

/** The real worker, with the local test channel standing in for every channel type. */
export async function startWorkerWithTestChannel(config: AppConfig, timeoutMs = 2000) {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] })
    .overrideProvider(CHANNEL_ADAPTERS)
    .useValue(
      (['portal', 'facebook', 'zalo', 'loudspeaker'] as const).map((type) => new TestChannelAdapter(type, timeoutMs)),
    )
    .compile();
  const app = await moduleRef.init();
  return { app, runner: app.get(JobRunner) };
}
