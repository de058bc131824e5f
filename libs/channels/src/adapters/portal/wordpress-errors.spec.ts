import { ChannelError } from '../../channel-error';
import { wordPressErrorFromResponse, wordPressErrorFromTransport } from './wordpress-errors';

const wpError = (status: number, code: string, message: string, data: Record<string, unknown> = {}) => ({
  status,
  data: { code, message, data: { status, ...data } },
  headers: {},
});

describe('wordPressErrorFromResponse', () => {
  it('maps a failed login to auth_expired, with WordPress own words', () => {
    const error = wordPressErrorFromResponse(
      'tạo bài viết',
      wpError(401, 'incorrect_password', 'The provided password is an invalid application password.'),
    );
    expect(error).toBeInstanceOf(ChannelError);
    expect(error.kind).toBe('auth_expired');
    expect(error.code).toBe('wordpress.incorrect_password');
    expect(error.message).toContain('The provided password is an invalid application password.');
    expect(error.message).toContain('mật khẩu ứng dụng WordPress');
  });

  it('treats rest_cannot_create as a login problem at 401 and as a missing permission at 403', () => {
    const anonymous = wordPressErrorFromResponse(
      'tạo bài viết',
      wpError(401, 'rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.'),
    );
    expect(anonymous.kind).toBe('auth_expired');
    const loggedIn = wordPressErrorFromResponse(
      'tạo bài viết',
      wpError(403, 'rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.'),
    );
    expect(loggedIn.kind).toBe('permanent');
    expect(loggedIn.code).toBe('wordpress.rest_cannot_create');
    expect(loggedIn.message).toMatch(/không có quyền tạo bài viết/);
  });

  it('keeps a login failure code as auth_expired whatever the status', () => {
    expect(
      wordPressErrorFromResponse('x', wpError(403, 'invalid_username', '<strong>Error:</strong> Unknown username.'))
        .kind,
    ).toBe('auth_expired');
    expect(
      wordPressErrorFromResponse('x', wpError(403, 'invalid_username', '<strong>Error:</strong> Unknown username.'))
        .message,
    ).toContain('“Error: Unknown username.”');
  });

  it('names the refused fields of rest_invalid_param', () => {
    const error = wordPressErrorFromResponse(
      'tạo bài viết',
      wpError(400, 'rest_invalid_param', 'Invalid parameter(s): date_gmt', { params: { date_gmt: 'Invalid date.' } }),
    );
    expect(error.kind).toBe('permanent');
    expect(error.code).toBe('wordpress.rest_invalid_param');
    expect(error.message).toContain('trường date_gmt (Invalid date.)');
    expect(error.options.details).toMatchObject({ fields: { date_gmt: 'Invalid date.' } });
  });

  const forbiddenStatus = (innerStatus: number) =>
    wpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
      params: { status: 'Status is forbidden.' },
      details: {
        status: { code: 'rest_forbidden_status', message: 'Status is forbidden.', data: { status: innerStatus } },
      },
    });

  it('explains a status=any refused to a logged-in user without edit rights', () => {
    const error = wordPressErrorFromResponse('tra cứu bài viết đã tạo', forbiddenStatus(403));
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/không có quyền xem bài ở mọi trạng thái/);
  });

  it('reads a status=any refused to an anonymous request (a wrong application password) as auth_expired', () => {
    const error = wordPressErrorFromResponse('tra cứu bài viết đã tạo', forbiddenStatus(401));
    expect(error.kind).toBe('auth_expired');
    expect(error.code).toBe('wordpress.rest_invalid_param');
  });

  it('maps 404 to permanent, pointing at the site address when the route is missing', () => {
    const error = wordPressErrorFromResponse(
      'tạo bài viết',
      wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.'),
    );
    expect(error.kind).toBe('permanent');
    expect(error.message).toMatch(/siteUrl/);
    expect(wordPressErrorFromResponse('x', { status: 404, data: '<html>Not found</html>', headers: {} }).code).toBe(
      'wordpress.http_404',
    );
  });

  it('maps 429 to rate_limited, honouring Retry-After in seconds or as a date', () => {
    const now = Date.parse('2026-05-18T01:00:00Z');
    const seconds = wordPressErrorFromResponse('x', { status: 429, data: '', headers: { 'retry-after': '120' } }, now);
    expect(seconds.kind).toBe('rate_limited');
    expect(seconds.retryAfterMs).toBe(120_000);
    expect(seconds.message).toMatch(/120 giây/);
    const date = wordPressErrorFromResponse(
      'x',
      { status: 429, data: '', headers: { 'retry-after': 'Mon, 18 May 2026 01:00:30 GMT' } },
      now,
    );
    expect(date.retryAfterMs).toBe(30_000);
    expect(wordPressErrorFromResponse('x', { status: 429, data: '', headers: {} }, now).retryAfterMs).toBe(60_000);
  });

  it('maps server errors to retryable', () => {
    for (const status of [500, 502, 503, 504]) {
      const error = wordPressErrorFromResponse('tạo bài viết', {
        status,
        data: '<h1>Error establishing a database connection</h1>',
        headers: {},
      });
      expect(error.kind).toBe('retryable');
      expect(error.code).toBe(`wordpress.http_${status}`);
    }
  });

  it('refuses a redirect and an answer that is not the REST API', () => {
    const redirect = wordPressErrorFromResponse('x', {
      status: 301,
      data: '',
      headers: { location: 'https://x.gov.vn/' },
    });
    expect(redirect.kind).toBe('permanent');
    expect(redirect.message).toContain('https://x.gov.vn/');
    expect(wordPressErrorFromResponse('x', { status: 200, data: '<html></html>', headers: {} }).code).toBe(
      'wordpress.unexpected_response',
    );
  });
});

describe('wordPressErrorFromTransport', () => {
  const url = 'https://sokhcn.tuyenquang.gov.vn/wp-json/wp/v2/posts';
  const sent = { writableFinished: true };
  const unsent = { writableFinished: false };

  it('maps a refused connection and a DNS failure to retryable, even for a create', () => {
    const refused = wordPressErrorFromTransport('tạo bài viết', url, { code: 'ECONNREFUSED', request: unsent }, true);
    expect(refused.kind).toBe('retryable');
    expect(refused.code).toBe('wordpress.unreachable');
    expect(refused.message).toContain('sokhcn.tuyenquang.gov.vn');
    expect(wordPressErrorFromTransport('tạo bài viết', url, { code: 'ENOTFOUND' }, true).kind).toBe('retryable');
    expect(wordPressErrorFromTransport('tạo bài viết', url, { code: 'EAI_AGAIN' }, true).code).toBe('wordpress.dns');
  });

  it('maps a timeout or a reset after a create was sent to unknown', () => {
    const timeout = wordPressErrorFromTransport('tạo bài viết', url, { code: 'ETIMEDOUT', request: sent }, true);
    expect(timeout.kind).toBe('unknown');
    expect(timeout.code).toBe('wordpress.timeout');
    expect(timeout.message).toMatch(/lookup/);
    expect(wordPressErrorFromTransport('tạo bài viết', url, { code: 'ECONNRESET', request: sent }, true).kind).toBe(
      'unknown',
    );
    expect(wordPressErrorFromTransport('tạo bài viết', url, { code: 'ECONNRESET' }, true).kind).toBe('unknown');
  });

  it('maps a timeout before the create was fully sent, or on a read, to retryable', () => {
    expect(wordPressErrorFromTransport('tạo bài viết', url, { code: 'ETIMEDOUT', request: unsent }, true).kind).toBe(
      'retryable',
    );
    expect(wordPressErrorFromTransport('tra cứu', url, { code: 'ETIMEDOUT', request: sent }, false).kind).toBe(
      'retryable',
    );
  });

  it('maps an invalid certificate to permanent', () => {
    expect(wordPressErrorFromTransport('x', url, { code: 'CERT_HAS_EXPIRED' }, true).kind).toBe('permanent');
  });
});

describe('a 429 from WordPress', () => {
  it('waits as Retry-After says, or a minute when it says nothing readable', () => {
    const answer = (retryAfter?: string) => ({ status: 429, data: {}, headers: { 'retry-after': retryAfter } });
    expect(wordPressErrorFromResponse('tạo bài viết', answer('5')).retryAfterMs).toBe(5000);
    expect(wordPressErrorFromResponse('tạo bài viết', answer('soon')).retryAfterMs).toBe(60_000);
  });
});

describe('WordPress error messages', () => {
  // The message may end up as a final failure's reason: it says what happened, never that Nhịp will retry.
  it('never promises a retry', () => {
    const url = 'https://sokhcn.tuyenquang.gov.vn/wp-json/wp/v2/posts';
    const errors = [
      wordPressErrorFromResponse('tạo bài viết', { status: 500, data: {}, headers: {} }),
      wordPressErrorFromResponse('tạo bài viết', { status: 503, data: {}, headers: {} }),
      wordPressErrorFromTransport('tạo bài viết', url, { code: 'ECONNREFUSED' }, true),
      wordPressErrorFromTransport('tạo bài viết', url, { code: 'ENOTFOUND' }, true),
      wordPressErrorFromTransport('tra cứu', url, { code: 'ETIMEDOUT' }, false),
    ];
    for (const error of errors) {
      expect(error.kind).toBe('retryable');
      expect(error.message).not.toMatch(/sẽ thử lại/);
    }
  });
});
