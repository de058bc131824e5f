import { espeakSpeedFor } from './espeak-speed';

describe('espeakSpeedFor', () => {
  it('asks espeak-ng for fewer "words" a minute than the syllable rate, as its Vietnamese voices run fast', () => {
    expect(espeakSpeedFor(220)).toBe(156);
    expect(espeakSpeedFor(180)).toBe(129);
    expect(espeakSpeedFor(260)).toBe(183);
  });

  it('has a calibration for each Vietnamese voice', () => {
    expect(espeakSpeedFor(220, 'vi-vn-x-central')).toBe(160);
    expect(espeakSpeedFor(220, 'vi-vn-x-south')).toBe(163);
  });

  it('grows with the rate', () => {
    const speeds = [150, 200, 250, 300].map((rate) => espeakSpeedFor(rate));
    expect([...speeds].sort((a, b) => a - b)).toEqual(speeds);
  });

  it.each([50, 1000, Number.NaN])('refuses %p syllables a minute, which espeak-ng cannot read', (rate) => {
    expect(() => espeakSpeedFor(rate)).toThrow(RangeError);
  });
});
