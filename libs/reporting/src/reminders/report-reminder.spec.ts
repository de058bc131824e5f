import { stageFor, suggestedPeriod } from './report-reminder.service';

describe('report reminder stages', () => {
  it('sends the 7-day reminder from 7 to 3 days before, the 2-day one from 2 days before to the day', () => {
    expect([8, 7, 6, 3, 2, 1, 0, -1].map(stageFor)).toEqual([null, 7, 7, 7, 2, 2, 2, null]);
  });

  it('suggests the half-year a deadline reports on', () => {
    expect(suggestedPeriod('2026-06-15')).toBe('2026-H1');
    expect(suggestedPeriod('2026-12-20')).toBe('2026-H2');
  });
});
