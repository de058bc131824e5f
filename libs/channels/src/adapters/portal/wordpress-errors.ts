import { outboundRefusal, parseRetryAfterMs } from '@nhip/core';
import { ChannelError } from '../../channel-error';
import { htmlToText } from './portal-html';

/** WordPress's error body: `{code, message, data: {status, params?, details?}}`. */
export interface WordPressErrorBody {
  code: string;
  message: string;
  data?: {
    status?: number;
    /** rest_invalid_param: field → reason; rest_missing_callback_param: field names. */
    params?: Record<string, string> | string[];
    details?: Record<string, { code?: string; message?: string; data?: { status?: number } }>;
    term_id?: number;
  };
}

export function isWordPressError(body: unknown): body is WordPressErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'string' &&
    typeof (body as { message?: unknown }).message === 'string'
  );
}

/**
 * Codes that say the login itself failed, whatever the status. WordPress has no token refresh, so the
 * account has to be reconnected with a new application password.
 */
const LOGIN_FAILURE_CODES = new Set([
  'incorrect_password',
  'invalid_username',
  'invalid_email',
  'rest_not_logged_in',
  'application_passwords_disabled',
  'application_passwords_disabled_for_user',
  'rest_cookie_invalid_nonce',
]);

const DEFAULT_RETRY_AFTER_MS = 60_000;

export interface HttpAnswer {
  status: number;
  data: unknown;
  headers: Record<string, unknown>;
}

/**
 * Maps a WordPress answer that is not the expected success to a ChannelError. `action` names what was
 * being done, in Vietnamese ("tạo bài viết"), for the message.
 */
export function wordPressErrorFromResponse(action: string, answer: HttpAnswer, now: number = Date.now()): ChannelError {
  const { status } = answer;
  const body = isWordPressError(answer.data) ? answer.data : undefined;
  const wpCode = body?.code;
  const code = `wordpress.${wpCode ?? `http_${status}`}`;
  const said = body ? ` WordPress trả lời: “${htmlToText(body.message)}”` : '';
  const details: Record<string, unknown> = { httpStatus: status, ...(wpCode ? { wordpressCode: wpCode } : {}) };
  const where = `(HTTP ${status}${wpCode ? `, ${wpCode}` : ''})`;

  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(answer.headers['retry-after'], now) ?? DEFAULT_RETRY_AFTER_MS;
    return new ChannelError(
      'rate_limited',
      code,
      `WordPress đang giới hạn số yêu cầu khi ${action} ${where}; thử lại sau ${Math.ceil(retryAfterMs / 1000)} giây.${said}`,
      { retryAfterMs, details },
    );
  }
  // WordPress answers 401 to a request without a valid login and 403 to a logged-in user lacking a
  // capability (rest_authorization_required_code), e.g. rest_cannot_create. A wrong application password
  // is not reported as such (WordPress 6.1 decides the user before it knows the request is REST): the
  // request just runs anonymously, so status=any comes back as a forbidden status with an inner 401.
  const forbiddenStatus = Object.values(body?.data?.details ?? {}).find(
    (detail) => detail?.code === 'rest_forbidden_status',
  );
  const anonymous = status === 401 || forbiddenStatus?.data?.status === 401;
  if (anonymous || (wpCode !== undefined && LOGIN_FAILURE_CODES.has(wpCode))) {
    return new ChannelError(
      'auth_expired',
      code,
      `WordPress không chấp nhận thông tin đăng nhập khi ${action} ${where}.${said} Kiểm tra tên đăng nhập và ` +
        'mật khẩu ứng dụng WordPress của tài khoản kênh (mật khẩu có thể đã bị thu hồi). WordPress chỉ nhận mật khẩu ' +
        'ứng dụng qua HTTPS (hoặc trên trang môi trường "local"), và máy chủ web phải chuyển tiếp tiêu đề Authorization.',
      { details },
    );
  }
  if (status === 403) {
    return new ChannelError(
      'permanent',
      code,
      `Tài khoản WordPress đăng nhập được nhưng không có quyền ${action} ${where}.${said} Cần cấp cho tài khoản vai trò ` +
        'đủ quyền (Tác giả để đăng bài và ảnh, Biên tập viên để tạo chuyên mục, thẻ).',
      { details },
    );
  }
  if (wpCode === 'rest_invalid_param' || wpCode === 'rest_missing_callback_param') {
    const fields = invalidFields(body?.data);
    if (forbiddenStatus) {
      return new ChannelError(
        'permanent',
        code,
        `Tài khoản WordPress không có quyền xem bài ở mọi trạng thái khi ${action} ${where}: cần quyền sửa bài ` +
          `(edit_posts — vai trò Cộng tác viên trở lên).${said}`,
        { details: { ...details, fields } },
      );
    }
    const list = Object.entries(fields)
      .map(([field, reason]) => (reason ? `${field} (${htmlToText(reason)})` : field))
      .join('; ');
    return new ChannelError(
      'permanent',
      code,
      `WordPress không chấp nhận dữ liệu khi ${action} ${where}: trường ${list || 'không rõ'}.${said}`,
      { details: { ...details, fields } },
    );
  }
  if (status === 404) {
    const hint =
      wpCode === 'rest_no_route' || !body
        ? ' Địa chỉ REST API của cổng không đúng hoặc REST API đã bị tắt; kiểm tra địa chỉ trang (siteUrl).'
        : '';
    return new ChannelError('permanent', code, `Không tìm thấy trên WordPress khi ${action} ${where}.${said}${hint}`, {
      details,
    });
  }
  if (status === 408 || status >= 500) {
    return new ChannelError('retryable', code, `Máy chủ WordPress gặp lỗi khi ${action} ${where}.${said}`, {
      details,
    });
  }
  if (status >= 300 && status < 400) {
    return new ChannelError(
      'permanent',
      code,
      `WordPress chuyển hướng yêu cầu ${action} tới ${String(answer.headers.location ?? 'nơi khác')} ${where}; ` +
        'kiểm tra địa chỉ trang (siteUrl), ví dụ http:// thay vì https://.',
      { details },
    );
  }
  if (status >= 400) {
    return new ChannelError('permanent', code, `WordPress từ chối yêu cầu ${action} ${where}.${said}`, { details });
  }
  return new ChannelError(
    'permanent',
    'wordpress.unexpected_response',
    `WordPress trả lời ${action} không như mong đợi (HTTP ${status}, không phải JSON của REST API); kiểm tra địa ` +
      'chỉ trang (siteUrl) và các plugin chặn REST API.',
    { details },
  );
}

function invalidFields(data: WordPressErrorBody['data']): Record<string, string> {
  const params = data?.params;
  if (Array.isArray(params)) return Object.fromEntries(params.map((field) => [field, '']));
  return { ...(params ?? {}) };
}

/** Nothing reached the server: the connection was never made. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN']);
const DNS_FAILURES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const TLS_FAILURES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
]);
const TIMEOUTS = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

interface TransportFailure {
  code?: string;
  message?: string;
  request?: unknown;
}

/**
 * Maps a failure below HTTP (no answer) to a ChannelError. `sideEffects` says whether the call changes
 * something that a blind retry would duplicate (creating a post): then a failure after the request was
 * sent is `unknown`, because WordPress may have carried it out.
 */
export function wordPressErrorFromTransport(
  action: string,
  url: string,
  error: unknown,
  sideEffects: boolean,
): ChannelError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as TransportFailure;
  const errno = failure.code ?? 'UNKNOWN';
  const host = safeHost(url);
  const details = { errno, host };
  const cause = error;

  const refused = outboundRefusal(error);
  if (refused) {
    // Nothing was sent: the guard stopped the request before it connected.
    return new ChannelError('permanent', 'wordpress.address_refused', `${refused.message} (khi ${action}).`, {
      details: { host },
      cause,
    });
  }
  if (NOT_CONNECTED.has(errno)) {
    return new ChannelError(
      'retryable',
      'wordpress.unreachable',
      `Không kết nối được tới cổng WordPress ${host} khi ${action} (${errno}): máy chủ không trả lời. Yêu cầu chưa được gửi.`,
      { details, cause },
    );
  }
  if (DNS_FAILURES.has(errno)) {
    return new ChannelError(
      'retryable',
      'wordpress.dns',
      `Không phân giải được tên miền ${host} khi ${action} (${errno}). Yêu cầu chưa được gửi; nếu lỗi kéo dài, kiểm tra địa chỉ trang (siteUrl).`,
      { details, cause },
    );
  }
  if (TLS_FAILURES.has(errno)) {
    return new ChannelError(
      'permanent',
      'wordpress.tls',
      `Chứng chỉ HTTPS của ${host} không hợp lệ (${errno}); Nhịp không gửi thông tin đăng nhập tới máy chủ này. Cần sửa chứng chỉ của cổng hoặc địa chỉ trang.`,
      { details, cause },
    );
  }
  if (errno === 'ERR_INVALID_URL') {
    return new ChannelError('permanent', 'wordpress.invalid_url', `Địa chỉ ${url} không hợp lệ khi ${action}.`, {
      details,
      cause,
    });
  }

  const timedOut = TIMEOUTS.has(errno);
  const what = timedOut ? 'hết thời gian chờ' : 'mất kết nối';
  if (sideEffects && requestWasSent(failure.request)) {
    return new ChannelError(
      'unknown',
      timedOut ? 'wordpress.timeout' : 'wordpress.connection_lost',
      `Đã gửi yêu cầu ${action} tới ${host} nhưng ${what} (${errno}) trước khi WordPress trả lời: không biết yêu cầu đã được ` +
        'thực hiện hay chưa. Cần tra cứu lại theo khoá (lookup), không gửi lại.',
      { details, cause },
    );
  }
  return new ChannelError(
    'retryable',
    timedOut ? 'wordpress.timeout' : 'wordpress.connection_lost',
    `${timedOut ? 'Hết thời gian chờ' : 'Mất kết nối'} khi ${action} trên ${host} (${errno}).`,
    { details, cause },
  );
}

/**
 * Whether the whole request left this process. Node's ClientRequest reports `writableFinished` once the
 * last byte was handed to the socket; before the connection is made it is false. When it cannot be told,
 * assume sent: a needless lookup is cheap, a duplicate post is not.
 */
function requestWasSent(request: unknown): boolean {
  if (typeof request !== 'object' || request === null || !('writableFinished' in request)) return true;
  return (request as { writableFinished: boolean }).writableFinished;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
