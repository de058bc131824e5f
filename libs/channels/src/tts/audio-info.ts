import { looksLikeMp3, mp3DurationSeconds } from './mp3';
import type { AudioMimeType } from './text-to-speech';
import { isWav, readWavInfo, withExactWavSizes } from './wav';

export interface MeasuredAudio {
  audio: Buffer;
  mimeType: AudioMimeType;
  durationSeconds: number;
}

export class UnsupportedAudioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedAudioError';
  }
}

/**
 * Identifies WAV or MP3 from the bytes (never from a name or a declared type) and measures the duration.
 * A WAV written by a streaming encoder comes back with exact sizes in its header. Throws
 * UnsupportedAudioError for anything else, or for audio that lasts no time at all.
 */
export function measureAudio(bytes: Buffer): MeasuredAudio {
  let measured: MeasuredAudio;
  try {
    if (isWav(bytes)) {
      const audio = readWavInfo(bytes).sizesFromStream ? withExactWavSizes(bytes) : bytes;
      measured = { audio, mimeType: 'audio/wav', durationSeconds: readWavInfo(audio).durationSeconds };
    } else if (looksLikeMp3(bytes)) {
      measured = { audio: bytes, mimeType: 'audio/mpeg', durationSeconds: mp3DurationSeconds(bytes) };
    } else {
      throw new UnsupportedAudioError('neither WAV (RIFF/WAVE) nor MP3');
    }
  } catch (error) {
    if (error instanceof UnsupportedAudioError) throw error;
    throw new UnsupportedAudioError((error as Error).message);
  }
  if (!(measured.durationSeconds > 0)) throw new UnsupportedAudioError('the audio is empty');
  return measured;
}
