export { ABBREVIATIONS } from './broadcast-script/abbreviations';
export { espeakSpeedFor } from './broadcast-script/espeak-speed';
export type { EspeakVietnameseVoice } from './broadcast-script/espeak-speed';
export {
  BROADCAST_EXCEEDS_SLOT,
  DEFAULT_SYLLABLES_PER_MINUTE,
  checkProgramFits,
  countSyllables,
  estimateReadingSeconds,
  formatDurationVi,
} from './broadcast-script/reading-time';
export type { BroadcastExceedsSlotWarning, ProgramFit } from './broadcast-script/reading-time';
export { normaliseForSpeech } from './broadcast-script/script-normaliser';
export type { SpeechNormaliserOptions } from './broadcast-script/script-normaliser';
export type { NumberReadingOptions } from './broadcast-script/spoken-numbers';
