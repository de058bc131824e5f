import { parseRetryAfterMs } from './retry-after';

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('120', 5000)).toBe(120_000);
    expect(parseRetryAfterMs(['7'], 5000)).toBe(7000);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-10-10T06:00:00Z');
    expect(parseRetryAfterMs('Sat, 10 Oct 2026 06:00:30 GMT', 5000, now)).toBe(30_000);
    expect(parseRetryAfterMs('Sat, 10 Oct 2026 05:00:00 GMT', 5000, now)).toBe(0);
  });

  it('falls back when the header is missing or unreadable', () => {
    expect(parseRetryAfterMs(undefined, 60_000)).toBe(60_000);
    expect(parseRetryAfterMs('soon', 60_000)).toBe(60_000);
  });
});
