import {
  zaloFieldNamed,
  zaloQuotaResetMs,
  zaloError,
  zaloHttpError,
  zaloRefreshError,
  zaloTransportError,
} from './zalo.errors';

describe('Zalo error mapping', () => {
  it('maps each documented code to the kind the engine acts on', () => {
    expect(zaloError({ error: -32, message: 'limit' })).toMatchObject({
      kind: 'throttled',
      code: 'zalo.-32',
      retryAfterMs: 60_000,
    });
    expect(zaloError({ error: -201, message: 'title is invalid' })).toMatchObject({
      kind: 'permanent',
      code: 'zalo.-201',
    });
    expect(zaloError({ error: -216 }).kind).toBe('auth_expired');
    expect(zaloError({ error: -220 }).kind).toBe('auth_expired');
    expect(zaloError({ error: -211 }).kind).toBe('rate_limited');
    expect(zaloError({ error: -218 }).kind).toBe('rate_limited');
    expect(zaloError({ error: -124, message: 'something else' })).toMatchObject({
      kind: 'permanent',
      code: 'zalo.-124',
    });
  });

  it('quota waits until one minute past the next midnight in Vietnam', () => {
    // 23:30 on 21/11 in Hà Nội is 16:30Z; midnight there is 17:00Z.
    expect(zaloQuotaResetMs(new Date('2026-11-21T16:30:00Z'))).toBe(31 * 60_000);
    // 00:00:30 on 22/11 in Hà Nội (17:00:30Z): the reset has just happened; the next is a day away.
    expect(zaloQuotaResetMs(new Date('2026-11-21T17:00:30Z'))).toBe(24 * 3600_000 + 30_000);
    expect(zaloError({ error: -211 }, new Date('2026-11-21T10:00:00Z')).retryAfterMs).toBe(7 * 3600_000 + 60_000);
  });

  it('names the field Zalo names', () => {
    expect(zaloFieldNamed('title is invalid')).toBe('title');
    expect(zaloFieldNamed('cover.photo_url is invalid')).toBe('cover.photo_url');
    expect(zaloFieldNamed('Param description must be at most 300 characters')).toBe('description');
    expect(zaloFieldNamed('Invalid request')).toBeUndefined();
  });

  it('a refused refresh means reconnecting; a broken OAuth server is retryable', () => {
    expect(
      zaloRefreshError({ error: -14014, error_description: 'The refresh token has already been used' }, 200),
    ).toMatchObject({
      kind: 'auth_expired',
      code: 'zalo.refresh_failed',
    });
    expect(zaloRefreshError(undefined, 502).kind).toBe('retryable');
  });

  it('a write without an answer is unknown; an unsent request or a read is retryable', () => {
    expect(zaloTransportError({ code: 'ECONNABORTED', message: 'timeout' }, 'write').kind).toBe('unknown');
    expect(zaloTransportError({ code: 'ECONNREFUSED', message: 'refused' }, 'write').kind).toBe('retryable');
    expect(zaloTransportError({ code: 'ECONNABORTED', message: 'timeout' }, 'read').kind).toBe('retryable');
    expect(zaloTransportError({ code: 'ECONNABORTED', message: 'timeout' }, 'refresh').kind).toBe('retryable');
    expect(zaloHttpError(502, 'write').kind).toBe('unknown');
    expect(zaloHttpError(200, 'write').kind).toBe('unknown');
    expect(zaloHttpError(502, 'read').kind).toBe('retryable');
    expect(zaloHttpError(404, 'read').kind).toBe('permanent');
  });
});

describe('Zalo error messages', () => {
  // The message may end up as a final failure's reason: it says what happened, never that Nhịp will retry.
  it('never promises a retry', () => {
    const errors = [
      zaloError({ error: -32, message: 'limit' }),
      zaloError({ error: -211, message: 'quota' }),
      zaloRefreshError(undefined, 503),
      zaloTransportError({ code: 'ECONNREFUSED', message: 'refused' }, 'write'),
      zaloTransportError({ code: 'ECONNABORTED', message: 'timeout' }, 'read'),
      zaloHttpError(503, 'read'),
    ];
    for (const error of errors) {
      expect(error.kind).not.toBe('unknown');
      expect(error.message).not.toMatch(/thử lại/);
      expect(error.message).toMatch(/Zalo/);
    }
  });
});
