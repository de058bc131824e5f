import { ChannelError } from '../../channel-error';
import {
  FACEBOOK_DEFAULT_RATE_LIMIT_WAIT_MS,
  facebookError,
  facebookHttpError,
  facebookRateLimitWaitMs,
  facebookTransportError,
  facebookParameterNamed,
} from './facebook.errors';

const kindOf = (code: number, subcode?: number) =>
  facebookError({ code, error_subcode: subcode, message: 'm', type: 'OAuthException' }).kind;

describe('Facebook error mapping', () => {
  it('branches on code', () => {
    expect([1, 2].map((c) => kindOf(c))).toEqual(['retryable', 'retryable']);
    expect([4, 17, 32, 613].map((c) => kindOf(c))).toEqual(['throttled', 'throttled', 'throttled', 'throttled']);
    expect(kindOf(190, 463)).toBe('auth_expired');
    expect(kindOf(190)).toBe('auth_expired');
    expect([10, 200, 230, 299].map((c) => kindOf(c))).toEqual([
      'auth_expired',
      'auth_expired',
      'auth_expired',
      'auth_expired',
    ]);
    expect(kindOf(368)).toBe('blocked');
    expect([100, 506].map((c) => kindOf(c))).toEqual(['permanent', 'permanent']);
  });

  it('ignores the type (only the code decides)', () => {
    expect(facebookError({ code: 2, type: 'OAuthException' }).kind).toBe('retryable');
    expect(facebookError({ code: 190, type: 'GraphMethodException' }).kind).toBe('auth_expired');
  });

  it('names the channel’s own error in the code and keeps the subcode and trace id', () => {
    const error = facebookError({ code: 190, error_subcode: 463, fbtrace_id: 'AbC', message: 'Session has expired' });
    expect(error).toBeInstanceOf(ChannelError);
    expect(error.code).toBe('facebook.190');
    expect(error.options.details).toMatchObject({ subcode: 463, fbtrace_id: 'AbC' });
    expect(error.message).toBe('Mã truy cập Trang Facebook đã hết hạn; cần kết nối lại Trang.');
  });

  it('reads the wait from the usage headers, the longest estimate winning', () => {
    expect(
      facebookRateLimitWaitMs({
        'x-business-use-case-usage': JSON.stringify({
          '123': [
            { type: 'pages', call_count: 100, estimated_time_to_regain_access: 7 },
            { type: 'pages', estimated_time_to_regain_access: 12 },
          ],
        }),
      }),
    ).toBe(12 * 60_000);
    expect(facebookRateLimitWaitMs({ 'x-page-usage': '{"call_count":100,"estimated_time_to_regain_access":3}' })).toBe(
      3 * 60_000,
    );
    expect(facebookRateLimitWaitMs({ 'retry-after': '90' })).toBe(90_000);
    expect(facebookRateLimitWaitMs({ 'x-app-usage': '{"call_count":100,"total_time":20}' })).toBeUndefined();
    expect(facebookRateLimitWaitMs({ 'x-page-usage': 'not json' })).toBeUndefined();
  });

  it('falls back to a default wait when the headers give none', () => {
    expect(facebookError({ code: 613 }, {}).retryAfterMs).toBe(FACEBOOK_DEFAULT_RATE_LIMIT_WAIT_MS);
    expect(facebookError({ code: 32 }, { 'x-page-usage': '{"estimated_time_to_regain_access":0}' }).retryAfterMs).toBe(
      FACEBOOK_DEFAULT_RATE_LIMIT_WAIT_MS,
    );
  });

  it('names the invalid parameter when Facebook does', () => {
    expect(facebookParameterNamed('(#100) The parameter message is required')).toBe('message');
    expect(facebookParameterNamed('(#100) Param scheduled_publish_time must be a UNIX timestamp')).toBe(
      'scheduled_publish_time',
    );
    expect(facebookParameterNamed('(#100) url should represent a valid URL')).toBe('url');
    expect(facebookParameterNamed('Invalid parameter')).toBeUndefined();
  });

  it('a write that got no answer is unknown; a read or an unsent request is retryable', () => {
    expect(facebookTransportError({ code: 'ECONNABORTED', message: 'timeout' }, 'write').kind).toBe('unknown');
    expect(facebookTransportError({ code: 'ECONNRESET', message: 'socket hang up' }, 'write').kind).toBe('unknown');
    expect(facebookTransportError({ code: 'ECONNREFUSED', message: 'refused' }, 'write').kind).toBe('retryable');
    expect(facebookTransportError({ code: 'ECONNABORTED', message: 'timeout' }, 'staging').kind).toBe('retryable');
    expect(facebookTransportError({ code: 'ECONNABORTED', message: 'timeout' }, 'read').kind).toBe('retryable');
    expect(facebookHttpError(502, 'write').kind).toBe('unknown');
    expect(facebookHttpError(502, 'read').kind).toBe('retryable');
    expect(facebookHttpError(404, 'write').kind).toBe('permanent');
  });
});

describe('Facebook error messages', () => {
  // The message may end up as a final failure's reason: it says what happened, never that Nhịp will retry.
  it('never promises a retry', () => {
    const errors = [
      facebookError({ code: 1, message: 'An unknown error occurred' }),
      facebookError({ code: 2, message: 'Service temporarily unavailable' }),
      facebookError({ code: 32, message: 'Page request limit reached' }),
      facebookError({ code: 999, message: 'x', is_transient: true }),
      facebookTransportError({ code: 'ECONNREFUSED', message: 'refused' }, 'write'),
      facebookTransportError({ code: 'ECONNABORTED', message: 'timeout' }, 'read'),
      facebookHttpError(502, 'read'),
    ];
    for (const error of errors) {
      expect(error.message).not.toMatch(/thử lại/);
      expect(error.message).toMatch(/Facebook/);
    }
  });
});
