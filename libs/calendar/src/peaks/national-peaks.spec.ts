import { addDays, findNationalPeak, NATIONAL_PEAKS, nationalPeakOccurrences } from './national-peaks';

describe('national peaks', () => {
  it('are the three national days with Vietnamese names', () => {
    expect(NATIONAL_PEAKS.map((p) => [p.key, `${p.day}/${p.month}`, p.name])).toEqual([
      ['science-technology-day', '18/5', 'Ngày Khoa học và Công nghệ Việt Nam'],
      ['innovation-day', '1/10', 'Ngày Đổi mới sáng tạo quốc gia'],
      ['digital-transformation-day', '10/10', 'Ngày Chuyển đổi số quốc gia'],
    ]);
    expect(findNationalPeak('digital-transformation-day')?.aliases).toContain('Ngày hội toàn dân học tập số');
  });

  it('ask during the 10/10 week for one portal article and two loudspeaker bulletins a day per commune', () => {
    const peak = findNationalPeak('digital-transformation-day');
    expect(peak?.leadUpDays).toBe(7);
    expect(peak?.cadence.portal).toBe(1);
    expect(peak?.cadence.loudspeaker).toBe(2);
  });

  it('occur every year of the range with their lead-up windows, in date order', () => {
    const occurrences = nationalPeakOccurrences(2026, 2027);
    expect(occurrences.map((o) => [o.key, o.start, o.date])).toEqual([
      ['science-technology-day', '2026-05-11', '2026-05-18'],
      ['innovation-day', '2026-09-24', '2026-10-01'],
      ['digital-transformation-day', '2026-10-03', '2026-10-10'],
      ['science-technology-day', '2027-05-11', '2027-05-18'],
      ['innovation-day', '2027-09-24', '2027-10-01'],
      ['digital-transformation-day', '2027-10-03', '2027-10-10'],
    ]);
    expect(occurrences.every((o) => o.end === o.date)).toBe(true);
  });

  it('take a plan-level override of lead-up days and cadence without changing the built-ins', () => {
    const [, , dx] = nationalPeakOccurrences(2026, 2026, {
      'digital-transformation-day': { leadUpDays: 14, cadence: { portal: 2 } },
    });
    expect(dx.start).toBe('2026-09-26');
    expect(dx.cadence).toEqual({ portal: 2 });
    expect(findNationalPeak('digital-transformation-day')?.cadence.portal).toBe(1);
  });

  it('returns copies, so callers cannot edit the built-in cadence', () => {
    const [first] = nationalPeakOccurrences(2026, 2026);
    first.cadence.portal = 99;
    expect(findNationalPeak('science-technology-day')?.cadence.portal).toBe(1);
  });

  it('rejects an inverted or oversized range', () => {
    expect(() => nationalPeakOccurrences(2027, 2026)).toThrow(RangeError);
    expect(() => nationalPeakOccurrences(2000, 2200)).toThrow('100 năm');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-10-01', -7)).toBe('2026-09-24');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});
