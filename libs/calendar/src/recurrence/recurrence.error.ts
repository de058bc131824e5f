export type RecurrenceErrorCode =
  | 'RECURRENCE_INVALID'
  | 'RECURRENCE_TOO_FREQUENT'
  | 'RECURRENCE_TOO_MANY'
  | 'RECURRENCE_RANGE_INVALID';

/** A rule that cannot be expanded safely; `code` is stable for API clients, `message` is shown to users. */
export class RecurrenceError extends Error {
  override readonly name = 'RecurrenceError';

  constructor(
    readonly code: RecurrenceErrorCode,
    message: string,
  ) {
    super(message);
  }
}
