import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { DomainError } from '@nhip/core';

/** An error body lists at most this many fields (a flood of unknown keys is one short answer). */
const MAX_LISTED_FIELDS = 10;

interface FieldProblems {
  field: string;
  problems: string[];
}

/** The first `max` failing fields, depth first, without walking the rest. */
function firstProblems(errors: ValidationError[], max: number): { fields: FieldProblems[]; more: boolean } {
  const fields: FieldProblems[] = [];
  let more = false;
  const visit = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      if (fields.length >= max) {
        more = true;
        return;
      }
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      if (e.constraints) {
        // Nest's own words for a field no DTO declares ("property x should not exist") are English.
        const problems = Object.entries(e.constraints).map(([rule, message]) =>
          rule === 'whitelistValidation' ? `Không nhận trường “${field.slice(0, 200)}”.` : message,
        );
        fields.push({ field: field.slice(0, 200), problems: problems.slice(0, 5) });
      }
      if (e.children?.length) visit(e.children, field);
    }
  };
  visit(errors, '');
  return { fields, more };
}

/**
 * Removes own properties left `undefined`: with ES2022 class fields every declared DTO property exists
 * on the instance, so an absent field would otherwise override a stored value in `{...stored, ...input}`.
 */
function dropUndefined(value: unknown, depth = 0): void {
  if (depth > 32 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) dropUndefined(item, depth + 1);
    return;
  }
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) delete (value as Record<string, unknown>)[key];
    else dropUndefined(v, depth + 1);
  }
}

/**
 * Only when the field is sent: unlike `@IsOptional()`, `null` is validated (and so refused) like any
 * other value. For fields that cannot be cleared.
 */
export const IfPresent = () => ValidateIf((_object, value) => value !== undefined);

/**
 * DTO validation at the edge: unknown fields are refused, the first few problems are listed by field,
 * and fields that were not sent are not on the result.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    const result = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query') dropUndefined(result);
    return result;
  }
}

export function createValidationPipe() {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const { fields, more } = firstProblems(errors, MAX_LISTED_FIELDS);
      return DomainError.invalid('VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ.', {
        fields,
        ...(more ? { truncated: true } : {}),
      });
    },
  });
}
