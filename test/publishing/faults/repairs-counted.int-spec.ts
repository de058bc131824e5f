import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '@nhip/core';
import { DatabaseModule } from '@nhip/database';
import { Dispatcher, PublishingMetrics, PublishingModule, Reconciler } from '@nhip/publishing';
import { QueueModule, QueueName, QueueService } from '@nhip/queue';
import { factories } from '../../support/factories';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { flushPrefix, seedPublications } from './fault-support';

/**
 * Repairs are counted as they are made: after Redis lost 121 queued publications (due now and over the
 * next hour), the reconciler's result, its log line, the audit trail and /metrics all say 121 re-queued
 * — and a row a crash left "publishing" appears as one crash settled. A run with nothing to repair
 * counts nothing.
 */
describe('fault: reconciler repairs are counted truthfully', () => {
  const LOST = 121;
  let env: TestEnvironment;
  let app: INestApplicationContext;

  beforeAll(async () => {
    env = await createTestEnvironment();
    // The library modules only: no worker takes the jobs, so what the reconciler queued stays to be seen.
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(env.config), DatabaseModule, QueueModule, PublishingModule],
    }).compile();
    app = await moduleRef.init();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await app?.close();
    await env?.teardown();
  });

  it('counts every re-queued lost job and every crash settled, in the result, the log and /metrics', async () => {
    const agency = await factories(env.db).agency();
    const account = await factories(env.db).channelAccount(agency, { endpoint: 'http://127.0.0.1:9' });
    const now = Date.now();
    // Some overdue by minutes, most due over the next hour: all of them within the horizon, so all queued.
    const pubs = await seedPublications(
      env.db,
      agency,
      [account],
      LOST,
      (i) => new Date(i < 21 ? now - 120_000 : now + i * 30_000),
      'lost',
    );
    await app.get(Dispatcher).enqueueIds(pubs.map((p) => p.id));
    const publishing = app.get(QueueService).queue(QueueName.Publishing);
    expect(await publishing.getJobCountByTypes('delayed', 'waiting')).toBe(LOST);
    const { publication: crashed } = await factories(env.db).publication(account, new Date(now - 3_600_000));
    await env.db.query(
      `UPDATE publications SET state = 'publishing', claimed_at = now() - interval '1 hour', attempt_count = 1 WHERE id = $1`,
      [crashed.id],
    );

    expect(await flushPrefix(env.config.redisUrl, env.config.queuePrefix)).toBeGreaterThan(0);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const report = await app.get(Reconciler).tick();
    expect(report).toMatchObject({
      due: LOST,
      enqueued: LOST,
      requeuedMissing: LOST,
      requeuedStalled: 0,
      crashedInFlight: 1,
    });
    expect(await publishing.getJobCountByTypes('delayed', 'waiting')).toBe(LOST + 1); // and the crashed one's lookup
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ requeuedMissing: LOST, crashedInFlight: 1 }),
      'reconciler repaired state',
    );
    const [audit] = await env.db.query(`SELECT data FROM audit_events WHERE action = 'publication.reconciled'`);
    expect(audit.data).toMatchObject({ requeuedMissing: LOST, crashedInFlight: 1 });

    // Nothing lost since: nothing counted, nothing logged as a repair.
    warn.mockClear();
    expect(await app.get(Reconciler).tick()).toMatchObject({ due: LOST, enqueued: 0, requeuedMissing: 0 });
    expect(warn).not.toHaveBeenCalledWith(expect.anything(), 'reconciler repaired state');

    const metrics = await app.get(PublishingMetrics).render();
    expect(metrics).toContain(`nhip_reconciler_repairs_total{kind="missing_job"} ${LOST}\n`);
    expect(metrics).toContain('nhip_reconciler_repairs_total{kind="crashed_in_flight"} 1\n');
    expect(metrics).toContain('nhip_reconciler_repairs_total{kind="stalled_job"} 0\n');
    const lastRun = Number(/^nhip_reconciler_last_run_timestamp_seconds (\S+)$/m.exec(metrics)?.[1]);
    expect(lastRun * 1000).toBeGreaterThanOrEqual(now - 1000);
  });
});
