import { RecurrenceError } from './recurrence.error';
import { expandRecurrence, parseRecurrenceText, validateRecurrence } from './recurrence';

const utc = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

function errorOf(fn: () => unknown): RecurrenceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RecurrenceError) return error;
    throw error;
  }
  throw new Error('expected a RecurrenceError');
}

describe('expandRecurrence', () => {
  const january = { from: utc('2026-01-01T00:00:00Z'), to: utc('2026-02-01T00:00:00Z') };

  it('keeps 06:30 Hanoi wall time, which is 23:30 UTC on the previous day', () => {
    const starts = expandRecurrence({ rrule: 'FREQ=DAILY;COUNT=3', dtstart: '2026-01-05T06:30' }, january);
    expect(iso(starts)).toEqual(['2026-01-04T23:30:00.000Z', '2026-01-05T23:30:00.000Z', '2026-01-06T23:30:00.000Z']);
  });

  it('expands BYDAY in local days even when the UTC day differs', () => {
    const starts = expandRecurrence(
      { rrule: 'RRULE:FREQ=WEEKLY;BYDAY=MO', dtstart: '2026-01-05T06:30' },
      { from: utc('2026-01-01T00:00:00Z'), to: utc('2026-01-20T00:00:00Z') },
    );
    // Mondays 5, 12, 19 January at 06:30 local = Sundays 23:30 UTC.
    expect(iso(starts)).toEqual(['2026-01-04T23:30:00.000Z', '2026-01-11T23:30:00.000Z', '2026-01-18T23:30:00.000Z']);
  });

  it('drops EXDATEs given as local wall time, as an instant, or as a whole local day', () => {
    const starts = expandRecurrence(
      {
        rrule: 'FREQ=DAILY;BYHOUR=6,17;BYMINUTE=0',
        dtstart: '2026-10-03T06:00',
        exdates: ['2026-10-04T17:00', utc('2026-10-04T23:00:00Z'), '2026-10-06'],
      },
      { from: utc('2026-10-02T17:00:00Z'), to: utc('2026-10-06T17:00:00Z') },
    );
    expect(iso(starts)).toEqual([
      '2026-10-02T23:00:00.000Z', // 03/10 06:00
      '2026-10-03T10:00:00.000Z', // 03/10 17:00
      '2026-10-03T23:00:00.000Z', // 04/10 06:00
      '2026-10-05T10:00:00.000Z', // 05/10 17:00 (05/10 06:00 excluded as an instant)
    ]);
  });

  it('applies COUNT before EXDATE, as RFC 5545 requires', () => {
    const starts = expandRecurrence(
      { rrule: 'FREQ=DAILY;COUNT=3', dtstart: '2026-01-05T08:00', exdates: ['2026-01-06T08:00'] },
      january,
    );
    expect(iso(starts)).toEqual(['2026-01-05T01:00:00.000Z', '2026-01-07T01:00:00.000Z']);
  });

  it('returns only starts inside [from, to)', () => {
    const starts = expandRecurrence(
      { rrule: 'FREQ=DAILY', dtstart: '2025-12-01T07:00' },
      { from: utc('2026-01-10T00:00:00Z'), to: utc('2026-01-12T00:00:00Z') },
    );
    expect(iso(starts)).toEqual(['2026-01-10T00:00:00.000Z', '2026-01-11T00:00:00.000Z']);
  });

  it('reads UNTIL with Z as an instant and without Z as local time', () => {
    const withZ = expandRecurrence(
      { rrule: 'FREQ=DAILY;UNTIL=20260106T233000Z', dtstart: '2026-01-05T06:30' },
      january,
    );
    expect(withZ).toHaveLength(3);
    const floating = expandRecurrence(
      { rrule: 'FREQ=DAILY;UNTIL=20260106T063000', dtstart: '2026-01-05T06:30' },
      january,
    );
    expect(floating).toHaveLength(2);
  });

  it('expands the half-yearly report rule to local midnights of 20/6 and 20/12', () => {
    const starts = expandRecurrence(
      { rrule: 'FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=20', dtstart: '2026-01-01' },
      { from: utc('2026-01-01T00:00:00Z'), to: utc('2027-01-01T00:00:00Z') },
    );
    expect(iso(starts)).toEqual(['2026-06-19T17:00:00.000Z', '2026-12-19T17:00:00.000Z']);
  });

  it('reads the iCalendar form with TZID, floating and UTC times', () => {
    const rule = parseRecurrenceText(
      [
        'DTSTART;TZID=Asia/Ho_Chi_Minh:20260105T063000',
        'RRULE:FREQ=DAILY;COUNT=4',
        'EXDATE;TZID=Asia/Ho_Chi_Minh:20260106T063000',
        'EXDATE:20260106T233000Z',
      ].join('\r\n'),
    );
    // Local starts 05, 06, 07, 08/01 06:30; the 06/01 local and the 07/01 (= 06/01 23:30Z) are excluded.
    expect(iso(expandRecurrence(rule, january))).toEqual(['2026-01-04T23:30:00.000Z', '2026-01-07T23:30:00.000Z']);
  });

  it('rejects another TZID in the iCalendar form', () => {
    const error = errorOf(() => parseRecurrenceText('DTSTART;TZID=Europe/Paris:20260105T063000\nRRULE:FREQ=DAILY'));
    expect(error.code).toBe('RECURRENCE_INVALID');
    expect(error.message).toContain('Europe/Paris');
  });

  describe('guards', () => {
    it.each(['SECONDLY', 'MINUTELY', 'HOURLY'])('rejects FREQ=%s as too frequent', (freq) => {
      const error = errorOf(() => expandRecurrence({ rrule: `FREQ=${freq}`, dtstart: '2026-01-01T00:00' }, january));
      expect(error.code).toBe('RECURRENCE_TOO_FREQUENT');
      expect(error.message).toContain(freq);
    });

    it('rejects a daily rule that packs more than 24 starts into a day', () => {
      const minutes = Array.from({ length: 60 }, (_, i) => i).join(',');
      const error = errorOf(() =>
        validateRecurrence({ rrule: `FREQ=DAILY;BYHOUR=6,7;BYMINUTE=${minutes}`, dtstart: '2026-01-01T00:00' }),
      );
      expect(error.code).toBe('RECURRENCE_TOO_FREQUENT');
      expect(error.message).toBe('Quy tắc lặp tạo 120 lần trong một ngày; tối đa 24 lần/ngày.');
    });

    it('refuses more than maxCount starts, and the limit is configurable', () => {
      const rule = { rrule: 'FREQ=DAILY', dtstart: '2026-01-01T08:00' };
      const range = { from: utc('2026-01-01T00:00:00Z'), to: utc('2029-01-01T00:00:00Z') };
      expect(errorOf(() => expandRecurrence(rule, range)).code).toBe('RECURRENCE_TOO_MANY');
      expect(errorOf(() => expandRecurrence(rule, january, { maxCount: 10 })).code).toBe('RECURRENCE_TOO_MANY');
      expect(expandRecurrence(rule, january, { maxCount: 31 })).toHaveLength(31);
      expect(expandRecurrence(rule, range, { maxCount: 5, overflow: 'truncate' })).toHaveLength(5);
    });

    it('gives up when DTSTART lies too far before the range', () => {
      const hours = Array.from({ length: 24 }, (_, i) => i).join(',');
      const error = errorOf(() =>
        expandRecurrence({ rrule: `FREQ=DAILY;BYHOUR=${hours}`, dtstart: '1975-01-01T00:00' }, january),
      );
      expect(error.code).toBe('RECURRENCE_TOO_MANY');
    });

    it('rejects a rule that can never happen instead of spinning', () => {
      const started = Date.now();
      const error = errorOf(() =>
        expandRecurrence({ rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', dtstart: '2026-01-01T00:00' }, january),
      );
      expect(error.code).toBe('RECURRENCE_INVALID');
      expect(Date.now() - started).toBeLessThan(500);
    });

    it('stays fast for a rule whose last start is before the range', () => {
      const started = Date.now();
      const starts = expandRecurrence(
        { rrule: 'FREQ=DAILY;BYMONTH=1;UNTIL=20200201T000000Z', dtstart: '2020-01-01T00:00' },
        { from: utc('2030-01-01T00:00:00Z'), to: utc('2030-03-01T00:00:00Z') },
      );
      expect(starts).toEqual([]);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('walks a bounded stretch when a rule runs out of starts', () => {
      const started = Date.now();
      const starts = expandRecurrence(
        { rrule: 'FREQ=MONTHLY;BYSETPOS=10;BYDAY=MO', dtstart: '2026-01-01T00:00' },
        january,
      );
      expect(starts).toEqual([]);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it.each([
      ['', 'để trống'],
      ['FREQ=FOO', 'FOO'],
      ['FREQ=DAILY;FOO=1', 'FOO'],
      ['FREQ=DAILY;INTERVAL=x', 'INTERVAL'],
      ['FREQ=DAILY;BYHOUR=25', 'BYHOUR'],
      ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY'],
      ['BYDAY=MO', 'FREQ'],
      ['FREQ=DAILY;COUNT=2;UNTIL=20260101', 'COUNT'],
      ['FREQ=DAILY;FREQ=WEEKLY', 'nhiều lần'],
      ['FREQ=WEEKLY;BYDAY=2MO', 'BYDAY'],
      ['FREQ=DAILY;BYSETPOS=2', 'BYSETPOS'],
      ['FREQ=DAILY;BYYEARDAY=366;BYMONTH=1', 'BYYEARDAY'],
      ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY'],
      ['FREQ=YEARLY;BYWEEKNO=54', 'BYWEEKNO'],
      ['FREQ=DAILY;INTERVAL=7;BYDAY=TU', 'bội của 7'],
    ])('rejects %j as RECURRENCE_INVALID', (rrule, fragment) => {
      const error = errorOf(() => validateRecurrence({ rrule, dtstart: '2026-01-05T06:30' }));
      expect(error.code).toBe('RECURRENCE_INVALID');
      expect(error.message).toContain(fragment);
    });

    it('rejects a malformed DTSTART and an inverted range', () => {
      expect(errorOf(() => validateRecurrence({ rrule: 'FREQ=DAILY', dtstart: '05/01/2026' })).code).toBe(
        'RECURRENCE_INVALID',
      );
      expect(errorOf(() => validateRecurrence({ rrule: 'FREQ=DAILY', dtstart: '2026-02-30' })).code).toBe(
        'RECURRENCE_INVALID',
      );
      const error = errorOf(() =>
        expandRecurrence({ rrule: 'FREQ=DAILY', dtstart: '2026-01-01' }, { from: january.to, to: january.from }),
      );
      expect(error.code).toBe('RECURRENCE_RANGE_INVALID');
    });
  });
});
