import { DomainError } from '@nhip/core';

export type RecurrenceErrorCode =
  'RECURRENCE_INVALID' | 'RECURRENCE_TOO_FREQUENT' | 'RECURRENCE_TOO_MANY' | 'RECURRENCE_RANGE_INVALID';

/** A rule that cannot be expanded safely; `code` is stable for API clients, `message` is shown to users. */
export class RecurrenceError extends DomainError {
  declare readonly code: RecurrenceErrorCode;

  constructor(code: RecurrenceErrorCode, message: string) {
    super('invalid', code, message);
    this.name = 'RecurrenceError';
  }
}
