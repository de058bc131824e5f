import { isHttpUrl } from './http-url';
import { parseRetryAfterMs } from './retry-after';

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('120')).toBe(120_000);
    expect(parseRetryAfterMs(['7'])).toBe(7000);
    expect(parseRetryAfterMs(' 0 ')).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-10-10T06:00:00Z');
    expect(parseRetryAfterMs('Sat, 10 Oct 2026 06:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Sat, 10 Oct 2026 05:00:00 GMT', now)).toBe(0);
  });

  it('says nothing when the header is missing or unreadable', () => {
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    expect(parseRetryAfterMs('  ')).toBeUndefined();
    expect(parseRetryAfterMs(-5)).toBeUndefined();
  });
});

describe('isHttpUrl', () => {
  it('takes absolute http and https addresses with a host, nothing else', () => {
    expect(isHttpUrl('https://xa-dak-bla.gov.vn/tin/1')).toBe(true);
    expect(isHttpUrl('http://127.0.0.1:8080/a.png')).toBe(true);
    for (const value of ['', '   ', 'ftp://host/a', 'javascript:alert(1)', '/relative', 'http://', 42, null])
      expect(isHttpUrl(value)).toBe(false);
  });
});
