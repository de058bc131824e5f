import { administrativeDate, formatDay, formatInstant, formatNumber } from './vietnamese-format';

describe('Vietnamese formats', () => {
  it('writes days as dd/MM/yyyy', () => {
    expect(formatDay('2026-06-05')).toBe('05/06/2026');
  });

  it('writes instants in Việt Nam time (UTC+7), across midnight', () => {
    expect(formatInstant('2026-06-30T16:59:00Z')).toBe('30/06/2026 23:59');
    expect(formatInstant(new Date('2026-06-30T17:00:00Z'))).toBe('01/07/2026 00:00');
  });

  it('writes the date line as Decree 30 asks: a leading zero for days below 10 and for January and February only', () => {
    expect(administrativeDate('2026-01-05')).toBe('ngày 05 tháng 01 năm 2026');
    expect(administrativeDate('2026-02-15')).toBe('ngày 15 tháng 02 năm 2026');
    expect(administrativeDate('2026-06-08')).toBe('ngày 08 tháng 6 năm 2026');
    expect(administrativeDate('2026-12-15')).toBe('ngày 15 tháng 12 năm 2026');
  });

  it('writes numbers with Vietnamese separators', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(83.33)).toBe('83,33');
  });
});
