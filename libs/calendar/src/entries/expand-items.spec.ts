import type { CalendarItem } from '../calendar-item';
import { RecurrenceError } from '../recurrence/recurrence.error';
import { CalendarEntriesError } from './calendar-entries.error';
import { expandCalendarItems } from './expand-items';

const agency = {
  id: '00000000-0000-4000-8000-000000000001',
  code: 'SKHCN',
  name: 'Sở Khoa học và Công nghệ tỉnh Đắk Lắk',
};

function item(overrides: Partial<CalendarItem> & Pick<CalendarItem, 'uid' | 'start' | 'end' | 'allDay'>): CalendarItem {
  return { kind: 'task', title: 'Nhiệm vụ', status: 'planned', agency, links: {}, ...overrides };
}

/** A range given in Asia/Ho_Chi_Minh wall time. */
const local = (from: string, to: string) => ({ from: new Date(`${from}+07:00`), to: new Date(`${to}+07:00`) });
const utc = (from: string, to: string) => ({ from: new Date(`${from}Z`), to: new Date(`${to}Z`) });
const starts = (items: CalendarItem[], range: { from: Date; to: Date }) =>
  expandCalendarItems(items, range).map((e) => e.start);

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('expandCalendarItems — single items', () => {
  const peak = item({
    uid: 'peak:1010',
    kind: 'peak',
    title: 'Ngày Chuyển đổi số quốc gia',
    start: '2026-10-10',
    end: '2026-10-11',
    allDay: true,
  });

  it('shows an all-day item when its local day (UTC+7 midnight to midnight) meets the range', () => {
    expect(starts([peak], local('2026-10-10T00:00', '2026-10-11T00:00'))).toEqual(['2026-10-10']);
    // 10/10 local begins at 17:00 UTC on 9/10 and ends at 17:00 UTC on 10/10.
    expect(starts([peak], utc('2026-10-09T16:00', '2026-10-09T17:00'))).toEqual([]);
    expect(starts([peak], utc('2026-10-09T16:00', '2026-10-09T17:01'))).toEqual(['2026-10-10']);
    expect(starts([peak], utc('2026-10-10T16:59', '2026-10-10T18:00'))).toEqual(['2026-10-10']);
    expect(starts([peak], utc('2026-10-10T17:00', '2026-10-11T00:00'))).toEqual([]);
    // A whole UTC day of 10/10 meets the local days 10/10 and 11/10, not 9/10.
    expect(starts([peak], utc('2026-10-10T00:00', '2026-10-11T00:00'))).toEqual(['2026-10-10']);
  });

  it('shows a timed item while it lasts, and an instant-long one only inside the range', () => {
    const bulletin = item({
      uid: 'pub:1',
      kind: 'publication',
      start: '2026-03-01T23:30:00Z',
      end: '2026-03-02T00:15:00Z',
      allDay: false,
    });
    const instant = item({
      uid: 'pub:2',
      kind: 'publication',
      start: '2026-03-02T00:00:00Z',
      end: '2026-03-02T00:00:00Z',
      allDay: false,
    });
    expect(starts([bulletin], utc('2026-03-02T00:00', '2026-03-03T00:00'))).toEqual(['2026-03-01T23:30:00.000Z']);
    expect(starts([bulletin], utc('2026-03-02T00:15', '2026-03-03T00:00'))).toEqual([]);
    expect(starts([bulletin], utc('2026-03-01T00:00', '2026-03-01T23:30'))).toEqual([]);
    expect(starts([instant], utc('2026-03-02T00:00', '2026-03-03T00:00'))).toEqual(['2026-03-02T00:00:00.000Z']);
    expect(starts([instant], utc('2026-03-01T00:00', '2026-03-02T00:00'))).toEqual([]);
  });

  it('returns entries shaped for the calendar API: id is the uid, no series fields', () => {
    const [entry] = expandCalendarItems(
      [
        item({
          uid: 'task:7',
          title: 'Xây dựng chuyên mục',
          start: '2026-05-01',
          end: '2026-05-04',
          allDay: true,
          categories: ['NQ57'],
        }),
      ],
      local('2026-05-02T00:00', '2026-05-03T00:00'),
    );
    expect(entry).toEqual({
      id: 'task:7',
      kind: 'task',
      title: 'Xây dựng chuyên mục',
      start: '2026-05-01',
      end: '2026-05-04',
      allDay: true,
      status: 'planned',
      agency,
      links: {},
      categories: ['NQ57'],
    });
  });
});

describe('expandCalendarItems — series', () => {
  const reports = item({
    uid: 'report:h',
    kind: 'report',
    title: 'Báo cáo sơ kết',
    start: '2025-06-20',
    end: '2025-06-21',
    allDay: true,
    rrule: 'FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=20',
    exdates: ['2026-12-20'],
  });
  // Mondays and Thursdays at 06:30 in Vietnam, which is 23:30 UTC the day before.
  const bulletins = item({
    uid: 'pub:loa',
    kind: 'publication',
    title: 'Bản tin loa',
    start: '2026-01-04T23:30:00Z',
    end: '2026-01-04T23:45:00Z',
    allDay: false,
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20260131T235959',
    exdates: ['2026-01-14T23:30:00Z'],
    status: 'scheduled',
  });

  it('expands an all-day yearly series into local days, keeping the length and honouring EXDATE', () => {
    const entries = expandCalendarItems([reports], local('2025-01-01T00:00', '2028-01-01T00:00'));
    expect(entries.map((e) => [e.id, e.start, e.end, e.seriesId])).toEqual([
      ['report:h@2025-06-20', '2025-06-20', '2025-06-21', 'report:h'],
      ['report:h@2025-12-20', '2025-12-20', '2025-12-21', 'report:h'],
      ['report:h@2026-06-20', '2026-06-20', '2026-06-21', 'report:h'],
      ['report:h@2027-06-20', '2027-06-20', '2027-06-21', 'report:h'],
      ['report:h@2027-12-20', '2027-12-20', '2027-12-21', 'report:h'],
    ]);
    expect(entries[0]).not.toHaveProperty('rrule');
    expect(entries[0]).not.toHaveProperty('exdates');
    expect(entries[0]).not.toHaveProperty('uid');
  });

  it('expands a timed series in Vietnamese wall time, across UTC midnight, with its EXDATE and UNTIL', () => {
    const entries = expandCalendarItems([bulletins], local('2026-01-01T00:00', '2026-03-01T00:00'));
    expect(entries.map((e) => e.start)).toEqual([
      '2026-01-04T23:30:00.000Z', // Mon 5/1
      '2026-01-07T23:30:00.000Z', // Thu 8/1
      '2026-01-11T23:30:00.000Z', // Mon 12/1 (Thu 15/1 excluded)
      '2026-01-18T23:30:00.000Z',
      '2026-01-21T23:30:00.000Z',
      '2026-01-25T23:30:00.000Z',
      '2026-01-28T23:30:00.000Z', // Thu 29/1; UNTIL is the end of 31/1 local
    ]);
    expect(entries[0]).toMatchObject({
      id: 'pub:loa@2026-01-04T23:30:00.000Z',
      seriesId: 'pub:loa',
      end: '2026-01-04T23:45:00.000Z',
    });
  });

  it('uses the range in instants: a UTC-midnight range leaves out the 06:30 start that is 23:30 UTC the day before', () => {
    expect(starts([bulletins], utc('2026-01-05T00:00', '2026-01-12T00:00'))).toEqual([
      '2026-01-07T23:30:00.000Z',
      '2026-01-11T23:30:00.000Z',
    ]);
  });

  it('keeps an occurrence that began before the range and is still running', () => {
    const window = item({
      uid: 'peak:w',
      kind: 'peak',
      start: '2026-01-05',
      end: '2026-01-08',
      allDay: true,
      rrule: 'FREQ=MONTHLY;BYDAY=1MO',
    });
    expect(starts([window], local('2026-02-03T00:00', '2026-02-04T00:00'))).toEqual(['2026-02-02']);
    expect(starts([window], local('2026-02-05T00:00', '2026-02-06T00:00'))).toEqual([]);
  });

  it('treats a day-form EXDATE on a timed series as every start on that local day', () => {
    const twice = item({
      uid: 'pub:2x',
      start: '2026-01-04T23:00:00Z',
      end: '2026-01-04T23:10:00Z',
      allDay: false,
      rrule: 'FREQ=DAILY;BYHOUR=6,17;BYMINUTE=0;COUNT=6',
      exdates: ['2026-01-06'],
    });
    expect(starts([twice], local('2026-01-01T00:00', '2026-02-01T00:00'))).toEqual([
      '2026-01-04T23:00:00.000Z',
      '2026-01-05T10:00:00.000Z',
      '2026-01-06T23:00:00.000Z',
      '2026-01-07T10:00:00.000Z',
    ]);
  });

  it('lets an invalid rule surface as the recurrence engine’s error', () => {
    const flood = item({
      uid: 'x',
      start: '2026-01-01T00:00:00Z',
      end: '2026-01-01T00:01:00Z',
      allDay: false,
      rrule: 'FREQ=SECONDLY',
    });
    const error = caught(() => expandCalendarItems([flood], local('2026-01-01T00:00', '2026-01-02T00:00')));
    expect(error).toBeInstanceOf(RecurrenceError);
    expect((error as RecurrenceError).code).toBe('RECURRENCE_TOO_FREQUENT');
  });
});

describe('expandCalendarItems — order and bounds', () => {
  it('sorts by start instant (all-day at local midnight), then by title in Vietnamese order', () => {
    const items = [
      item({ uid: 'b', title: 'Ông', start: '2026-03-02', end: '2026-03-03', allDay: true }),
      item({ uid: 'c', title: 'Ánh', start: '2026-03-01T23:30:00Z', end: '2026-03-01T23:45:00Z', allDay: false }),
      item({ uid: 'a', title: 'Ô tô', start: '2026-03-02', end: '2026-03-03', allDay: true }),
      item({ uid: 'd', title: 'Anh', start: '2026-03-01T16:00:00Z', end: '2026-03-01T16:30:00Z', allDay: false }),
      item({ uid: 'e', title: 'Đào', start: '2026-03-02', end: '2026-03-03', allDay: true }),
      item({ uid: 'f', title: 'Dung', start: '2026-03-02', end: '2026-03-03', allDay: true }),
    ];
    const entries = expandCalendarItems(items, utc('2026-03-01T00:00', '2026-03-03T00:00'));
    // 16:00 UTC 1/3 is before local midnight of 2/3 (17:00 UTC); Vietnamese orders D < Đ and O < Ô.
    expect(entries.map((e) => e.title)).toEqual(['Anh', 'Dung', 'Đào', 'Ô tô', 'Ông', 'Ánh']);
  });

  it('returns up to maxEntries and refuses more with CALENDAR_TOO_MANY_ENTRIES and a Vietnamese message', () => {
    const daily = item({ uid: 'd', start: '2026-01-01', end: '2026-01-02', allDay: true, rrule: 'FREQ=DAILY' });
    expect(
      expandCalendarItems([daily], local('2026-01-01T00:00', '2026-01-11T00:00'), { maxEntries: 10 }),
    ).toHaveLength(10);
    const error = caught(() =>
      expandCalendarItems([daily], local('2026-01-01T00:00', '2026-01-12T00:00'), { maxEntries: 10 }),
    );
    expect(error).toBeInstanceOf(CalendarEntriesError);
    expect(error).toMatchObject({ kind: 'invalid', code: 'CALENDAR_TOO_MANY_ENTRIES', details: { maxEntries: 10 } });
    expect((error as Error).message).toBe(
      'Khoảng thời gian đã chọn có hơn 10 mục lịch; hãy thu hẹp khoảng thời gian hoặc thêm bộ lọc.',
    );
  });

  it('counts single items and series together against the bound, and defaults to 5000', () => {
    const singles = Array.from({ length: 3 }, (_, i) =>
      item({ uid: `s${i}`, start: '2026-01-02', end: '2026-01-03', allDay: true }),
    );
    const daily = item({ uid: 'd', start: '2026-01-01', end: '2026-01-02', allDay: true, rrule: 'FREQ=DAILY' });
    expect(
      expandCalendarItems([...singles, daily], local('2026-01-01T00:00', '2026-01-08T00:00'), { maxEntries: 10 }),
    ).toHaveLength(10);
    expect(
      caught(() =>
        expandCalendarItems([...singles, daily], local('2026-01-01T00:00', '2026-01-09T00:00'), { maxEntries: 10 }),
      ),
    ).toMatchObject({
      code: 'CALENDAR_TOO_MANY_ENTRIES',
    });
    const hourly = item({
      uid: 'h',
      start: '2026-01-01T00:00:00Z',
      end: '2026-01-01T00:30:00Z',
      allDay: false,
      rrule: 'FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0',
    });
    expect(caught(() => expandCalendarItems([hourly], local('2026-01-01T00:00', '2027-01-01T00:00')))).toMatchObject({
      code: 'CALENDAR_TOO_MANY_ENTRIES',
      details: { maxEntries: 5000 },
    });
  });

  it('rejects a reversed range and malformed items', () => {
    expect(caught(() => expandCalendarItems([], local('2026-01-02T00:00', '2026-01-01T00:00')))).toMatchObject({
      code: 'CALENDAR_RANGE_INVALID',
    });
    const range = local('2026-01-01T00:00', '2026-02-01T00:00');
    for (const bad of [
      item({ uid: 'x', start: '2026-01-05', end: '2026-01-05', allDay: true }),
      item({ uid: 'x', start: '2026-02-30', end: '2026-03-01', allDay: true }),
      item({ uid: 'x', start: '2026-01-05', end: '2026-01-06', allDay: false }),
      item({ uid: 'x', start: '2026-01-05T10:00:00Z', end: '2026-01-05T09:00:00Z', allDay: false }),
    ]) {
      expect(caught(() => expandCalendarItems([bad], range))).toMatchObject({
        code: 'CALENDAR_ITEM_INVALID',
        details: { uid: 'x' },
      });
    }
  });
});
