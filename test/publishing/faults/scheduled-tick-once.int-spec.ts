import { Redis } from 'ioredis';
import { JobName, QueueName, QueueService, RECONCILE_SCHEDULER_ID } from '@nhip/queue';
import { createTestEnvironment, TestEnvironment } from '../../support/test-environment';
import { envFor, RoleProcess, sleep, startRole, until } from './fault-support';

interface Tick {
  jobId: string;
  /** The tick's scheduled time: BullMQ's job scheduler puts it in the job id (`repeat:<scheduler>:<millis>`). */
  at: number;
  /** How many times a worker took the job (BullMQ's `active` event): 2 would be a tick run twice. */
  starts: number;
  completed: boolean;
}

/**
 * Fault: many instances. Two api processes (each upserts the reconciler's job scheduler at boot, with a
 * tick every second) and two worker processes run for ~6 s. Each scheduled tick must run once — not
 * once per api that scheduled it, nor once per worker — and the ticks must keep to the clock.
 */
describe('fault: two workers and two apis — each scheduled tick fires once', () => {
  let env: TestEnvironment;
  let redis: Redis;
  let queues: QueueService;
  const processes: RoleProcess[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment({ NHIP_RECONCILE_EVERY_SECONDS: '1', NHIP_SHUTDOWN_GRACE_SECONDS: '2' });
    redis = new Redis(env.config.redisUrl);
    queues = new QueueService(env.config);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop(5000)));
    redis?.disconnect();
    await queues?.onApplicationShutdown();
    await env?.teardown();
  });

  /** Every reconcile tick so far, read from the maintenance queue's event stream. */
  async function ticks(): Promise<Tick[]> {
    const prefix = `repeat:${RECONCILE_SCHEDULER_ID}:`;
    const byId = new Map<string, Tick>();
    for (const [, fields] of await redis.xrange(
      `${env.config.queuePrefix}:${QueueName.Maintenance}:events`,
      '-',
      '+',
    )) {
      const f: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
      if (!f.jobId?.startsWith(prefix)) continue;
      const tick = byId.get(f.jobId) ?? {
        jobId: f.jobId,
        at: Number(f.jobId.slice(prefix.length)),
        starts: 0,
        completed: false,
      };
      if (f.event === 'active') tick.starts += 1;
      if (f.event === 'completed') tick.completed = true;
      byId.set(f.jobId, tick);
    }
    return [...byId.values()].filter((t) => t.starts > 0).sort((a, b) => a.at - b.at);
  }

  it('runs each tick once, one a second, however many instances scheduled and consume it', async () => {
    const roleEnv = envFor(env.config);
    for (const role of ['api', 'worker', 'api', 'worker'] as const) processes.push(startRole(role, roleEnv, 240_000));
    await Promise.all(processes.map((p) => p.ready));

    const from = Date.now();
    await sleep(6000);
    const to = Date.now();
    // Let the last ticks of the window finish before looking.
    const seen = await until(
      ticks,
      (all) => all.filter((t) => t.at < to).every((t) => t.completed) && all.some((t) => t.at >= to),
      5000,
      100,
    );

    // No tick ran twice, anywhere in the run (boot included), and every one completed.
    expect(seen.filter((t) => t.starts !== 1)).toEqual([]);
    expect(seen.filter((t) => t.at < to && !t.completed)).toEqual([]);
    expect(new Set(seen.map((t) => t.at)).size).toBe(seen.length);
    // One tick per second of the window, as many as seconds elapsed, all on the scheduler's one-second
    // grid (a second chain of ticks, say one per api, would fall between its slots).
    const inWindow = seen.filter((t) => t.at >= from && t.at < to);
    const elapsedSeconds = (to - from) / 1000;
    expect(Math.abs(inWindow.length - elapsedSeconds)).toBeLessThanOrEqual(1);
    expect(seen.slice(1).filter((t, i) => (t.at - seen[i].at) % 1000 !== 0)).toEqual([]);
    // However many instances upserted it, there is one scheduler for the reconciler.
    const schedulers = await queues.queue(QueueName.Maintenance).getJobSchedulers();
    expect(schedulers.filter((s) => s.name === JobName.Reconcile).map((s) => s.key)).toEqual([RECONCILE_SCHEDULER_ID]);
  }, 300_000);
});
