import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '@nhip/core';

function flatten(errors: ValidationError[], prefix = ''): Array<{ field: string; problems: string[] }> {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints
      ? [
          {
            field,
            // Nest's own words for a field no DTO declares ("property x should not exist") are English.
            problems: Object.entries(e.constraints).map(([rule, message]) =>
              rule === 'whitelistValidation' ? `Không nhận trường “${field}”.` : message,
            ),
          },
        ]
      : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** DTO validation at the edge: unknown fields are refused, and every problem is listed by field. */
export function createValidationPipe() {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      DomainError.invalid('VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ.', { fields: flatten(errors) }),
  });
}
