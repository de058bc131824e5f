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
