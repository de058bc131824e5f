import type { INestApplicationContext } from '@nestjs/common';
import { AgencyEntity, ChannelAccountEntity, PublicationEntity } from '@nhip/database';
import { ChannelAccountService } from '@nhip/channels';
import { Dispatcher, PublicationAdmin, PublishRunner, Reconciler } from '@nhip/publishing';
import { FakeBehaviour, FakeChannelServer, startFakeChannel } from '../fakes/test-channel/fake-channel-server';
import { startWorkerWithTestChannel } from '../fakes/test-channel/worker-with-test-channel';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

/** Waits for a condition on real state, polling; fails with the last value seen. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

describe('publishing engine', () => {
  let env: TestEnvironment;
  let worker: INestApplicationContext;
  let agency: AgencyEntity;
  const script: { behaviours: FakeBehaviour[] } = { behaviours: [] };
  let fake: FakeChannelServer;

  beforeAll(async () => {
    env = await createTestEnvironment({
      NHIP_PUBLISH_RETRY_BASE_SECONDS: '1',
      NHIP_PUBLISH_LOOKUP_DELAY_SECONDS: '1',
      NHIP_PUBLISH_MAX_ATTEMPTS: '3',
    });
    fake = await startFakeChannel({
      behaviour: (attempt) => script.behaviours[attempt - 1] ?? 'ok',
      retryAfterSeconds: 1,
    });
    ({ app: worker } = await startWorkerWithTestChannel(env.config, 1000));
    agency = await factories(env.db).agency();
  });

  afterAll(async () => {
    await worker?.close();
    await fake?.stop();
    await env?.teardown();
  });

  /** One publication due `inMs` from now on a fresh account, queued as the dispatcher would. */
  async function schedule(behaviours: FakeBehaviour[], inMs = 300) {
    script.behaviours = behaviours;
    const account = await factories(env.db).channelAccount(agency, { endpoint: fake.url });
    const { publication, variant } = await factories(env.db).publication(account, new Date(Date.now() + inMs));
    await worker.get(Dispatcher).enqueueIds([publication.id]);
    return { publication, variant, account };
  }
  const row = (id: string) => env.db.getRepository(PublicationEntity).findOneByOrFail({ id });
  const settled = (id: string) =>
    until(
      () => row(id),
      (p) =>
        !['scheduled', 'publishing', 'unknown'].includes(p.state) ||
        (p.state === 'scheduled' && p.nextAttemptAt === null && p.attemptCount === 0 && p.lastError !== null),
    );
  const attempts = (id: string) =>
    env.db.query(
      `SELECT number, outcome, error_code FROM publication_attempts WHERE publication_id = $1 ORDER BY number`,
      [id],
    );
  const variantState = async (id: string) =>
    (await env.db.query(`SELECT state FROM variants WHERE id = $1`, [id]))[0].state;

  it('publishes at its time, once, and records the attempt', async () => {
    const { publication, variant } = await schedule(['ok']);
    const done = await settled(publication.id);
    expect(done).toMatchObject({ state: 'published', attemptCount: 1, externalUrl: expect.stringContaining(fake.url) });
    expect(fake.postsFor(publication.idempotencyKey)).toHaveLength(1);
    expect(await attempts(publication.id)).toEqual([{ number: 1, outcome: 'succeeded', error_code: null }]);
    expect(await variantState(variant.id)).toBe('published');
    expect(fake.postsFor(publication.idempotencyKey)[0].at).toBeGreaterThanOrEqual(
      publication.occurrenceAt.getTime() - 50,
    );
  });

  it('retryable: backs off and tries again; gives up as failed after the limit', async () => {
    const { publication } = await schedule(['error500', 'ok']);
    expect(await settled(publication.id)).toMatchObject({ state: 'published', attemptCount: 2 });
    expect((await attempts(publication.id)).map((a: { outcome: string }) => a.outcome)).toEqual([
      'retryable',
      'succeeded',
    ]);

    const doomed = await schedule(['error500', 'error500', 'error500']);
    const failed = await settled(doomed.publication.id);
    expect(failed).toMatchObject({
      state: 'failed',
      attemptCount: 3,
      lastError: expect.objectContaining({
        kind: 'retryable',
        message: expect.stringMatching(/^Đã thử 3 lần nhưng không đăng được; lần cuối: Kênh gặp lỗi tạm thời/),
        channelMessage: 'Kênh gặp lỗi tạm thời: Lỗi máy chủ kênh',
      }),
    });
    // The reason people read says what a person can do, never that Nhịp will retry: it will not.
    expect(failed.lastError!.message).toContain('Thử đăng lại');
    expect(failed.lastError!.message).not.toMatch(/sẽ (tự )?thử lại/);
    expect(await variantState(doomed.variant.id)).toBe('failed');
  });

  it('rate-limited: waits as the channel says without using up an attempt', async () => {
    const { publication } = await schedule(['rate429', 'rate429', 'rate429', 'ok']);
    const done = await settled(publication.id);
    expect(done).toMatchObject({ state: 'published', attemptCount: 1 });
    expect((await attempts(publication.id)).map((a: { outcome: string }) => a.outcome)).toEqual([
      'rate_limited',
      'rate_limited',
      'rate_limited',
      'succeeded',
    ]);
  });

  it('permanent: fails at once with the channel reason in Vietnamese', async () => {
    const { publication } = await schedule(['invalid400']);
    const done = await settled(publication.id);
    expect(done).toMatchObject({
      state: 'failed',
      attemptCount: 1,
      lastError: expect.objectContaining({
        kind: 'permanent',
        message: expect.stringMatching(/^Kênh từ chối nội dung: Nội dung bị kênh từ chối\. Nhịp không tự đăng lại/),
        channelMessage: 'Kênh từ chối nội dung: Nội dung bị kênh từ chối',
      }),
    });
    expect(fake.postsFor(publication.idempotencyKey)).toHaveLength(0);
  });

  it('auth expired: marks the account for reconnection, parks the publication, publishes once reconnected', async () => {
    const admin = await factories(env.db).user();
    await factories(env.db).membership(admin.user, agency, 'admin');
    const { publication, account } = await schedule(['auth401', 'ok']);
    const parked = await settled(publication.id);
    expect(parked).toMatchObject({
      state: 'scheduled',
      attemptCount: 0,
      nextAttemptAt: null,
      lastError: expect.objectContaining({ kind: 'auth_expired' }),
    });
    const acc = await env.db.getRepository(ChannelAccountEntity).findOneByOrFail({ id: account.id });
    expect(acc).toMatchObject({
      status: 'needs_reconnection',
      statusReason: expect.stringContaining('Mã truy cập đã hết hạn'),
    });
    // The administrator is told in words which kind of account to reconnect, not by its code.
    const notes = await env.db.query(`SELECT title FROM notifications WHERE user_id = $1`, [admin.user.id]);
    expect(notes).toEqual([{ title: 'Cần kết nối lại tài khoản Cổng thông tin điện tử' }]);

    const { user } = await factories(env.db).user();
    await worker.get(ChannelAccountService).replaceCredentials(account.id, { token: 'moi' }, user.id);
    await worker.get(PublicationAdmin).requeueAccount(account.id);
    expect(
      await until(
        () => row(publication.id),
        (p) => p.state === 'published',
      ),
    ).toMatchObject({ state: 'published' });
    expect(fake.postsFor(publication.idempotencyKey)).toHaveLength(1);
  });

  it('unknown: a call that timed out after the channel accepted it is looked up, not resent', async () => {
    const { publication, variant } = await schedule(['acceptThenDrop', 'ok']);
    const done = await until(
      () => row(publication.id),
      (p) => p.state === 'published',
    );
    expect(done).toMatchObject({ state: 'published', attemptCount: 1 });
    expect(fake.postsFor(publication.idempotencyKey)).toHaveLength(1);
    expect(fake.duplicates()).toBe(0);
    expect(await variantState(variant.id)).toBe('published');
    const trail = await env.db.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [
      publication.id,
    ]);
    expect(trail.map((e: { action: string }) => e.action)).toEqual([
      'publication.outcome_unknown',
      'publication.resolved_published',
    ]);
  });

  it('a stale or cancelled job does nothing, and two workers holding the same job publish once', async () => {
    const { publication } = await schedule(['ok'], 60_000);
    await worker.get(PublicationAdmin).cancel(publication.id, (await factories(env.db).user()).user.id);
    expect(await worker.get(PublishRunner).run(publication.id, publication.version)).toEqual({
      ran: false,
      reason: 'stale',
    });

    const account = await factories(env.db).channelAccount(agency, { endpoint: fake.url, concurrency: 5 });
    const { publication: twin } = await factories(env.db).publication(account, new Date(Date.now() - 1000));
    const runner = worker.get(PublishRunner);
    const outcomes = await Promise.all([runner.run(twin.id, twin.version), runner.run(twin.id, twin.version)]);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(fake.postsFor(twin.idempotencyKey)).toHaveLength(1);
  });

  it('holds an account to its concurrency and its rate per minute, across the jobs a worker runs at once', async () => {
    const slow = await startFakeChannel({ delayMs: 300 });
    try {
      const limited = await factories(env.db).channelAccount(agency, { endpoint: slow.url, concurrency: 2 });
      const due = new Date(Date.now() + 200);
      const six = await Promise.all(
        Array.from({ length: 6 }, (_, i) => factories(env.db).publication(limited, new Date(due.getTime() + i))),
      );
      await worker.get(Dispatcher).enqueueIds(six.map((s) => s.publication.id));
      const states = () => env.db.query(`SELECT state FROM publications WHERE channel_account_id = $1`, [limited.id]);
      expect(await until(states, (rows) => rows.every((r: { state: string }) => r.state === 'published'))).toHaveLength(
        6,
      );
      expect(slow.maxInFlight).toBe(2);
      expect(slow.duplicates()).toBe(0);

      const metered = await factories(env.db).channelAccount(agency, {
        endpoint: slow.url,
        concurrency: 5,
        ratePerMinute: 2,
      });
      const three = await Promise.all(
        Array.from({ length: 3 }, (_, i) => factories(env.db).publication(metered, new Date(Date.now() + 200 + i))),
      );
      await worker.get(Dispatcher).enqueueIds(three.map((s) => s.publication.id));
      const published = () =>
        env.db.query(`SELECT id FROM publications WHERE channel_account_id = $1 AND state = 'published'`, [metered.id]);
      expect(await until(published, (rows) => rows.length >= 2)).toHaveLength(2);
      // The third waits for the minute's window to move on, in Redis as a delayed job, not in Postgres as a failure.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await published()).toHaveLength(2);
      const waiting = await env.db.query(
        `SELECT state, attempt_count FROM publications WHERE channel_account_id = $1 AND state <> 'published'`,
        [metered.id],
      );
      expect(waiting).toEqual([{ state: 'scheduled', attempt_count: 0 }]);
    } finally {
      await slow.stop();
    }
  });

  it('the reconciler queues what Redis lost and settles a publication a crash left publishing', async () => {
    const account = await factories(env.db).channelAccount(agency, { endpoint: fake.url, concurrency: 5 });
    script.behaviours = [];
    const { publication: lost } = await factories(env.db).publication(account, new Date(Date.now() - 120_000)); // due, never queued
    const { publication: crashed } = await factories(env.db).publication(account, new Date(Date.now() - 120_000));
    await env.db.query(
      `UPDATE publications SET state = 'publishing', claimed_at = now() - interval '1 hour', attempt_count = 1 WHERE id = $1`,
      [crashed.id],
    );
    const report = await worker.get(Reconciler).tick();
    expect(report).toMatchObject({ requeuedMissing: expect.any(Number), crashedInFlight: 1 });
    expect(report.requeuedMissing).toBeGreaterThanOrEqual(1);
    expect(
      await until(
        () => row(lost.id),
        (p) => p.state === 'published',
      ),
    ).toMatchObject({ state: 'published' });
    // The crashed one was never sent: lookups find nothing twice, so it is published once, late.
    expect(
      await until(
        () => row(crashed.id),
        (p) => p.state === 'published',
      ),
    ).toMatchObject({ state: 'published' });
    expect(fake.postsFor(crashed.idempotencyKey)).toHaveLength(1);
  });
});
