import {
  addVietnamDays,
  atVietnamWallTime,
  inVietnam,
  vietnamDayOf,
  vietnamWallClockAsUtc,
  vietnamWallTime,
} from './vietnam-time';

describe('Vietnam time', () => {
  const lateEvening = new Date('2026-10-09T17:30:00Z'); // 00:30 on 10/10 in Hà Nội

  it('reads an instant on its Vietnam day and wall clock, whatever the machine zone', () => {
    expect(vietnamDayOf(lateEvening)).toBe('2026-10-10');
    expect(vietnamDayOf('2026-10-09T16:59:59Z')).toBe('2026-10-09');
    expect(vietnamWallTime(lateEvening)).toBe('2026-10-10T00:30:00');
    expect(inVietnam(lateEvening.getTime()).toFormat("HH:mm 'ngày' dd/MM/yyyy")).toBe('00:30 ngày 10/10/2026');
  });

  it('turns a Vietnam wall time back into the instant', () => {
    expect(atVietnamWallTime('2026-10-10', '00:30').toISOString()).toBe(lateEvening.toISOString());
    expect(atVietnamWallTime('2026-01-01').toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(() => atVietnamWallTime('2026-02-30', '08:00')).toThrow(RangeError);
  });

  it('counts days across months and years', () => {
    expect(addVietnamDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addVietnamDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('gives the wall clock as UTC fields for formats without zones', () => {
    expect(vietnamWallClockAsUtc(lateEvening).toISOString()).toBe('2026-10-10T00:30:00.000Z');
  });
});
