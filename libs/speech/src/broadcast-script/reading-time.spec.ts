import {
  BROADCAST_EXCEEDS_SLOT,
  DEFAULT_SYLLABLES_PER_MINUTE,
  checkProgramFits,
  countSyllables,
  estimateReadingSeconds,
  formatDurationVi,
} from './reading-time';

/** 110 syllables: half a minute at 220 a minute. */
const halfMinute = Array.from({ length: 11 }, () => 'Bà con hưởng ứng Ngày Chuyển đổi số quốc gia.').join(' ');

describe('countSyllables', () => {
  it('counts space-separated syllables and not punctuation', () => {
    expect(countSyllables('Ủy ban nhân dân xã - thông báo: “chuyển đổi số” ...')).toBe(10);
  });

  it('counts nothing in an empty or blank text', () => {
    expect(countSyllables('')).toBe(0);
    expect(countSyllables(' \n\t ')).toBe(0);
  });
});

describe('estimateReadingSeconds', () => {
  it('defaults to 220 syllables a minute', () => {
    expect(DEFAULT_SYLLABLES_PER_MINUTE).toBe(220);
    expect(countSyllables(halfMinute)).toBe(110);
    expect(estimateReadingSeconds(halfMinute)).toBeCloseTo(30, 10);
  });

  it('uses the configured rate', () => {
    expect(estimateReadingSeconds(halfMinute, 110)).toBeCloseTo(60, 10);
  });

  it('counts the spoken form, not the written one', () => {
    // "UBND" is four syllables aloud; "10/10/2026" is thirteen with "mùng".
    expect(estimateReadingSeconds('UBND', 60)).toBe(4);
    expect(estimateReadingSeconds('10/10/2026', 60)).toBe(13);
  });

  it.each([0, -220, Number.NaN, Number.POSITIVE_INFINITY])('refuses a rate of %p', (rate) => {
    expect(() => estimateReadingSeconds(halfMinute, rate)).toThrow(RangeError);
  });
});

describe('checkProgramFits', () => {
  it('fits when the bulletins are no longer than the slot', () => {
    const fit = checkProgramFits([{ text: halfMinute }, { text: halfMinute }], 60);
    expect(fit).toEqual({
      fits: true,
      totalSyllables: 220,
      totalSeconds: 60,
      slotSeconds: 60,
      bulletins: [
        { syllables: 110, seconds: 30 },
        { syllables: 110, seconds: 30 },
      ],
      warning: null,
    });
  });

  it('warns with a stable code and a Vietnamese message when the bulletins exceed the slot', () => {
    const fit = checkProgramFits([{ text: halfMinute }, { text: halfMinute }, { text: halfMinute }], 75);
    expect(fit.fits).toBe(false);
    expect(fit.totalSeconds).toBeCloseTo(90, 10);
    expect(fit.warning).toEqual({
      code: BROADCAST_EXCEEDS_SLOT,
      message:
        '3 bản tin cần khoảng 1 phút 30 giây để đọc, vượt khung phát 1 phút 15 giây khoảng 15 giây. ' +
        'Hãy rút gọn bản tin, bớt bản tin hoặc chọn khung phát dài hơn.',
      totalSeconds: fit.totalSeconds,
      slotSeconds: 75,
      overBySeconds: fit.totalSeconds - 75,
    });
  });

  it('follows the configured rate', () => {
    expect(checkProgramFits([{ text: halfMinute }], 45, 220).fits).toBe(true);
    expect(checkProgramFits([{ text: halfMinute }], 45, 130).fits).toBe(false);
  });

  it('fits an empty programme', () => {
    expect(checkProgramFits([], 300)).toMatchObject({ fits: true, totalSeconds: 0, warning: null });
  });

  it.each([0, -1, Number.NaN])('refuses a slot of %p seconds', (slot) => {
    expect(() => checkProgramFits([{ text: halfMinute }], slot)).toThrow(RangeError);
  });
});

describe('formatDurationVi', () => {
  it.each([
    [45, '45 giây'],
    [44.2, '45 giây'],
    [60, '1 phút'],
    [312, '5 phút 12 giây'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatDurationVi(seconds)).toBe(text);
  });
});
