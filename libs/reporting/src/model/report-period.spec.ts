import { DomainError } from '@nhip/core';
import { parseReportPeriod } from './report-period';

describe('parseReportPeriod', () => {
  it('reads half-years and whole years with the cut-off of Decree 09/2019 Art. 12 (15/12–14/6, 15/6–14/12)', () => {
    expect(parseReportPeriod('2026-H1')).toEqual({
      key: '2026-H1',
      from: '2025-12-15',
      to: '2026-06-14',
      label: '6 tháng đầu năm 2026',
    });
    expect(parseReportPeriod('2026-H2')).toEqual({
      key: '2026-H2',
      from: '2026-06-15',
      to: '2026-12-14',
      label: '6 tháng cuối năm 2026',
    });
    expect(parseReportPeriod('2028')).toEqual({ key: '2028', from: '2027-12-15', to: '2028-12-14', label: 'năm 2028' });
  });

  it('reads a custom range of real days, up to one year (a leap year included)', () => {
    expect(parseReportPeriod({ from: '2026-03-01', to: '2026-05-31' })).toEqual({
      key: 'custom',
      from: '2026-03-01',
      to: '2026-05-31',
      label: 'từ ngày 01/03/2026 đến ngày 31/05/2026',
    });
    expect(parseReportPeriod({ from: '2028-01-01', to: '2028-12-31' }).key).toBe('custom');
    expect(parseReportPeriod({ from: '2026-04-04', to: '2026-04-04' }).label).toBe(
      'từ ngày 04/04/2026 đến ngày 04/04/2026',
    );
  });

  it.each([
    ['2026-H3', 'REPORT_PERIOD_INVALID'],
    ['2026-h1 ', 'REPORT_PERIOD_INVALID'],
    ['H1-2026', 'REPORT_PERIOD_INVALID'],
    ['1999-H1', 'REPORT_PERIOD_INVALID'],
    [42, 'REPORT_PERIOD_INVALID'],
    [null, 'REPORT_PERIOD_INVALID'],
    [['2026-H1'], 'REPORT_PERIOD_INVALID'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'REPORT_PERIOD_INVALID'],
    [{ from: '2026-05-01', to: '2026-04-30' }, 'REPORT_PERIOD_INVALID'],
    [{ from: '2026-05-01' }, 'REPORT_PERIOD_INVALID'],
    [{ from: '2026-01-01', to: '2027-01-02' }, 'REPORT_PERIOD_TOO_LONG'],
  ])('refuses %j with %s and a Vietnamese message', (input, code) => {
    let error: unknown;
    try {
      parseReportPeriod(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect((error as DomainError).message).toMatch(/[àáảãạăâđêôơư]/i);
  });
});
