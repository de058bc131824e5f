import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { NotificationService, WebhookService } from '@nhip/notifications';
import { PublishingMetrics, Reconciler } from '@nhip/publishing';
import { QueueService } from '@nhip/queue';
import { createWorkerApp } from '../../../apps/worker/src/create-worker-app';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { sleep, until } from './fault-support';

/**
 * Fault: Redis refuses a webhook delivery after the change that caused it has committed. The delivery
 * was written to the outbox in that transaction, so nothing is lost: the reconciler finds the row with
 * no job, hands it over again, and the worker delivers it — once, however many ticks follow.
 */
describe('fault: Redis refuses a webhook after the commit', () => {
  let env: TestEnvironment;
  let worker: INestApplicationContext;
  let server: Server;
  const received: Array<{ delivery: string; body: string }> = [];

  beforeAll(async () => {
    env = await createTestEnvironment();
    worker = await createWorkerApp(env.config, { shutdownHooks: false });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ delivery: String(req.headers['x-nhip-delivery']), body });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await worker?.close();
    await env?.teardown();
  });

  it('still delivers the webhook, once', async () => {
    const agency = await factories(env.db).agency();
    const { user } = await factories(env.db).user();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await worker.get(WebhookService).create(agency.id, url, ['approved'], user.id);
    const notifications = worker.get(NotificationService);
    // Redis refuses the hand-over after the commit (a failover, a full memory, a dropped connection).
    const add = jest
      .spyOn(worker.get(QueueService), 'add')
      .mockRejectedValueOnce(new Error('READONLY You can’t write against a read only replica.'));

    const ids = await env.db.transaction((manager) =>
      notifications.recordWebhooks(manager, agency.id, {
        kind: 'approved',
        id: 'evt-outbox-1',
        payload: { storyTitle: 'Ngày Chuyển đổi số quốc gia 10/10' },
      }),
    );
    await notifications.handOverWebhooks(ids);
    expect(add).toHaveBeenCalledTimes(1);
    await sleep(1000);
    expect(received).toHaveLength(0);
    const [pending] = await env.db.query(`SELECT delivered_at FROM webhook_outbox WHERE id = $1`, [ids[0]]);
    expect(pending.delivered_at).toBeNull();
    const metric = async (name: string) =>
      Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await worker.get(PublishingMetrics).render())?.[1]);
    expect(await metric('nhip_webhook_outbox_pending')).toBe(1);
    expect(await metric('nhip_webhook_outbox_oldest_pending_seconds')).toBeGreaterThan(0.5);

    // The reconciler hands the committed row over again; the worker delivers it.
    expect(await worker.get(Reconciler).tick()).toMatchObject({ webhooksRequeued: 1 });
    await until(
      () => received.length,
      (n) => n >= 1,
      20_000,
    );
    await until(
      () => env.db.query(`SELECT delivered_at FROM webhook_outbox WHERE id = $1`, [ids[0]]),
      (rows) => rows[0].delivered_at !== null,
      10_000,
    );
    // Later ticks find nothing left to hand over, and the receiver sees the event once.
    expect(await worker.get(Reconciler).tick()).toMatchObject({ webhooksRequeued: 0 });
    await sleep(1000);
    expect(received).toEqual([{ delivery: 'evt-outbox-1', body: expect.stringContaining('10/10') }]);
    expect(await metric('nhip_webhook_outbox_pending')).toBe(0);
    expect(await metric('nhip_reconciler_repairs_total\\{kind="webhook_requeued"\\}')).toBe(1);
  }, 60_000);
});
