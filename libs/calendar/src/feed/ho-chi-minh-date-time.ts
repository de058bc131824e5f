import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { LOCAL_UTC_OFFSET_MS } from '../entries/local-day';
import { CALENDAR_TIME_ZONE } from '../recurrence/recurrence';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function onlyOurZone(timeZone: string): void {
  if (timeZone !== CALENDAR_TIME_ZONE) throw new RangeError(`Only ${CALENDAR_TIME_ZONE} is supported, not ${timeZone}`);
}

class WallDateTime implements ICalTemporalPlainDateTimeStub {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    private readonly epochMilliseconds: number,
  ) {}

  toPlainDate(): ICalTemporalPlainDateStub {
    const text = this.toString().slice(0, 10);
    return { year: this.year, month: this.month, day: this.day, toJSON: () => text, toString: () => text };
  }

  toZonedDateTime(timeZone: string): ICalTemporalZonedDateTimeStub {
    onlyOurZone(timeZone);
    return new HoChiMinhDateTime(this.epochMilliseconds);
  }

  toJSON(): string {
    return this.toString();
  }

  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}T${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}`;
  }
}

/**
 * An instant seen in Asia/Ho_Chi_Minh, in the Temporal.ZonedDateTime shape that ical-generator writes
 * as `DTSTART;TZID=Asia/Ho_Chi_Minh:<wall time>`. With a TZID, ical-generator writes a plain Date in the
 * server's own time zone, and a luxon DateTime in this zone costs an Intl lookup per value; the zone's
 * fixed UTC+7 makes the wall fields plain arithmetic.
 */
export class HoChiMinhDateTime implements ICalTemporalZonedDateTimeStub {
  readonly timeZoneId = CALENDAR_TIME_ZONE;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;

  constructor(readonly epochMilliseconds: number) {
    const wall = new Date(epochMilliseconds + LOCAL_UTC_OFFSET_MS);
    this.year = wall.getUTCFullYear();
    this.month = wall.getUTCMonth() + 1;
    this.day = wall.getUTCDate();
    this.hour = wall.getUTCHours();
    this.minute = wall.getUTCMinutes();
    this.second = wall.getUTCSeconds();
  }

  withTimeZone(timeZone: string): ICalTemporalZonedDateTimeStub {
    onlyOurZone(timeZone);
    return this;
  }

  toPlainDateTime(): ICalTemporalPlainDateTimeStub {
    return new WallDateTime(
      this.year,
      this.month,
      this.day,
      this.hour,
      this.minute,
      this.second,
      this.epochMilliseconds,
    );
  }

  toInstant(): ICalTemporalInstantStub {
    const epochMilliseconds = this.epochMilliseconds;
    const text = new Date(epochMilliseconds).toISOString();
    return {
      epochMilliseconds,
      toJSON: () => text,
      toString: () => text,
      toZonedDateTimeISO: (timeZone: string) => {
        onlyOurZone(timeZone);
        return this;
      },
    };
  }

  toJSON(): string {
    return this.toString();
  }

  toString(): string {
    return `${this.toPlainDateTime().toString()}+07:00[${CALENDAR_TIME_ZONE}]`;
  }
}
