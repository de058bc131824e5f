import { DomainError } from '@nhip/core';

export type CalendarEntriesErrorCode = 'CALENDAR_TOO_MANY_ENTRIES' | 'CALENDAR_RANGE_INVALID' | 'CALENDAR_ITEM_INVALID';

/** Expanding calendar items failed; `code` is stable for API clients, `message` is shown to users. */
export class CalendarEntriesError extends DomainError {
  declare readonly code: CalendarEntriesErrorCode;

  constructor(code: CalendarEntriesErrorCode, message: string, details?: unknown) {
    super('invalid', code, message, details);
    this.name = 'CalendarEntriesError';
  }
}
