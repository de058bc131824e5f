import { nodeIcalOccurrences, parseIcs as parse, unfolded, urlOf } from '../../../../test/support/ical-occurrences';
import type { CalendarItem } from '../calendar-item';
import { expandCalendarItems } from '../entries/expand-items';
import { icalStatusOf, IcalFeedOptions, renderIcalFeed } from './ical-feed';

const STAMP = new Date('2026-05-01T00:00:00Z');
const province = { id: '00000000-0000-4000-8000-000000000001', code: 'UBND-DL', name: 'Ủy ban nhân dân tỉnh Đắk Lắk' };
const commune = { id: '00000000-0000-4000-8000-000000000002', code: 'EAKAO', name: 'Ủy ban nhân dân xã Ea Kao' };
const loudspeaker = { type: 'loudspeaker' as const, accountId: 'acc-1', name: 'Đài truyền thanh xã Ea Kao' };
const facebook = { type: 'facebook' as const, accountId: 'acc-2', name: 'Trang Sở Khoa học và Công nghệ' };

const ITEMS: CalendarItem[] = [
  {
    uid: 'peak:national:digital-transformation-day:2026',
    kind: 'peak',
    title: 'Ngày Chuyển đổi số quốc gia 10/10',
    start: '2026-10-10',
    end: '2026-10-11',
    allDay: true,
    status: 'confirmed',
    agency: null,
    links: {},
  },
  {
    uid: 'task:q2',
    kind: 'task',
    title: 'Nhiệm vụ 2.1: Tập huấn kỹ năng truyền thông số cho cán bộ cơ sở',
    start: '2026-04-01',
    end: '2026-07-01',
    allDay: true,
    status: 'draft',
    agency: province,
    links: { self: '/api/v1/calendar/items/task:q2' },
  },
  {
    // 06:30–07:15 on 2 March in Vietnam is 23:30 UTC on 1 March.
    uid: 'publication:dawn',
    kind: 'publication',
    title: 'Cảnh giác lừa đảo trực tuyến qua điện thoại',
    description: 'Bài viết kèm ảnh minh họa.',
    start: '2026-03-01T23:30:00Z',
    end: '2026-03-02T00:15:00Z',
    allDay: false,
    status: 'published',
    agency: commune,
    channel: facebook,
    links: { self: 'https://nhip.example.gov.vn/lich/publication/dawn' },
  },
  {
    uid: 'publication:cancelled',
    kind: 'publication',
    title: 'Phát sóng hướng dẫn VNeID',
    start: '2026-06-20T07:00:00Z',
    end: '2026-06-20T07:30:00Z',
    allDay: false,
    status: 'cancelled',
    agency: commune,
    channel: loudspeaker,
    links: {},
  },
  {
    uid: 'report:half-year',
    kind: 'report',
    title: 'Báo cáo sơ kết 6 tháng thực hiện Nghị quyết 57-NQ/TW',
    start: '2025-06-20',
    end: '2025-06-21',
    allDay: true,
    rrule: 'FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=20',
    exdates: ['2026-12-20'],
    status: 'planned',
    agency: province,
    links: {},
    categories: ['Báo cáo định kỳ'],
  },
  {
    uid: 'peak:national:science-day',
    kind: 'peak',
    title: 'Ngày Khoa học và Công nghệ Việt Nam 18/5',
    start: '2025-05-18',
    end: '2025-05-19',
    allDay: true,
    rrule: 'FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=18',
    status: 'confirmed',
    agency: null,
    links: {},
  },
  {
    // Mondays and Thursdays at 06:30 in Vietnam: Sundays and Wednesdays at 23:30 UTC.
    uid: 'publication:bulletin',
    kind: 'publication',
    title: 'Bản tin loa truyền thanh buổi sáng',
    start: '2026-01-04T23:30:00Z',
    end: '2026-01-04T23:45:00Z',
    allDay: false,
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261231T235959',
    exdates: ['2026-03-04T23:30:00Z', '2026-08-30T23:30:00.000Z'],
    status: 'scheduled',
    agency: commune,
    channel: loudspeaker,
    links: {},
  },
  {
    uid: 'publication:evening',
    kind: 'publication',
    title: 'Điểm tin buổi tối',
    start: '2026-02-25T15:00:00Z',
    end: '2026-02-25T15:20:00Z',
    allDay: false,
    rrule: 'FREQ=DAILY;COUNT=40',
    status: 'submitted',
    agency: commune,
    channel: loudspeaker,
    links: {},
  },
  {
    // 00:15 on Saturdays in Vietnam is 17:15 UTC on Fridays.
    uid: 'publication:midnight',
    kind: 'publication',
    title: 'Chuyên mục cuối tuần',
    start: '2026-01-02T17:15:00Z',
    end: '2026-01-02T17:45:00Z',
    allDay: false,
    rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=20',
    status: 'approved',
    agency: commune,
    channel: loudspeaker,
    links: {},
  },
  {
    uid: 'peak:first-week',
    kind: 'peak',
    title: 'Tuần cao điểm đầu tháng',
    start: '2026-01-05',
    end: '2026-01-08',
    allDay: true,
    rrule: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=20261231',
    status: 'confirmed',
    agency: province,
    links: {},
  },
  {
    uid: 'publication:twice-daily',
    kind: 'publication',
    title: 'Phát thanh hai lần mỗi ngày',
    start: '2026-01-04T23:00:00Z',
    end: '2026-01-04T23:10:00Z',
    allDay: false,
    rrule: 'FREQ=DAILY;BYHOUR=6,17;BYMINUTE=0;COUNT=10',
    exdates: ['2026-01-07'],
    status: 'scheduled',
    agency: commune,
    channel: loudspeaker,
    links: {},
  },
];

const OPTIONS: IcalFeedOptions = {
  name: 'Lịch truyền thông, tỉnh Đắk Lắk',
  description: 'Bài đăng; nhiệm vụ và hạn báo cáo',
  url: 'https://nhip.example.gov.vn/feeds/abc.ics',
  refreshMinutes: 30,
  stamp: STAMP,
};

const render = (items: CalendarItem[] = ITEMS, options: Partial<IcalFeedOptions> = {}) =>
  renderIcalFeed(items, { ...OPTIONS, ...options });

const local = (from: string, to: string) => ({ from: new Date(`${from}+07:00`), to: new Date(`${to}+07:00`) });
const utc = (from: string, to: string) => ({ from: new Date(`${from}Z`), to: new Date(`${to}Z`) });

describe('renderIcalFeed — the occurrences a calendar app sees equal the calendar API entries', () => {
  const { events } = parse(render());

  it.each([
    ['the year 2026 in Vietnam', local('2026-01-01T00:00', '2027-01-01T00:00')],
    ['2025 to 2027', local('2025-01-01T00:00', '2028-01-01T00:00')],
    ['a local week in March', local('2026-03-02T00:00', '2026-03-09T00:00')],
    ['a week cut at UTC midnight', utc('2026-01-05T00:00', '2026-01-12T00:00')],
    ['two days cut mid-day', utc('2026-06-20T03:00', '2026-06-22T05:00')],
    ['one local day in February', local('2026-02-02T00:00', '2026-02-03T00:00')],
  ])('for %s', (_name, range) => {
    const expected = expandCalendarItems(ITEMS, range).map((entry) => `${entry.seriesId ?? entry.id}|${entry.start}`);
    const actual = [...events.values()].flatMap((event) => nodeIcalOccurrences(event, range));
    expect(expected.length).toBeGreaterThan(0);
    expect(actual.sort()).toEqual([...expected].sort());
  });

  it('covers the cases that go wrong: 06:30 local starts, EXDATEs, UNTIL and the series counts', () => {
    const year = local('2026-01-01T00:00', '2027-01-01T00:00');
    const entries = expandCalendarItems(ITEMS, year);
    const of = (uid: string) =>
      entries.filter((entry) => (entry.seriesId ?? entry.id) === uid).map((entry) => entry.start);
    const bulletins = of('publication:bulletin');
    // 52 weeks × 2 from Mon 5/1 to Thu 31/12, less the two EXDATEs.
    expect(bulletins).toHaveLength(102);
    expect(bulletins[0]).toBe('2026-01-04T23:30:00.000Z');
    expect(bulletins).not.toContain('2026-03-04T23:30:00.000Z');
    expect(bulletins).not.toContain('2026-08-30T23:30:00.000Z');
    expect(bulletins.at(-1)).toBe('2026-12-30T23:30:00.000Z');
    expect(of('report:half-year')).toEqual(['2026-06-20']);
    expect(of('publication:evening')).toHaveLength(40);
    expect(of('publication:midnight')[0]).toBe('2026-01-02T17:15:00.000Z');
    expect(of('publication:twice-daily')).toHaveLength(8);
    expect(of('peak:first-week')).toHaveLength(12);
  });
});

describe('renderIcalFeed — the iCalendar text', () => {
  const text = render();
  const lines = unfolded(text);
  const eventLines = (uid: string) => {
    const start = lines.indexOf(`UID:${uid}@nhip`);
    return lines.slice(start, lines.indexOf('END:VEVENT', start));
  };

  it('is well-formed: CRLF lines of at most 75 octets, properties before components, balanced blocks', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = text.split('\r\n');
    expect(physical.filter((line) => Buffer.byteLength(line, 'utf8') > 75)).toEqual([]);
    const firstComponent = lines.findIndex((line, i) => i > 0 && line.startsWith('BEGIN:'));
    expect(
      lines.slice(firstComponent).filter((line) => /^(X-WR-|REFRESH-INTERVAL|X-PUBLISHED-TTL|NAME:)/.test(line)),
    ).toEqual([]);
    for (const name of ['VCALENDAR', 'VTIMEZONE', 'STANDARD', 'VEVENT']) {
      expect(lines.filter((line) => line === `BEGIN:${name}`).length).toBe(
        lines.filter((line) => line === `END:${name}`).length,
      );
    }
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(ITEMS.length);
  });

  it('names the calendar, its time zone and refresh interval, with one VTIMEZONE for UTC+7', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'PRODID:-//Nhip//Lich truyen thong//VI',
        'X-WR-CALNAME:Lịch truyền thông\\, tỉnh Đắk Lắk',
        'X-WR-CALDESC:Bài đăng\\; nhiệm vụ và hạn báo cáo',
        'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
        'REFRESH-INTERVAL;VALUE=DURATION:PT30M',
        'X-PUBLISHED-TTL:PT30M',
        'METHOD:PUBLISH',
      ]),
    );
    const zone = lines.slice(lines.indexOf('BEGIN:VTIMEZONE'), lines.indexOf('END:VTIMEZONE') + 1);
    expect(zone).toEqual(expect.arrayContaining(['TZID:Asia/Ho_Chi_Minh', 'TZOFFSETFROM:+0700', 'TZOFFSETTO:+0700']));
    expect(lines.filter((line) => line === 'BEGIN:VTIMEZONE')).toHaveLength(1);
    const { calendar } = parse(text);
    expect(calendar['WR-CALNAME']).toBe('Lịch truyền thông, tỉnh Đắk Lắk');
    expect(calendar['WR-TIMEZONE']).toBe('Asia/Ho_Chi_Minh');
  });

  it('writes all-day items as VALUE=DATE, single timed items in UTC, and timed series in Asia/Ho_Chi_Minh', () => {
    expect(eventLines('task:q2')).toEqual(
      expect.arrayContaining(['DTSTART;VALUE=DATE:20260401', 'DTEND;VALUE=DATE:20260701']),
    );
    expect(eventLines('publication:dawn')).toEqual(
      expect.arrayContaining(['DTSTART:20260301T233000Z', 'DTEND:20260302T001500Z']),
    );
    expect(eventLines('publication:bulletin')).toEqual(
      expect.arrayContaining([
        'DTSTART;TZID=Asia/Ho_Chi_Minh:20260105T063000',
        'DTEND;TZID=Asia/Ho_Chi_Minh:20260105T064500',
        // The local end of 31/12 as UTC, as RFC 5545 requires with a TZID start.
        'RRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261231T165959Z',
        'EXDATE;TZID=Asia/Ho_Chi_Minh:20260305T063000,20260831T063000',
      ]),
    );
    expect(eventLines('report:half-year')).toEqual(
      expect.arrayContaining(['RRULE:FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=20', 'EXDATE;VALUE=DATE:20261220']),
    );
    expect(eventLines('peak:first-week')).toEqual(
      expect.arrayContaining(['RRULE:FREQ=MONTHLY;BYDAY=1MO;UNTIL=20261231']),
    );
    // A whole-day EXDATE of a timed series becomes each start on that day.
    expect(eventLines('publication:twice-daily')).toEqual(
      expect.arrayContaining(['EXDATE;TZID=Asia/Ho_Chi_Minh:20260107T060000,20260107T170000']),
    );
    expect(
      lines.filter((line) => line.startsWith('DTSTAMP:')).every((line) => line === 'DTSTAMP:20260501T000000Z'),
    ).toBe(true);
  });

  it('never reads a Date in the server’s own time zone', () => {
    const localGetters = [
      'getFullYear',
      'getMonth',
      'getDate',
      'getDay',
      'getHours',
      'getMinutes',
      'getSeconds',
      'getTimezoneOffset',
    ] as const;
    const spies = localGetters.map((name) =>
      jest.spyOn(Date.prototype, name).mockImplementation(() => {
        throw new Error(`Date.prototype.${name} reads the server's time zone`);
      }),
    );
    try {
      expect(render()).toBe(text);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it('gives each event a stable UID, its status, categories, a URL back to the item and a Vietnamese description', () => {
    const { events } = parse(text);
    const dawn = events.get('publication:dawn@nhip')!;
    expect(dawn.status).toBe('CONFIRMED');
    expect(dawn.categories).toEqual(['publication', 'facebook']);
    expect(urlOf(dawn)).toBe('https://nhip.example.gov.vn/lich/publication/dawn');
    expect(dawn.description).toBe(
      'Bài viết kèm ảnh minh họa.\n\nLoại: Bài đăng\nCơ quan: Ủy ban nhân dân xã Ea Kao\nKênh: Trang Facebook — Trang Sở Khoa học và Công nghệ\nTrạng thái: Đã đăng',
    );
    expect(dawn.transparency).toBe('TRANSPARENT');
    const task = events.get('task:q2@nhip')!;
    expect(task.status).toBe('TENTATIVE');
    expect(urlOf(task)).toBe('https://nhip.example.gov.vn/api/v1/calendar/items/task:q2');
    expect(events.get('publication:cancelled@nhip')!.status).toBe('CANCELLED');
    expect(events.get('report:half-year@nhip')!.categories).toEqual(['report', 'Báo cáo định kỳ']);
    expect(urlOf(events.get('peak:national:digital-transformation-day:2026@nhip')!)).toBeUndefined();
    // Without a feed URL a relative link has nothing to resolve against and is left out.
    expect(urlOf(parse(render(ITEMS, { url: undefined })).events.get('task:q2@nhip')!)).toBeUndefined();
    // The same items render the same bytes when the stamp is fixed (ETag).
    expect(render()).toBe(text);
  });

  it('maps workflow states to STATUS', () => {
    expect(['draft', 'submitted', 'changes_requested', 'failed', 'unknown'].map(icalStatusOf)).toEqual(
      Array(5).fill('TENTATIVE'),
    );
    expect(['approved', 'scheduled', 'publishing', 'published'].map(icalStatusOf)).toEqual(Array(4).fill('CONFIRMED'));
    expect(icalStatusOf('cancelled')).toBe('CANCELLED');
  });
});

describe('renderIcalFeed — Vietnamese text', () => {
  const titles = [
    'Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10: “Phổ cập kỹ năng số” cho người dân buôn Ê Đê, M’nông',
    'Tuyên truyền Nghị quyết 57-NQ/TW; đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo 🇻🇳',
    'Ủy ban nhân dân xã Ea Kao — Đài truyền thanh: bản tin “Cảnh giác lừa đảo” lúc 6 giờ 30',
    'Quý II năm 2026 – Kỷ niệm ngày Khoa học và Công nghệ Việt Nam 18/5 \\ tổng kết',
  ];
  const items: CalendarItem[] = titles.map((title, i) => ({
    uid: `publication:vi-${i}`,
    kind: 'publication',
    title,
    description: `${title}\nDòng thứ hai: ${title}`,
    start: '2026-05-18T01:00:00Z',
    end: '2026-05-18T02:00:00Z',
    allDay: false,
    status: 'scheduled',
    agency: commune,
    links: {},
  }));

  it('round-trips titles and descriptions with diacritics exactly through folding and escaping', () => {
    const text = render(items);
    expect(text.split('\r\n').some((line) => line.startsWith(' '))).toBe(true);
    const decoded = Buffer.from(text, 'utf8').toString('utf8');
    expect(decoded).toBe(text);
    const { events } = parse(decoded);
    titles.forEach((title, i) => {
      const event = events.get(`publication:vi-${i}@nhip`)!;
      expect(event.summary).toBe(title);
      expect(String(event.description).startsWith(`${title}\nDòng thứ hai: ${title}\n`)).toBe(true);
    });
  });

  it('writes decomposed (NFD) input in the composed form (NFC)', () => {
    const nfd = titles.map((title) => title.normalize('NFD'));
    expect(nfd[0]).not.toBe(titles[0]);
    const text = render(items.map((item, i) => ({ ...item, title: nfd[i] })));
    const { events } = parse(text);
    titles.forEach((title, i) => expect(events.get(`publication:vi-${i}@nhip`)!.summary).toBe(title));
  });
});
