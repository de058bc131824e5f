import { normaliseForSpeech } from './script-normaliser';

/** News reading in Vietnamese runs at roughly 200–260 syllables a minute. */
export const DEFAULT_SYLLABLES_PER_MINUTE = 220;

export const BROADCAST_EXCEEDS_SLOT = 'BROADCAST_EXCEEDS_SLOT';

export interface BroadcastExceedsSlotWarning {
  code: typeof BROADCAST_EXCEEDS_SLOT;
  /** For the officer, in Vietnamese. */
  message: string;
  totalSeconds: number;
  slotSeconds: number;
  overBySeconds: number;
}

export interface ProgramFit {
  fits: boolean;
  totalSyllables: number;
  totalSeconds: number;
  slotSeconds: number;
  bulletins: { syllables: number; seconds: number }[];
  warning: BroadcastExceedsSlotWarning | null;
}

/**
 * Syllables in a text already written for the ear. Vietnamese writes one syllable per space-separated
 * word, so this counts the tokens that hold a letter or a digit; punctuation on its own is not spoken.
 */
export function countSyllables(spokenText: string): number {
  return spokenText.split(/\s+/u).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Counts the text as spoken: "UBND" is four syllables aloud, "10/10" four. */
export function estimateReadingSeconds(
  text: string,
  syllablesPerMinute: number = DEFAULT_SYLLABLES_PER_MINUTE,
): number {
  assertPositive('syllablesPerMinute', syllablesPerMinute);
  return secondsFor(countSyllables(normaliseForSpeech(text)), syllablesPerMinute);
}

export function checkProgramFits(
  bulletins: readonly { text: string }[],
  slotSeconds: number,
  syllablesPerMinute: number = DEFAULT_SYLLABLES_PER_MINUTE,
): ProgramFit {
  assertPositive('slotSeconds', slotSeconds);
  assertPositive('syllablesPerMinute', syllablesPerMinute);
  const estimates = bulletins.map(({ text }) => {
    const syllables = countSyllables(normaliseForSpeech(text));
    return { syllables, seconds: secondsFor(syllables, syllablesPerMinute) };
  });
  const totalSyllables = estimates.reduce((sum, estimate) => sum + estimate.syllables, 0);
  const totalSeconds = secondsFor(totalSyllables, syllablesPerMinute);
  const fits = totalSeconds <= slotSeconds;
  return {
    fits,
    totalSyllables,
    totalSeconds,
    slotSeconds,
    bulletins: estimates,
    warning: fits ? null : exceedsSlotWarning(bulletins.length, totalSeconds, slotSeconds),
  };
}

export function formatDurationVi(seconds: number): string {
  const whole = Math.ceil(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes === 0) return `${rest} giây`;
  return rest === 0 ? `${minutes} phút` : `${minutes} phút ${rest} giây`;
}

function exceedsSlotWarning(
  bulletinCount: number,
  totalSeconds: number,
  slotSeconds: number,
): BroadcastExceedsSlotWarning {
  const overBySeconds = totalSeconds - slotSeconds;
  return {
    code: BROADCAST_EXCEEDS_SLOT,
    message:
      `${bulletinCount} bản tin cần khoảng ${formatDurationVi(totalSeconds)} để đọc, ` +
      `vượt khung phát ${formatDurationVi(slotSeconds)} khoảng ${formatDurationVi(overBySeconds)}. ` +
      'Hãy rút gọn bản tin, bớt bản tin hoặc chọn khung phát dài hơn.',
    totalSeconds,
    slotSeconds,
    overBySeconds,
  };
}

function secondsFor(syllables: number, syllablesPerMinute: number): number {
  return (syllables * 60) / syllablesPerMinute;
}

function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
}
