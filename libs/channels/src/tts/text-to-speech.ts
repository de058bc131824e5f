export type AudioMimeType = 'audio/wav' | 'audio/mpeg';

export interface SynthesisOptions {
  /** Provider-specific voice name (espeak-ng: `vi`, `vi-vn-x-central`, `vi-vn-x-south`). */
  voice?: string;
  /** Reading rate to aim for; providers that cannot set it read at their own pace. */
  syllablesPerMinute?: number;
}

export interface SynthesizedAudio {
  audio: Buffer;
  mimeType: AudioMimeType;
  /** Measured from the audio itself (WAV header or MP3 frames), never estimated from the text. */
  durationSeconds: number;
}

/** Renders text already written for the ear (see `normaliseForSpeech`) to audio. */
export interface TextToSpeech {
  /** Short name for logs and error codes, e.g. "espeak-ng", "fpt.ai". */
  readonly name: string;
  /**
   * The voice that reads `language` (a primary subtag: "vi", "zh"; `voice` absent: the provider's own
   * default), or undefined when this provider has none. For Vietnamese, `regionalVoice` (the account's
   * northern, central or southern voice) wins.
   */
  voiceFor(language: string, regionalVoice?: string): { voice?: string } | undefined;
  synthesize(text: string, options?: SynthesisOptions): Promise<SynthesizedAudio>;
}

/**
 * Why a synthesis failed, in the terms the publishing engine understands: `retryable` (try again later),
 * `rate_limited` (wait `retryAfterMs`), `permanent` (configuration or input that retrying cannot fix).
 */
export type TextToSpeechErrorKind = 'retryable' | 'rate_limited' | 'permanent';

export class TextToSpeechError extends Error {
  constructor(
    readonly kind: TextToSpeechErrorKind,
    /** Stable code, e.g. "espeak-ng.missing", "fpt.ai.http_401". */
    readonly code: string,
    /** Vietnamese, for the officer or administrator. */
    message: string,
    readonly options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'TextToSpeechError';
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}
