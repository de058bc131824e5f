import type { INestApplicationContext } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AgencyEntity, ChannelAccountEntity, PublicationEntity } from '@nhip/database';
import { Dispatcher, PublicationAdmin, publishJobId, Reconciler, resolveJobId } from '@nhip/publishing';
import { bullConnection, JobName, QueueName, QueueService } from '@nhip/queue';
import { FakeChannelServer, startFakeChannel } from '../../fakes/test-channel/fake-channel-server';
import { startWorkerWithTestChannel } from '../../fakes/test-channel/worker-with-test-channel';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { sleep, until } from './fault-support';

/**
 * Fault: a job that finished in Redis without doing its work. BullMQ keeps a finished job (completed or
 * failed) under its id, and adding the same deterministic id again changes nothing — so a publication
 * whose job failed (Postgres went away mid-handler, a job stalled out) or completed as a no-op (its
 * account was paused at the time) must not be stranded: the reconciler and a resume queue it again.
 */
describe('fault: a job that finished without publishing', () => {
  let env: TestEnvironment;
  let fake: FakeChannelServer;
  let queues: QueueService;
  let worker: INestApplicationContext;
  let agency: AgencyEntity;
  let account: ChannelAccountEntity;
  let failedPublish: PublicationEntity;
  let failedLookup: PublicationEntity;

  const row = (id: string) => env.db.getRepository(PublicationEntity).findOneByOrFail({ id });

  beforeAll(async () => {
    env = await createTestEnvironment({ NHIP_PUBLISH_LOOKUP_DELAY_SECONDS: '1' });
    fake = await startFakeChannel();
    queues = new QueueService(env.config);
    agency = await factories(env.db).agency();
    account = await factories(env.db).channelAccount(agency, { endpoint: fake.url, concurrency: 5 });

    // Overdue and still scheduled; its publish job failed in the handler.
    ({ publication: failedPublish } = await factories(env.db).publication(account, new Date(Date.now() - 120_000)));
    // Unknown since 10 minutes; the channel has the post; its lookup job failed in the handler.
    ({ publication: failedLookup } = await factories(env.db).publication(account, new Date(Date.now() - 900_000), {
      state: 'unknown',
    }));
    await env.db.query(
      `UPDATE publications SET attempt_count = 1, updated_at = now() - interval '10 minutes',
              last_error = '{"kind":"unknown","code":"test.no_answer","message":"Kênh không trả lời.","lookups":0,"notFound":0}' WHERE id = $1`,
      [failedLookup.id],
    );
    fake.posts.push({ id: 'post-before-crash', key: failedLookup.idempotencyKey, body: {}, at: Date.now() - 900_000 });

    // Both jobs are taken and failed by hand, as a worker whose handler threw would leave them.
    await queues.add(
      JobName.Publish,
      { publicationId: failedPublish.id, version: failedPublish.version },
      { jobId: publishJobId(failedPublish.id, failedPublish.version) },
    );
    await queues.add(
      JobName.ResolvePublication,
      { publicationId: failedLookup.id, version: failedLookup.version },
      { jobId: resolveJobId(failedLookup.id, failedLookup.version) },
    );
    const hand = new Worker(QueueName.Publishing, undefined, {
      connection: bullConnection(env.config.redisUrl, 'worker'),
      prefix: env.config.queuePrefix,
      autorun: false,
    });
    for (let i = 0; i < 2; i++) {
      const job = await hand.getNextJob('by-hand');
      await job!.moveToFailed(new Error('Connection terminated unexpectedly'), 'by-hand', false);
    }
    await hand.close();

    ({ app: worker } = await startWorkerWithTestChannel(env.config));
  });

  afterAll(async () => {
    await worker?.close();
    await queues?.onApplicationShutdown();
    await fake?.stop();
    await env?.teardown();
  });

  it('the reconciler replaces a failed publish job and a failed lookup job, and both publications end published once', async () => {
    const publishing = queues.queue(QueueName.Publishing);
    expect(await (await publishing.getJob(publishJobId(failedPublish.id, failedPublish.version)))!.isFailed()).toBe(
      true,
    );
    expect(await (await publishing.getJob(resolveJobId(failedLookup.id, failedLookup.version)))!.isFailed()).toBe(true);

    const report = await worker.get(Reconciler).tick();
    expect(report).toMatchObject({ requeuedMissing: 1, unknownRequeued: 1 });

    expect(
      await until(
        () => row(failedPublish.id),
        (p) => p.state === 'published',
        10_000,
      ),
    ).toMatchObject({ state: 'published' });
    expect(
      await until(
        () => row(failedLookup.id),
        (p) => p.state === 'published',
        10_000,
      ),
    ).toMatchObject({ state: 'published', externalId: 'post-before-crash' });
    expect(fake.postsFor(failedPublish.idempotencyKey)).toHaveLength(1);
    expect(fake.postsFor(failedLookup.idempotencyKey)).toHaveLength(1);
    expect(fake.duplicates()).toBe(0);
  });

  it('a publication whose account was paused when its job ran is published once the account is resumed', async () => {
    const { user } = await factories(env.db).user();
    const paused = await factories(env.db).channelAccount(agency, { endpoint: fake.url });
    // Due far enough ahead that the pause has landed before the job wakes (a quarter second early) and looks.
    const { publication } = await factories(env.db).publication(paused, new Date(Date.now() + 1500));
    await worker.get(Dispatcher).enqueueIds([publication.id]);
    await worker.get(PublicationAdmin).setAccountPaused(paused.id, true, user.id);
    // Its job runs while the account is paused, finds nothing to do and completes, keeping its id.
    const job = await until(
      () => queues.queue(QueueName.Publishing).getJob(publishJobId(publication.id, publication.version)),
      (j) => Boolean(j?.finishedOn),
      10_000,
    );
    expect(job?.returnvalue).toEqual({ ran: false, reason: 'account_inactive' });
    await sleep(200);
    expect(await row(publication.id)).toMatchObject({ state: 'scheduled', version: publication.version });

    await worker.get(PublicationAdmin).setAccountPaused(paused.id, false, user.id);
    expect(
      await until(
        () => row(publication.id),
        (p) => p.state === 'published',
        10_000,
      ),
    ).toMatchObject({ state: 'published' });
    expect(fake.postsFor(publication.idempotencyKey)).toHaveLength(1);
  });
});
