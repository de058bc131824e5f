export * from './text-to-speech';
export * from './espeak-ng.tts';
export * from './http.tts';
export { measureAudio, UnsupportedAudioError } from './audio-info';
export type { MeasuredAudio } from './audio-info';
export { readWavInfo, wavDurationSeconds, withExactWavSizes, WavFormatError } from './wav';
export type { WavInfo } from './wav';
export { mp3DurationSeconds, Mp3FormatError } from './mp3';
export { textToSpeechFor } from './text-to-speech-for';
