import { parseRetryAfterMs } from '@nhip/core';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { UnsupportedAudioError, measureAudio } from './audio-info';
import { type SynthesisOptions, type SynthesizedAudio, type TextToSpeech, TextToSpeechError } from './text-to-speech';

/**
 * How one vendor's synthesis endpoint is spoken to. Vietnamese vendors (FPT.AI, Viettel AI, Vbee) differ
 * in where the key, the voice and the speed go and in whether the audio comes back in the response or
 * at a URL that becomes ready later; this describes both shapes so that a vendor is a configuration,
 * not a new class. See `libs/channels/src/tts/README.md`.
 */
export interface HttpTtsContract {
  /** For messages and error codes: "fpt.ai", "viettel-ai", "vbee", … */
  vendor: string;
  /** The synthesis endpoint (always POST). */
  url: string;
  /** The key goes in this header as `${prefix ?? ''}${apiKey}`. */
  auth: { header: string; prefix?: string };
  request:
    | {
        /** JSON body: `{[textField]: text, [voiceField]: voice, [speedField]: speed, ...fields}`. */
        body: 'json';
        textField: string;
        voiceField?: string;
        speedField?: string;
        fields?: Record<string, unknown>;
      }
    | {
        /** The text itself as a UTF-8 `text/plain` body; voice and speed in headers. */
        body: 'text';
        voiceHeader?: string;
        speedHeader?: string;
        headers?: Record<string, string>;
      };
  /** The vendor's speed value for a reading rate. Without it no speed is sent and the voice reads at its own pace. */
  speedFor?: (syllablesPerMinute: number) => string | number;
  defaultVoice?: string;
  /** Longer texts are refused before calling the vendor. */
  maxTextLength?: number;
  response:
    | {
        /** 200 with the audio itself (WAV or MP3) as the body. */
        kind: 'audio';
      }
    | {
        /**
         * 200 with JSON naming a URL where the audio will appear; the URL is fetched with GET, without
         * the key, and answers one of `pendingStatuses` until the audio is ready.
         */
        kind: 'json-url';
        /** Dotted path to the URL in the JSON, e.g. "async" or "data.url". */
        urlField: string;
        /** Dotted path to a status field that must hold one of `okValues` (e.g. FPT.AI's `error: 0`). */
        errorField?: string;
        okValues?: unknown[];
        /** Dotted path to the vendor's explanation, quoted in errors. */
        messageField?: string;
        pendingStatuses?: number[];
        pollIntervalMs?: number;
        readyTimeoutMs?: number;
      };
}

export interface HttpTextToSpeechOptions {
  contract: HttpTtsContract;
  apiKey: string;
  http?: AxiosInstance;
  /** Per HTTP request. */
  timeoutMs?: number;
}

/**
 * FPT.AI text-to-speech v5 as public client code uses it — NOT checked against FPT.AI's own documentation
 * or a real account: `POST https://api.fpt.ai/hmi/tts/v5` with the text as the raw body and headers
 * `api-key` and `voice` (e.g. "banmai", "leminh"); the answer is `{"async": "<mp3 url>", "error": 0,
 * "message", "request_id"}` and the MP3 appears at that URL a few seconds later. FPT.AI's `speed` header
 * (-3…3) has no known mapping to syllables a minute, so no speed is sent. Verify before relying on it.
 */
export function fptAiV5Contract(overrides: Partial<HttpTtsContract> = {}): HttpTtsContract {
  return {
    vendor: 'fpt.ai',
    url: 'https://api.fpt.ai/hmi/tts/v5',
    auth: { header: 'api-key' },
    request: { body: 'text', voiceHeader: 'voice' },
    defaultVoice: 'banmai',
    response: { kind: 'json-url', urlField: 'async', errorField: 'error', okValues: [0], messageField: 'message' },
    ...overrides,
  };
}

/** One text-to-speech vendor reached over HTTP, configured by an `HttpTtsContract`. */
export class HttpTextToSpeech implements TextToSpeech {
  readonly name: string;
  private readonly contract: HttpTtsContract;
  private readonly apiKey: string;
  private readonly http: AxiosInstance;
  private readonly timeoutMs: number;

  constructor(options: HttpTextToSpeechOptions) {
    this.contract = options.contract;
    this.name = options.contract.vendor;
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.http = options.http ?? axios.create();
  }

  /** The Vietnamese vendors read Vietnamese only. */
  voiceFor(language: string, regionalVoice?: string): { voice?: string } | undefined {
    return language === 'vi' ? { voice: regionalVoice } : undefined;
  }

  async synthesize(text: string, options: SynthesisOptions = {}): Promise<SynthesizedAudio> {
    const { contract } = this;
    if (text.trim() === '') throw this.error('permanent', 'empty_text', 'Không có nội dung để đọc.');
    if (contract.maxTextLength !== undefined && text.length > contract.maxTextLength) {
      throw this.error(
        'permanent',
        'text_too_long',
        `Văn bản dài ${text.length} ký tự, vượt giới hạn ${contract.maxTextLength} ký tự của ${contract.vendor}.`,
      );
    }
    const voice = options.voice ?? contract.defaultVoice;
    const speed =
      options.syllablesPerMinute !== undefined && contract.speedFor
        ? contract.speedFor(options.syllablesPerMinute)
        : undefined;

    const headers: Record<string, string> = { [contract.auth.header]: `${contract.auth.prefix ?? ''}${this.apiKey}` };
    let data: Buffer | string;
    if (contract.request.body === 'json') {
      const body: Record<string, unknown> = { ...contract.request.fields, [contract.request.textField]: text };
      if (voice !== undefined && contract.request.voiceField) body[contract.request.voiceField] = voice;
      if (speed !== undefined && contract.request.speedField) body[contract.request.speedField] = speed;
      data = JSON.stringify(body);
      headers['Content-Type'] = 'application/json; charset=utf-8';
    } else {
      Object.assign(headers, contract.request.headers);
      if (voice !== undefined && contract.request.voiceHeader) headers[contract.request.voiceHeader] = voice;
      if (speed !== undefined && contract.request.speedHeader) headers[contract.request.speedHeader] = String(speed);
      data = Buffer.from(text, 'utf8');
      headers['Content-Type'] = 'text/plain; charset=utf-8';
    }

    const response = await this.send(() =>
      this.http.request<Buffer>({
        method: 'POST',
        url: contract.url,
        data,
        headers,
        responseType: 'arraybuffer',
        timeout: this.timeoutMs,
        validateStatus: () => true,
      }),
    );
    this.throwForStatus(response);

    if (contract.response.kind === 'audio') return this.measure(Buffer.from(response.data));

    const json = parseJson(response);
    if (json === undefined)
      throw this.error('retryable', 'bad_response', `${contract.vendor} trả lời không phải JSON.`);
    const { errorField, okValues, messageField, urlField } = contract.response;
    const vendorMessage = messageField ? valueAt(json, messageField) : undefined;
    if (errorField !== undefined) {
      const status = valueAt(json, errorField);
      if (!(okValues ?? [0]).includes(status)) {
        throw this.error(
          'permanent',
          `error_${String(status)}`,
          `${contract.vendor} từ chối yêu cầu đọc văn bản${describe(vendorMessage)}.`,
        );
      }
    }
    const audioUrl = valueAt(json, urlField);
    if (typeof audioUrl !== 'string' || audioUrl === '') {
      throw this.error(
        'retryable',
        'bad_response',
        `${contract.vendor} không trả về địa chỉ tệp âm thanh${describe(vendorMessage)}.`,
      );
    }
    return this.measure(await this.fetchWhenReady(audioUrl, contract.response));
  }

  private async fetchWhenReady(
    url: string,
    response: Extract<HttpTtsContract['response'], { kind: 'json-url' }>,
  ): Promise<Buffer> {
    const pending = response.pendingStatuses ?? [404];
    const interval = response.pollIntervalMs ?? 1_000;
    const deadline = Date.now() + (response.readyTimeoutMs ?? 60_000);
    for (;;) {
      const answer = await this.send(() =>
        this.http.request<Buffer>({
          method: 'GET',
          url,
          responseType: 'arraybuffer',
          timeout: this.timeoutMs,
          validateStatus: () => true,
        }),
      );
      if (!pending.includes(answer.status)) {
        this.throwForStatus(answer);
        return Buffer.from(answer.data);
      }
      if (Date.now() + interval > deadline) {
        throw this.error(
          'retryable',
          'not_ready',
          `Tệp âm thanh của ${this.contract.vendor} chưa sẵn sàng sau ${Math.round((response.readyTimeoutMs ?? 60_000) / 1000)} giây.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }

  private measure(bytes: Buffer): SynthesizedAudio {
    try {
      return measureAudio(bytes);
    } catch (error) {
      if (!(error instanceof UnsupportedAudioError)) throw error;
      throw this.error(
        'retryable',
        'bad_audio',
        `${this.contract.vendor} trả về tệp âm thanh không đọc được (${error.message}).`,
        error,
      );
    }
  }

  private async send(request: () => Promise<AxiosResponse<Buffer>>): Promise<AxiosResponse<Buffer>> {
    try {
      return await request();
    } catch (error) {
      const reason = axios.isAxiosError(error) ? (error.code ?? error.message) : (error as Error).message;
      throw this.error(
        'retryable',
        'unreachable',
        `Không gọi được dịch vụ đọc văn bản ${this.contract.vendor} (${reason}).`,
        error,
      );
    }
  }

  private throwForStatus(response: AxiosResponse<Buffer>): void {
    const { status } = response;
    if (status >= 200 && status < 300) return;
    const json = parseJson(response);
    const messageField = this.contract.response.kind === 'json-url' ? this.contract.response.messageField : undefined;
    const reason = describe(valueAt(json, messageField ?? 'message'));
    if (status === 401 || status === 403) {
      throw this.error(
        'permanent',
        `http_${status}`,
        `Khóa API của dịch vụ đọc văn bản ${this.contract.vendor} không hợp lệ hoặc đã hết hạn${reason}.`,
      );
    }
    if (status === 429) {
      throw this.error(
        'rate_limited',
        'http_429',
        `${this.contract.vendor} đang giới hạn số yêu cầu${reason}.`,
        undefined,
        parseRetryAfterMs(response.headers['retry-after']) ?? 60_000,
      );
    }
    if (status >= 500 || status === 408) {
      throw this.error(
        'retryable',
        `http_${status}`,
        `Dịch vụ đọc văn bản ${this.contract.vendor} đang lỗi (HTTP ${status})${reason}.`,
      );
    }
    throw this.error(
      'permanent',
      `http_${status}`,
      `${this.contract.vendor} từ chối yêu cầu đọc văn bản (HTTP ${status})${reason}.`,
    );
  }

  private error(
    kind: TextToSpeechError['kind'],
    code: string,
    message: string,
    cause?: unknown,
    retryAfterMs?: number,
  ): TextToSpeechError {
    return new TextToSpeechError(kind, `${this.contract.vendor}.${code}`, message, { cause, retryAfterMs });
  }
}

function parseJson(response: AxiosResponse<Buffer>): unknown {
  try {
    return JSON.parse(Buffer.from(response.data ?? []).toString('utf8'));
  } catch {
    return undefined;
  }
}

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describe(message: unknown): string {
  return typeof message === 'string' && message.trim() !== '' ? `: ${message.trim().replace(/[.\s]+$/u, '')}` : '';
}
