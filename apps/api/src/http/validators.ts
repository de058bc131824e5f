import { ValidateBy, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WALL_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;

/** A date that exists on the calendar (so 2026-02-30 is refused) and a year Postgres and people can use. */
const realDate = (value: string) => {
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return parsed.isValid && parsed.year >= 1900 && parsed.year <= 9999;
};

/** `YYYY-MM-DD`, a real day. */
export function IsDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDay',
      validator: { validate: (v: unknown) => typeof v === 'string' && DAY.test(v) && realDate(v) },
    },
    options,
  );
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss]` without zone (Vietnam time), a real day and time. */
export function IsWallTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWallTime',
      validator: { validate: (v: unknown) => typeof v === 'string' && WALL_TIME.test(v) && realDate(v) },
    },
    options,
  );
}

/** A string with something other than white space in it. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isNotBlank', validator: { validate: (v: unknown) => typeof v === 'string' && v.trim().length > 0 } },
    options,
  );
}

/** The largest `offset` any list accepts: far beyond any real page, far below what Postgres would refuse. */
export const MAX_OFFSET = 1_000_000;
