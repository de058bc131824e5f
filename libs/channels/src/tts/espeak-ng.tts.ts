import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { DEFAULT_SYLLABLES_PER_MINUTE, espeakSpeedFor } from '@nhip/speech';
import type { EspeakVietnameseVoice } from '@nhip/speech';
import { measureAudio } from './audio-info';
import { type SynthesisOptions, type SynthesizedAudio, type TextToSpeech, TextToSpeechError } from './text-to-speech';

export const ESPEAK_VIETNAMESE_VOICES: readonly EspeakVietnameseVoice[] = ['vi', 'vi-vn-x-central', 'vi-vn-x-south'];

/**
 * espeak-ng voices for the other languages a story here may be in (`espeak-ng --voices`): Chinese for the
 * Hoa community and English. It has none for Hmong, Tày, Dao or any other minority language of Vietnam.
 */
export const ESPEAK_OTHER_VOICES: Readonly<Record<string, string>> = { zh: 'cmn', en: 'en-gb' };

/** espeak-ng's own default rate (`-s`): the calibration to syllables a minute is for the Vietnamese voices. */
const ESPEAK_DEFAULT_SPEED = 175;

export interface EspeakNgOptions {
  /** The executable; `espeak-ng` on the PATH by default. */
  binary?: string;
  defaultVoice?: EspeakVietnameseVoice;
  /** Kills a rendering that takes longer (a bulletin of a few minutes renders in well under a second). */
  timeoutMs?: number;
  /**
   * Renderings run at once; the rest wait their turn. A worker runs hundreds of publish jobs at once,
   * and espeak-ng is CPU-bound: more processes than cores only share the cores and the memory. Default:
   * the number of cores.
   */
  maxConcurrent?: number;
}

/**
 * The built-in voice: espeak-ng (Debian package `espeak-ng`) rendering Vietnamese to 16-bit mono WAV.
 * The text goes in on stdin, so its length is not limited by the command line and a script starting
 * with "-" is not taken for an option.
 */
export class EspeakNgTextToSpeech implements TextToSpeech {
  readonly name = 'espeak-ng';
  private readonly binary: string;
  private readonly defaultVoice: EspeakVietnameseVoice;
  private readonly timeoutMs: number;
  private readonly maxConcurrent: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(options: EspeakNgOptions = {}) {
    this.binary = options.binary ?? 'espeak-ng';
    this.defaultVoice = options.defaultVoice ?? 'vi';
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? availableParallelism());
  }

  voiceFor(language: string, regionalVoice?: string): { voice?: string } | undefined {
    if (language === 'vi') return { voice: regionalVoice ?? this.defaultVoice };
    const voice = ESPEAK_OTHER_VOICES[language];
    return voice ? { voice } : undefined;
  }

  async synthesize(text: string, options: SynthesisOptions = {}): Promise<SynthesizedAudio> {
    const voice = options.voice ?? this.defaultVoice;
    const otherLanguage = Object.values(ESPEAK_OTHER_VOICES).includes(voice);
    if (!isEspeakVoice(voice) && !otherLanguage) {
      throw new TextToSpeechError(
        'permanent',
        'espeak-ng.voice_unsupported',
        `Giọng đọc "${voice}" không có trong espeak-ng; chọn một trong: ${ESPEAK_VIETNAMESE_VOICES.join(', ')}.`,
      );
    }
    const rate = options.syllablesPerMinute ?? DEFAULT_SYLLABLES_PER_MINUTE;
    let speed: number;
    try {
      speed = isEspeakVoice(voice) ? espeakSpeedFor(rate, voice) : ESPEAK_DEFAULT_SPEED;
    } catch (error) {
      throw new TextToSpeechError(
        'permanent',
        'espeak-ng.rate_unsupported',
        `espeak-ng không đọc được với tốc độ ${rate} âm tiết/phút.`,
        { cause: error },
      );
    }
    if (text.trim() === '')
      throw new TextToSpeechError('permanent', 'espeak-ng.empty_text', 'Không có nội dung để đọc.');

    const wav = await this.inTurn(() => this.run(['-v', voice, '-s', String(speed), '--stdin', '--stdout'], text));
    try {
      const measured = measureAudio(wav);
      return { audio: measured.audio, mimeType: 'audio/wav', durationSeconds: measured.durationSeconds };
    } catch (error) {
      throw new TextToSpeechError(
        'retryable',
        'espeak-ng.bad_output',
        `espeak-ng trả về âm thanh không hợp lệ: ${(error as Error).message}.`,
        { cause: error },
      );
    }
  }

  /** Runs `render` when fewer than maxConcurrent renderings are running, in the order asked. */
  private async inTurn<T>(render: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await render();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next in line
      else this.running -= 1;
    }
  }

  /** Renderings running now (for tests and diagnostics). */
  get inProgress(): number {
    return this.running;
  }

  private run(args: string[], input: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(() =>
          reject(
            new TextToSpeechError(
              'retryable',
              'espeak-ng.timeout',
              `espeak-ng không đọc xong trong ${this.timeoutMs / 1000} giây.`,
            ),
          ),
        );
      }, this.timeoutMs);

      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error: NodeJS.ErrnoException) => {
        finish(() =>
          reject(
            error.code === 'ENOENT'
              ? new TextToSpeechError(
                  'permanent',
                  'espeak-ng.missing',
                  `Không tìm thấy chương trình đọc văn bản "${this.binary}" trên máy chủ. ` +
                    'Cài đặt bằng lệnh "apt-get install espeak-ng" hoặc cấu hình một nhà cung cấp đọc văn bản khác.',
                  { cause: error },
                )
              : new TextToSpeechError(
                  'retryable',
                  'espeak-ng.spawn_failed',
                  `Không chạy được espeak-ng: ${error.message}.`,
                  { cause: error },
                ),
          ),
        );
      });
      child.on('close', (code, signal) => {
        finish(() => {
          if (code === 0) return resolve(Buffer.concat(out));
          const reason = Buffer.concat(err).toString('utf8').trim() || `mã thoát ${code ?? signal}`;
          reject(new TextToSpeechError('permanent', 'espeak-ng.failed', `espeak-ng báo lỗi: ${reason}.`));
        });
      });
      // EPIPE when espeak-ng exits early is reported through 'close' with its own message.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input, 'utf8');
    });
  }
}

function isEspeakVoice(voice: string): voice is EspeakVietnameseVoice {
  return (ESPEAK_VIETNAMESE_VOICES as readonly string[]).includes(voice);
}
