import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { foldDuePhrase, parseDuePhrase, YEARLY_DUE_RRULE } from './due-phrase.parser';
import { DueSpec } from './due-phrase.types';

const context = { year: 2026 };

/** Every distinct due phrase of the five seed plans, exactly as written in libs/demo/plans. */
const SEED_PHRASES: Record<string, DueSpec> = {
  // 000 Hà Tĩnh, 001 Thanh Hóa, 004 Đak Bla (after OCR-tolerant folding)
  'Thường xuyên': { kind: 'ongoing' },
  // 000 Hà Tĩnh, task 2
  '8/2025': { kind: 'window', start: '2025-08-01', end: '2025-08-31' },
  // 001 Thanh Hóa, tasks 1.1, 1.3, 3.2
  'Hằng năm': { kind: 'yearly', rrule: YEARLY_DUE_RRULE },
  // 001 Thanh Hóa, half-yearly report
  'trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm': {
    kind: 'recurring',
    rrule: 'FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=20',
    before: true,
  },
  // 002 Đồng Nai, report to Ban Tuyên giáo Tỉnh ủy
  'trước ngày 25/11/2025': { kind: 'date', date: '2025-11-25', before: true },
  // 003 Tuyên Quang, task 1
  'Thường xuyên trong năm 2026; cao điểm vào quý II và quý III năm 2026': {
    kind: 'ongoing',
    within: { start: '2026-01-01', end: '2026-12-31' },
    peaks: [
      { start: '2026-04-01', end: '2026-06-30' },
      { start: '2026-07-01', end: '2026-09-30' },
    ],
  },
  // 003 Tuyên Quang, task 2
  'Thường xuyên trong năm 2026': { kind: 'ongoing', within: { start: '2026-01-01', end: '2026-12-31' } },
  // 003 Tuyên Quang, task 3 (online quizzes)
  'Tháng 6 và tháng 9 năm 2026': {
    kind: 'windows',
    windows: [
      { start: '2026-06-01', end: '2026-06-30' },
      { start: '2026-09-01', end: '2026-09-30' },
    ],
  },
  // 003 Tuyên Quang, task 4 (media festival)
  'Tháng 10 năm 2026': { kind: 'window', start: '2026-10-01', end: '2026-10-31' },
  // 003 Tuyên Quang, task 5 (training)
  'Quý II năm 2026': { kind: 'window', start: '2026-04-01', end: '2026-06-30' },
  // 003 Tuyên Quang, task 6 (conferences)
  'Quý III năm 2026': { kind: 'window', start: '2026-07-01', end: '2026-09-30' },
  // 003 Tuyên Quang, yearly review report
  'định kỳ hàng năm': { kind: 'yearly', rrule: YEARLY_DUE_RRULE },
  // 004 Đak Bla (OCR), tasks 1–6
  'Thuong xuyén': { kind: 'ongoing' },
  // 004 Đak Bla (OCR), half-yearly report
  'trudc ngay 15/6 va trudc ngay 15/12 hang nim': {
    kind: 'recurring',
    rrule: 'FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15',
    before: true,
  },
};

function seedPlanPhrases(): string[] {
  const dir = join(__dirname, '../../../demo/plans');
  const phrases = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.plan.yaml'))) {
    const plan = parse(readFileSync(join(dir, file), 'utf8'));
    for (const task of plan.tasks ?? []) if (task.due) phrases.add(task.due);
    for (const report of plan.reports ?? []) if (report.due) phrases.add(report.due);
  }
  return [...phrases];
}

describe('parseDuePhrase', () => {
  it.each(Object.entries(SEED_PHRASES))('reads the seed phrase %j', (phrase, expected) => {
    expect(parseDuePhrase(phrase, context)).toEqual(expected);
  });

  it('has a test above for every due phrase in the seed plan files', () => {
    const phrases = seedPlanPhrases();
    expect(phrases.length).toBeGreaterThanOrEqual(10);
    expect(phrases.filter((p) => !(p in SEED_PHRASES))).toEqual([]);
  });

  describe('spellings', () => {
    it.each([
      'thường xuyên',
      'THƯỜNG XUYÊN',
      '  Thường   xuyên. ',
      'Thường\nxuyên',
      'Thuong xuyen',
      'Thường xuyên'.normalize('NFD'),
      'Thường xuyên liên tục',
    ])('%j is ongoing', (phrase) => {
      expect(parseDuePhrase(phrase, context)).toEqual({ kind: 'ongoing' });
    });

    it.each([
      'Hằng năm',
      'Hàng năm',
      'hàng năm',
      'Hang nam',
      'hang nim',
      'Hằng năm'.normalize('NFD'),
      'Định kỳ hằng năm',
    ])('%j is yearly', (phrase) => {
      expect(parseDuePhrase(phrase, context)).toEqual({ kind: 'yearly', rrule: YEARLY_DUE_RRULE });
    });

    it.each([
      ['Quý 2 năm 2026', '2026-04-01', '2026-06-30'],
      ['quý IV năm 2025', '2025-10-01', '2025-12-31'],
      ['Quy I nam 2027', '2027-01-01', '2027-03-31'],
      ['Quý II/2026', '2026-04-01', '2026-06-30'],
      ['Quý II', '2026-04-01', '2026-06-30'],
      ['Tháng 8/2025', '2025-08-01', '2025-08-31'],
      ['tháng 2 năm 2028', '2028-02-01', '2028-02-29'],
      ['Tháng 10', '2026-10-01', '2026-10-31'],
      ['Năm 2026', '2026-01-01', '2026-12-31'],
      ['Trong năm 2027', '2027-01-01', '2027-12-31'],
      ['12/2026', '2026-12-01', '2026-12-31'],
    ])('%j is the window %s – %s', (phrase, start, end) => {
      expect(parseDuePhrase(phrase, context)).toEqual({ kind: 'window', start, end });
    });

    it('reads listed months and quarters in several spellings', () => {
      const juneSeptember = {
        kind: 'windows',
        windows: [
          { start: '2026-06-01', end: '2026-06-30' },
          { start: '2026-09-01', end: '2026-09-30' },
        ],
      };
      expect(parseDuePhrase('Tháng 6, tháng 9 năm 2026', context)).toEqual(juneSeptember);
      expect(parseDuePhrase('tháng 6 và 9 năm 2026', context)).toEqual(juneSeptember);
      expect(parseDuePhrase('Thang 6 va thang 9 nam 2026', context)).toEqual(juneSeptember);
      expect(parseDuePhrase('Quý II và quý III năm 2026', context)).toEqual({
        kind: 'windows',
        windows: [
          { start: '2026-04-01', end: '2026-06-30' },
          { start: '2026-07-01', end: '2026-09-30' },
        ],
      });
    });

    it('reads dated and yearly days', () => {
      expect(parseDuePhrase('Ngày 25/11/2025', context)).toEqual({ kind: 'date', date: '2025-11-25' });
      expect(parseDuePhrase('trước ngày 25 tháng 11 năm 2025', context)).toEqual({
        kind: 'date',
        date: '2025-11-25',
        before: true,
      });
      expect(parseDuePhrase('trước ngày 15/6 và trước ngày 15/12 năm 2026', context)).toEqual({
        kind: 'dates',
        dates: ['2026-06-15', '2026-12-15'],
        before: true,
      });
      expect(parseDuePhrase('ngày 10/10 hằng năm', context)).toEqual({
        kind: 'recurring',
        rrule: 'FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=10',
      });
      expect(
        parseDuePhrase(
          'định kỳ, trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm hoặc đột xuất khi có yêu cầu',
          context,
        ),
      ).toEqual({ kind: 'recurring', rrule: 'FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=20', before: true });
    });
  });

  describe('unknown phrases are kept verbatim and flagged', () => {
    it.each([
      '',
      '   ',
      'Sau khi có hướng dẫn của Trung ương',
      'Khi có yêu cầu',
      'Tháng 13 năm 2026',
      'Quý V năm 2026',
      'trước ngày 30/2/2026',
      'trước ngày 15/6 và trước ngày 20/12 hằng năm',
      'trước ngày 15/6 và ngày 15/12 năm 2026',
      'Năm 20266',
      'Hằng tháng',
      'Thường xuyên; sau đó báo cáo',
      '2025-2030',
    ])('%j', (phrase) => {
      const spec = parseDuePhrase(phrase, context);
      expect(spec.kind).toBe('unknown');
      if (spec.kind === 'unknown') {
        expect(spec.phrase).toBe(phrase);
        expect(spec.reason.length).toBeGreaterThan(0);
      }
    });
  });

  it('folds diacritics, OCR misreadings and spacing', () => {
    expect(foldDuePhrase('Thuong xuyén')).toBe('thuong xuyen');
    expect(foldDuePhrase('trudc ngay 15 / 6 va trudc ngay 15/12 hang nim.')).toBe(
      'truoc ngay 15/6 va truoc ngay 15/12 hang nam',
    );
    expect(foldDuePhrase('Đột xuất')).toBe('dot xuat');
  });
});
