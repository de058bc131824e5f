import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { ConfigModule } from '@nhip/core';
import { DatabaseModule, PublicationEntity } from '@nhip/database';
import { publishJobId, PublishingModule, Reconciler } from '@nhip/publishing';
import { bullConnection, JobName, QueueModule, QueueName, QueueService, stallWindowMs } from '@nhip/queue';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';

/**
 * Fault: a publish job left "active" in Redis by a worker that died before it claimed the row, and no
 * stall check put it back (no worker ran one). The reconciler re-queues it once it is past the stall
 * window and no worker's lock is on it — and leaves alone one a living worker still holds.
 */
describe('fault: a publish job left active, unclaimed, by a dead worker', () => {
  let env: TestEnvironment;
  let app: INestApplicationContext;
  let queues: QueueService;
  let redis: Redis;
  let hand: Worker;

  beforeAll(async () => {
    env = await createTestEnvironment();
    // The library modules only: no job runner, so no stall check and no worker takes the job again.
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(env.config), DatabaseModule, QueueModule, PublishingModule],
    }).compile();
    app = await moduleRef.init();
    queues = app.get(QueueService);
    redis = new Redis(env.config.redisUrl);
    hand = new Worker(QueueName.Publishing, undefined, {
      connection: bullConnection(env.config.redisUrl, 'worker'),
      prefix: env.config.queuePrefix,
      autorun: false,
      lockDuration: 120_000,
    });
  });

  afterAll(async () => {
    await hand?.close(true);
    redis?.disconnect();
    await app?.close();
    await env?.teardown();
  });

  it('re-queues it past the stall window when its lock is gone, not before', async () => {
    const agency = await factories(env.db).agency();
    const account = await factories(env.db).channelAccount(agency, { endpoint: 'http://127.0.0.1:9' });
    const { publication } = await factories(env.db).publication(account, new Date(Date.now() - 120_000));
    const jobId = publishJobId(publication.id, publication.version);
    await queues.add(JobName.Publish, { publicationId: publication.id, version: publication.version }, { jobId });
    // A worker takes the job and, as far as Redis knows, has been on it since before the stall window.
    const taken = await hand.getNextJob('dead-worker');
    expect(taken?.id).toBe(jobId);
    const jobKey = `${env.config.queuePrefix}:${QueueName.Publishing}:${jobId}`;
    await redis.hset(jobKey, 'processedOn', String(Date.now() - stallWindowMs(QueueName.Publishing) - 5000));
    const reconciler = app.get(Reconciler);

    // Its lock is still held (the worker could be alive): not touched.
    expect(await reconciler.tick()).toMatchObject({ requeuedStalled: 0 });
    expect(await (await queues.queue(QueueName.Publishing).getJob(jobId))!.getState()).toBe('active');

    // The worker died: its lock expired. The row is unclaimed, so the job is replaced by a waiting one.
    expect(await redis.del(`${jobKey}:lock`)).toBe(1);
    expect(await reconciler.tick()).toMatchObject({ requeuedStalled: 1 });
    const job = await queues.queue(QueueName.Publishing).getJob(jobId);
    expect(await job!.getState()).toBe('waiting');
    expect(job!.processedOn).toBeUndefined();
    const row = await env.db.getRepository(PublicationEntity).findOneByOrFail({ id: publication.id });
    expect(row.state).toBe('scheduled');
    const [audit] = await env.db.query(
      `SELECT data FROM audit_events WHERE action = 'publication.reconciled' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.data).toMatchObject({ requeuedStalled: 1 });
  });
});
