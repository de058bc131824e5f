/** What kind of failure a domain error is; the API layer alone turns this into an HTTP status. */
export type ErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'gone' | 'conflict' | 'rate_limited' | 'unavailable';

/**
 * An error the domain raises on purpose: a stable machine `code` (UPPER_SNAKE), a Vietnamese `message`
 * for people and optional `details` for programs.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(code: string, message: string, details?: unknown) {
    return new DomainError('invalid', code, message, details);
  }

  static notFound(code: string, message: string, details?: unknown) {
    return new DomainError('not_found', code, message, details);
  }

  /** Existed once and was withdrawn on purpose (a revoked feed), as opposed to never found. */
  static gone(code: string, message: string, details?: unknown) {
    return new DomainError('gone', code, message, details);
  }

  static forbidden(message = 'Bạn không có quyền thực hiện thao tác này.', code = 'FORBIDDEN') {
    return new DomainError('forbidden', code, message);
  }

  static unauthenticated(message = 'Chưa đăng nhập hoặc phiên đăng nhập không hợp lệ.', code = 'UNAUTHENTICATED') {
    return new DomainError('unauthenticated', code, message);
  }

  static conflict(code: string, message: string, details?: unknown) {
    return new DomainError('conflict', code, message, details);
  }
}
