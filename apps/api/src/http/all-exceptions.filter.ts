import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorKind } from '@nhip/core';
import type { ErrorResponse } from './error-response';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  gone: HttpStatus.GONE,
  conflict: HttpStatus.CONFLICT,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Framework-level HTTP errors (unknown route, bad JSON, body too large) in the API's own words. */
const HTTP_ERRORS: Record<number, { code: string; message: string }> = {
  // Nest turns body-parser's JSON SyntaxError (and bad %-encoding in a path) into a bare 400.
  400: { code: 'MALFORMED_REQUEST', message: 'Yêu cầu không đúng cú pháp (nội dung JSON hoặc đường dẫn).' },
  401: { code: 'UNAUTHENTICATED', message: 'Chưa đăng nhập hoặc phiên đăng nhập không hợp lệ.' },
  403: { code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' },
  404: { code: 'NOT_FOUND', message: 'Không tìm thấy đường dẫn hoặc tài nguyên yêu cầu.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'Phương thức không được hỗ trợ.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Định dạng dữ liệu không được hỗ trợ.' },
  429: { code: 'TOO_MANY_REQUESTS', message: 'Quá nhiều yêu cầu, vui lòng thử lại sau.' },
};

/**
 * Maps every error to `{code, message, details?}`. Domain errors carry their own code and Vietnamese
 * message; anything unexpected is logged and answered with a 500 that reveals nothing.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const [status, body] = this.toResponse(exception);
    if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) {
      // pino-http logs `res.err` on the request's own line, with its request id.
      (response as Response & { err?: unknown }).err =
        exception instanceof Error ? exception : new Error(String(exception));
    }
    if (body.code === 'LOGIN_RATE_LIMITED' || body.code === 'TOO_MANY_REQUESTS') {
      const retry = (body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) response.setHeader('Retry-After', String(retry));
    }
    response.status(status).json(body);
  }

  private toResponse(exception: unknown): [number, ErrorResponse] {
    if (exception instanceof DomainError) {
      const body: ErrorResponse = { code: exception.code, message: exception.message };
      if (exception.details !== undefined) body.details = exception.details;
      return [STATUS_BY_KIND[exception.kind], body];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known = HTTP_ERRORS[status] ?? { code: `HTTP_${status}`, message: 'Yêu cầu không thể xử lý.' };
      return [status, { ...known }];
    }
    if (isBodyParserError(exception)) {
      const status = exception.status;
      const known = HTTP_ERRORS[status] ?? HTTP_ERRORS[400];
      return [status, { ...known }];
    }
    return [
      HttpStatus.INTERNAL_SERVER_ERROR,
      { code: 'INTERNAL_ERROR', message: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.' },
    ];
  }
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { status?: unknown }).status === 'number' &&
    typeof (e as { type?: unknown }).type === 'string'
  );
}
