export type EspeakVietnameseVoice = 'vi' | 'vi-vn-x-central' | 'vi-vn-x-south';

/**
 * espeak-ng's `-s` is nominally words per minute, but its Vietnamese voices read about 1.4 syllables
 * per "word" of `-s`, so `-s 220` gives ~315 syllables a minute. Measured with espeak-ng 1.51 (Debian 12)
 * by rendering three normalised bulletins of 178–234 syllables (not the ones the integration test uses)
 * at `-s` 100, 120 … 260 and fitting syllables per minute = slope · s + intercept over the WAV durations;
 * the largest error of the fit was 2.7%.
 */
const CALIBRATION: Readonly<Record<EspeakVietnameseVoice, { slope: number; intercept: number }>> = {
  vi: { slope: 1.4907, intercept: -12.85 },
  'vi-vn-x-central': { slope: 1.4346, intercept: -10.03 },
  'vi-vn-x-south': { slope: 1.4244, intercept: -12.37 },
};

const ESPEAK_MIN_SPEED = 80;
const ESPEAK_MAX_SPEED = 450;

/** The `espeak-ng -s` value that reads Vietnamese at the given number of syllables a minute. */
export function espeakSpeedFor(syllablesPerMinute: number, voice: EspeakVietnameseVoice = 'vi'): number {
  const { slope, intercept } = CALIBRATION[voice];
  const speed = Math.round((syllablesPerMinute - intercept) / slope);
  if (!Number.isFinite(speed) || speed < ESPEAK_MIN_SPEED || speed > ESPEAK_MAX_SPEED) {
    throw new RangeError(
      `espeak-ng cannot read ${syllablesPerMinute} syllables a minute (it would need -s ${speed}, ` +
        `outside ${ESPEAK_MIN_SPEED}–${ESPEAK_MAX_SPEED})`,
    );
  }
  return speed;
}
