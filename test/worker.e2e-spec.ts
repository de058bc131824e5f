import { createHash, createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';
import { ApiTokenEntity } from '@nhip/database';
import { NotificationService, WebhookService } from '@nhip/notifications';
import { JobName, QueueName, QueueService } from '@nhip/queue';
import { factories } from './support/factories';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

describe('worker (e2e)', () => {
  let env: TestEnvironment;
  let worker: INestApplicationContext;
  let producer: QueueService;

  beforeAll(async () => {
    env = await createTestEnvironment();
    worker = await createWorkerApp(env.config);
    producer = new QueueService(env.config);
  });

  afterAll(async () => {
    await producer?.onApplicationShutdown();
    await worker?.close();
    await env?.teardown();
  });

  it('connects to Redis as a worker', async () => {
    expect(await producer.workerCount(QueueName.Maintenance)).toBeGreaterThanOrEqual(1);
  });

  it('processes a job the producer enqueues: expired sessions are purged, live ones kept', async () => {
    const { user } = await factories(env.db).user();
    const tokens = env.db.getRepository(ApiTokenEntity);
    const hash = (s: string) => createHash('sha256').update(s).digest('hex');
    await tokens.save([
      { userId: user.id, kind: 'session', tokenHash: hash('old'), expiresAt: new Date(Date.now() - 48 * 3600_000) },
      { userId: user.id, kind: 'session', tokenHash: hash('live'), expiresAt: new Date(Date.now() + 3600_000) },
    ]);
    const job = await producer.add(JobName.PurgeExpiredTokens, { olderThanHours: 24 }, { jobId: 'purge-test-1' });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await job.getState()) !== 'completed')
      await new Promise((r) => setTimeout(r, 100));
    expect(await job.getState()).toBe('completed');
    const left = await tokens.find({ where: { userId: user.id } });
    expect(left.map((t) => t.tokenHash)).toEqual([hash('live')]);
  });

  it('a job id is deterministic: enqueuing the same id twice runs once', async () => {
    const first = await producer.add(JobName.PurgeExpiredTokens, { olderThanHours: 24 }, { jobId: 'purge-dup' });
    const second = await producer.add(JobName.PurgeExpiredTokens, { olderThanHours: 24 }, { jobId: 'purge-dup' });
    expect(second.id).toBe(first.id);
    const jobs = await producer
      .queue(QueueName.Maintenance)
      .getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed']);
    // The worker's own recurring jobs (job scheduler runs, ids "repeat:…") share the queue: only ours count.
    const ours = jobs.map((j) => j.id!).filter((id) => !id.startsWith('repeat:'));
    expect(ours.sort()).toEqual(['purge-dup', 'purge-test-1']); // purge-test-1 is kept as completed
  });

  it('delivers agency webhooks signed with HMAC-SHA256, retrying a failed delivery', async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = received.length === 1 ? 500 : 204; // the first delivery fails
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const agency = await factories(env.db).agency();
      const { user } = await factories(env.db).user();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const { secret } = await worker.get(WebhookService).create(agency.id, url, ['approval_requested'], user.id);
      await worker.get(NotificationService).deliverAfterCommit(agency.id, {
        kind: 'approval_requested',
        id: 'evt-1',
        payload: { storyTitle: 'Ngày hội học tập số' },
      });
      await worker
        .get(NotificationService)
        .deliverAfterCommit(agency.id, { kind: 'approved', id: 'evt-2', payload: {} }); // not subscribed
      const deadline = Date.now() + 20_000;
      while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(received).toHaveLength(2);
      for (const { headers, body } of received) {
        const expected = `sha256=${createHmac('sha256', secret).update(`${headers['x-nhip-timestamp']}.${body}`).digest('hex')}`;
        expect(headers['x-nhip-signature']).toBe(expected);
        expect(headers['x-nhip-delivery']).toBe('evt-1');
        expect(JSON.parse(body)).toEqual({
          id: 'evt-1',
          event: 'approval_requested',
          agencyId: agency.id,
          data: { storyTitle: 'Ngày hội học tập số' },
        });
      }
      await new Promise((r) => setTimeout(r, 500));
      expect(received).toHaveLength(2);
    } finally {
      server.close();
    }
  });
});
