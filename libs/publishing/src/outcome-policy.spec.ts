import { backoffMs, decide, finalFailureReason } from './outcome-policy';

const now = new Date('2026-10-10T00:00:00Z');

describe('outcome policy', () => {
  it('retries a retryable failure with growing, jittered backoff until the limit, then fails', () => {
    expect(backoffMs(1, () => 0)).toBe(15_000);
    expect(backoffMs(1, () => 1)).toBe(30_000);
    expect(backoffMs(3, () => 1)).toBe(120_000);
    expect(backoffMs(20, () => 1)).toBe(30 * 60_000);
    expect(decide({ kind: 'retryable', attempts: 2, maxAttempts: 5, now, random: () => 1 })).toEqual({
      action: 'retry',
      at: new Date(now.getTime() + 60_000),
      countsAsAttempt: true,
    });
    expect(decide({ kind: 'retryable', attempts: 5, maxAttempts: 5, now })).toEqual({ action: 'fail' });
  });

  it('waits as long as a rate-limited channel says, without using up an attempt', () => {
    expect(decide({ kind: 'rate_limited', attempts: 5, maxAttempts: 5, retryAfterMs: 120_000, now })).toEqual({
      action: 'retry',
      at: new Date(now.getTime() + 120_000),
      countsAsAttempt: false,
    });
    expect(decide({ kind: 'rate_limited', attempts: 1, maxAttempts: 5, now })).toMatchObject({
      at: new Date(now.getTime() + 60_000),
    });
  });

  it('cools the whole account down for as long as a throttling channel estimates, using no attempt', () => {
    expect(decide({ kind: 'throttled', attempts: 5, maxAttempts: 5, retryAfterMs: 17 * 60_000, now })).toEqual({
      action: 'cool_down',
      until: new Date(now.getTime() + 17 * 60_000),
    });
  });

  it('waits out a temporary block, longer each time, and asks a person once it has lasted the limit', () => {
    const base = { kind: 'blocked' as const, attempts: 1, maxAttempts: 5, blockWaitMs: 60_000, blockMaxMs: 300_000 };
    const first = decide({ ...base, now });
    expect(first).toEqual({
      action: 'cool_down',
      until: new Date(now.getTime() + 60_000),
      block: { since: now, waits: 1 },
    });
    // Refused again as soon as the wait ended: the same block, a doubled wait.
    const at = (ms: number) => new Date(now.getTime() + ms);
    const stored = (until: Date, waits: number) => ({
      kind: 'blocked',
      until: until.toISOString(),
      since: now.toISOString(),
      waits,
    });
    expect(decide({ ...base, now: at(61_000), previousCooldown: stored(at(60_000), 1) })).toEqual({
      action: 'cool_down',
      until: at(61_000 + 120_000),
      block: { since: now, waits: 2 },
    });
    // The last wait is cut to the limit.
    expect(decide({ ...base, now: at(182_000), previousCooldown: stored(at(181_000), 2) })).toMatchObject({
      action: 'cool_down',
      until: at(300_000),
    });
    expect(decide({ ...base, now: at(301_000), previousCooldown: stored(at(300_000), 3) })).toEqual({
      action: 'ask_person',
      block: { since: now, waits: 4 },
    });
    // A block long after the last one ended is a new one.
    expect(decide({ ...base, now: at(3600_000), previousCooldown: stored(at(300_000), 3) })).toMatchObject({
      action: 'cool_down',
      block: { since: at(3600_000), waits: 1 },
    });
    // A throttle before it is not a block.
    expect(
      decide({ ...base, now: at(61_000), previousCooldown: { kind: 'throttled', until: at(60_000).toISOString() } }),
    ).toMatchObject({ block: { waits: 1 } });
  });

  it('parks on dead credentials, fails on a refusal, and asks the channel when the outcome is unknown', () => {
    expect(decide({ kind: 'auth_expired', attempts: 1, maxAttempts: 5, now })).toEqual({ action: 'reconnect' });
    expect(decide({ kind: 'permanent', attempts: 1, maxAttempts: 5, now })).toEqual({ action: 'fail' });
    expect(decide({ kind: 'unknown', attempts: 1, maxAttempts: 5, now })).toEqual({
      action: 'resolve',
      at: new Date(now.getTime() + 15_000),
    });
  });
});

describe('final failure reason', () => {
  const retryPromise = /sẽ (tự )?thử lại|will retry/i;

  it('after the last attempt: what happened, that Nhịp has stopped, and what a person can do', () => {
    const reason = finalFailureReason(
      { kind: 'retryable', message: 'Facebook tạm thời không phục vụ được (HTTP 503)' },
      5,
    );
    expect(reason).toBe(
      'Đã thử 5 lần nhưng không đăng được; lần cuối: Facebook tạm thời không phục vụ được (HTTP 503). ' +
        'Nhịp đã dừng thử: hãy kiểm tra kênh đã hoạt động lại chưa, rồi bấm “Thử đăng lại” trên trang Xuất bản.',
    );
    expect(reason).not.toMatch(retryPromise);
  });

  it('refused for good: the channel’s reason, then what to fix', () => {
    const reason = finalFailureReason({ kind: 'permanent', message: 'Facebook từ chối tham số “link”: bad' }, 1);
    expect(reason).toBe(
      'Facebook từ chối tham số “link”: bad. Nhịp không tự đăng lại bài này: hãy sửa nội dung hoặc cài đặt ' +
        'tài khoản kênh theo lý do trên, rồi bấm “Thử đăng lại” trên trang Xuất bản.',
    );
    expect(reason).not.toMatch(retryPromise);
  });
});
