import axios, { type AxiosInstance } from 'axios';
import { createOutboundHttp, isHttpUrl, outboundRefusal } from '@nhip/core';
import { DEFAULT_SYLLABLES_PER_MINUTE, formatDurationVi, normaliseForSpeech } from '@nhip/speech';
import type {
  ChannelAccountContext,
  ChannelAdapter,
  ConnectionCheck,
  PublishOptions,
  PublishResult,
  ValidationProblem,
} from '../../channel';
import { ChannelError } from '../../channel-error';
import type { LoudspeakerBulletin } from '../../content/channel-content';
import { UnsupportedAudioError, measureAudio } from '../../tts/audio-info';
import { languageLabel, primaryLanguage } from '../../tts/languages';
import { type SynthesizedAudio, type TextToSpeech, TextToSpeechError } from '../../tts/text-to-speech';
import {
  type BulletinProtocol,
  NHIP_BULLETIN_PROTOCOL,
  NhipBulletinProtocol,
  type OutgoingBulletin,
  type StationBulletin,
  type StationEndpoint,
} from './bulletin.protocol';
import { validateLoudspeakerBulletin } from './loudspeaker.rules';

/** Non-secret settings of a loudspeaker account. */
export interface LoudspeakerSettings {
  /** Base URL of the commune's (or province's) information-source system. */
  endpoint: string;
  /** Station groups (cụm loa) used when a bulletin names none. */
  stationGroups?: string[];
  /** Length of the programme slot a bulletin must fit, in seconds. */
  slotSeconds?: number;
  /** Text-to-speech voice for this account's region (espeak-ng: vi, vi-vn-x-central, vi-vn-x-south). */
  voice?: string;
  /** Length of the air window derived for a normal bulletin that has none (from `publishAt`), in minutes. */
  airWindowMinutes?: number;
  /** Wire protocol; `nhip-bulletin/1` (PROTOCOL.md) unless a vendor protocol is registered. */
  protocol?: string;
}

export interface LoudspeakerChannelOptions {
  tts: TextToSpeech;
  /** Per HTTP request to the station (and for fetching supplied audio). */
  timeoutMs?: number;
  http?: AxiosInstance;
  /** Reading rate for the estimate and the rendering. */
  syllablesPerMinute?: number;
  /** Vendor protocols besides the built-in one, selected by the account's `protocol` setting. */
  protocols?: BulletinProtocol[];
  /** The clock, for air windows derived without a `publishAt`. */
  now?: () => Date;
}

const DEFAULT_AIR_WINDOW_MINUTES = 120;
const MAX_AUDIO_BYTES = 200 * 1024 * 1024;

/**
 * The commune loudspeaker (grassroots IP radio) channel: renders the script with text-to-speech unless
 * audio is supplied, and pushes the bulletin with its audio to the account's information-source system.
 * `externalRef` = idempotency key, and the system refuses a second bulletin with the same one, so a
 * retry cannot air a bulletin twice.
 */
export class LoudspeakerChannel implements ChannelAdapter<'loudspeaker'> {
  readonly type = 'loudspeaker' as const;
  // The station answers a bulletin lookup from the record it wrote when it acknowledged the bulletin.
  readonly visibilityWindowMs = 0;
  private readonly tts: TextToSpeech;
  private readonly http: AxiosInstance;
  private readonly timeoutMs: number;
  private readonly syllablesPerMinute: number;
  private readonly protocols = new Map<string, BulletinProtocol>();
  private readonly now: () => Date;

  constructor(options: LoudspeakerChannelOptions) {
    this.tts = options.tts;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.http = options.http ?? createOutboundHttp();
    this.syllablesPerMinute = options.syllablesPerMinute ?? DEFAULT_SYLLABLES_PER_MINUTE;
    this.now = options.now ?? (() => new Date());
    for (const protocol of [
      new NhipBulletinProtocol({ http: this.http, timeoutMs: this.timeoutMs }),
      ...(options.protocols ?? []),
    ]) {
      this.protocols.set(protocol.name, protocol);
    }
  }

  validate(content: unknown): ValidationProblem[] {
    return validateLoudspeakerBulletin(content, {
      syllablesPerMinute: this.syllablesPerMinute,
      hasVoiceFor: (language) => this.tts.voiceFor(language) !== undefined,
    });
  }

  /** The rules with the account's default station groups and slot length. */
  validateForAccount(account: ChannelAccountContext, content: unknown): ValidationProblem[] {
    const settings = readLoudspeakerSettings(account);
    return validateLoudspeakerBulletin(content, {
      defaultStationGroups: settings.stationGroups,
      slotSeconds: settings.slotSeconds,
      syllablesPerMinute: this.syllablesPerMinute,
      hasVoiceFor: (language) => this.tts.voiceFor(language, settings.voice) !== undefined,
    });
  }

  async publish(
    account: ChannelAccountContext,
    content: LoudspeakerBulletin,
    options: PublishOptions,
  ): Promise<PublishResult> {
    const settings = readLoudspeakerSettings(account);
    const target = this.target(account, settings);
    const protocol = this.protocol(settings);
    const problems = this.validateForAccount(account, content);
    if (problems.length > 0) {
      throw new ChannelError('permanent', 'loudspeaker.invalid_content', problems.map((p) => p.message).join(' '), {
        details: { problems },
      });
    }

    const stations = content.stations?.length ? content.stations : [...(settings.stationGroups ?? [])];
    const language = primaryLanguage(content.language);
    // validateForAccount above made sure a voice exists when no recording is supplied.
    const voice = content.audio ? undefined : this.tts.voiceFor(language, settings.voice)!.voice;
    const audio = content.audio
      ? await this.fetchAudio(content.audio.url)
      : await this.render(content.script, language, voice);
    if (content.audio && settings.slotSeconds !== undefined && audio.durationSeconds > settings.slotSeconds) {
      throw new ChannelError(
        'permanent',
        'loudspeaker.audio_exceeds_slot',
        `Tệp âm thanh dài ${formatDurationVi(audio.durationSeconds)}, vượt khung phát ${formatDurationVi(settings.slotSeconds)}.`,
      );
    }

    const outgoing: OutgoingBulletin = {
      externalRef: options.idempotencyKey,
      title: content.title.normalize('NFC').trim(),
      script: content.script,
      level: content.level,
      stations,
      airWindows: this.airWindows(content, settings, options.publishAt, audio.durationSeconds),
      audio: {
        bytes: audio.audio,
        mimeType: audio.mimeType,
        durationSeconds: audio.durationSeconds,
        source: content.audio ? 'supplied' : 'tts',
        ...(content.audio ? {} : { provider: this.tts.name, voice }),
      },
      language,
    };
    const { bulletin, duplicate } = await protocol.submit(target, outgoing);
    return toResult(bulletin, { duplicate, audioSeconds: audio.durationSeconds });
  }

  async lookup(account: ChannelAccountContext, idempotencyKey: string): Promise<PublishResult | null> {
    const settings = readLoudspeakerSettings(account);
    const found = await this.protocol(settings).findByExternalRef(this.target(account, settings), idempotencyKey);
    return found ? toResult(found, {}) : null;
  }

  async remove(account: ChannelAccountContext, externalId: string): Promise<void> {
    const settings = readLoudspeakerSettings(account);
    await this.protocol(settings).withdraw(this.target(account, settings), externalId);
  }

  async checkConnection(account: ChannelAccountContext): Promise<ConnectionCheck> {
    let settings: LoudspeakerSettings;
    let target: StationEndpoint;
    let protocol: BulletinProtocol;
    try {
      settings = readLoudspeakerSettings(account);
      target = this.target(account, settings);
      protocol = this.protocol(settings);
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    let stations;
    try {
      stations = await protocol.listStations(target);
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      return {
        ok: false,
        message: connectionMessage(error, target.endpoint),
        details: { kind: error.kind, code: error.code },
      };
    }
    const known = new Set(stations.map((s) => s.id));
    const missing = (settings.stationGroups ?? []).filter((group) => !known.has(group));
    const offline = stations.filter((s) => !s.online).map((s) => s.id);
    const details = {
      stations: stations.length,
      online: stations.length - offline.length,
      offline,
      missingStationGroups: missing,
    };
    if (missing.length > 0) {
      return {
        ok: false,
        message: `Kết nối được, nhưng hệ thống truyền thanh không có các cụm loa mặc định: ${missing.join(', ')}.`,
        details,
      };
    }
    if (stations.length === 0) {
      return { ok: false, message: 'Kết nối được, nhưng khóa API này không được phát tới cụm loa nào.', details };
    }
    return {
      ok: true,
      message: `Kết nối tốt: ${stations.length} cụm loa, ${details.online} cụm đang hoạt động.`,
      details,
    };
  }

  /**
   * The audio `publish` would render for this content's script on this account (same normalisation, voice
   * and rate), for the composer to play before submitting. A language without a voice is refused.
   */
  async renderPreview(account: ChannelAccountContext, content: LoudspeakerBulletin): Promise<SynthesizedAudio> {
    // Only the voice matters here: an account not yet connected to its station can be previewed.
    const regionalVoice = typeof account.settings.voice === 'string' ? account.settings.voice : undefined;
    const language = primaryLanguage(content.language);
    const found = this.tts.voiceFor(language, regionalVoice);
    if (!found) {
      throw new ChannelError(
        'permanent',
        'loudspeaker.no_voice',
        `Chưa có giọng đọc máy cho ${languageLabel(language)}; hãy nghe thử bản thu âm đã tải lên.`,
      );
    }
    if (typeof content.script !== 'string' || content.script.trim() === '') {
      throw new ChannelError(
        'permanent',
        'loudspeaker.invalid_content',
        'Bản tin phát thanh cần có nội dung kịch bản đọc.',
      );
    }
    return this.render(content.script, language, found.voice);
  }

  private async render(script: string, language: string, voice: string | undefined): Promise<SynthesizedAudio> {
    try {
      // The spoken-form rules are Vietnamese; another language's script is read as written.
      return await this.tts.synthesize(language === 'vi' ? normaliseForSpeech(script) : script, {
        voice,
        syllablesPerMinute: this.syllablesPerMinute,
      });
    } catch (error) {
      if (!(error instanceof TextToSpeechError)) throw error;
      // Nothing reached the station yet, so the kinds carry over as they are.
      throw new ChannelError(error.kind, `tts.${error.code}`, error.message, {
        retryAfterMs: error.retryAfterMs,
        cause: error,
      });
    }
  }

  private async fetchAudio(url: string): Promise<SynthesizedAudio> {
    let response;
    try {
      response = await this.http.get<Buffer>(url, {
        responseType: 'arraybuffer',
        timeout: this.timeoutMs,
        maxContentLength: MAX_AUDIO_BYTES,
        validateStatus: () => true,
      });
    } catch (error) {
      const refused = outboundRefusal(error);
      if (refused)
        throw new ChannelError('permanent', 'loudspeaker.address_refused', refused.message, { cause: error });
      throw new ChannelError(
        'retryable',
        'loudspeaker.audio_unreachable',
        `Không tải được tệp âm thanh đính kèm (${axios.isAxiosError(error) ? error.code : 'lỗi mạng'}).`,
        { cause: error },
      );
    }
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new ChannelError(
        'retryable',
        'loudspeaker.audio_unreachable',
        `Không tải được tệp âm thanh đính kèm (HTTP ${response.status}).`,
      );
    }
    if (response.status !== 200) {
      throw new ChannelError(
        'permanent',
        'loudspeaker.audio_unavailable',
        `Tệp âm thanh đính kèm không tải được (HTTP ${response.status}).`,
      );
    }
    try {
      return measureAudio(Buffer.from(response.data));
    } catch (error) {
      if (!(error instanceof UnsupportedAudioError)) throw error;
      throw new ChannelError(
        'permanent',
        'loudspeaker.audio_unsupported',
        `Tệp âm thanh đính kèm phải là WAV hoặc MP3 đọc được (${error.message}).`,
        { cause: error },
      );
    }
  }

  /**
   * Normal bulletins always travel with windows (derived from `publishAt` when the variant has none, long
   * enough for the audio); emergency ones never do; priority ones keep whatever the variant says.
   */
  private airWindows(
    content: LoudspeakerBulletin,
    settings: LoudspeakerSettings,
    publishAt: Date | undefined,
    audioSeconds: number,
  ): Array<{ start: string; end: string }> | undefined {
    if (content.level === 'emergency') return undefined;
    if (content.airWindows && content.airWindows.length > 0)
      return content.airWindows.map(({ start, end }) => ({ start, end }));
    if (content.level === 'priority') return undefined;
    const start = publishAt ?? this.now();
    const seconds = Math.max((settings.airWindowMinutes ?? DEFAULT_AIR_WINDOW_MINUTES) * 60, Math.ceil(audioSeconds));
    return [{ start: start.toISOString(), end: new Date(start.getTime() + seconds * 1000).toISOString() }];
  }

  private target(account: ChannelAccountContext, settings: LoudspeakerSettings): StationEndpoint {
    const apiKey = account.credentials?.apiKey;
    if (typeof apiKey !== 'string' || apiKey === '') {
      throw new ChannelError(
        'auth_expired',
        'loudspeaker.credentials_missing',
        'Tài khoản loa truyền thanh chưa có khóa API (apiKey).',
      );
    }
    return { endpoint: settings.endpoint, apiKey };
  }

  private protocol(settings: LoudspeakerSettings): BulletinProtocol {
    const name = settings.protocol ?? NHIP_BULLETIN_PROTOCOL;
    const protocol = this.protocols.get(name);
    if (!protocol) {
      throw new ChannelError(
        'permanent',
        'loudspeaker.settings_invalid',
        `Giao thức "${name}" chưa được hỗ trợ; dùng một trong: ${[...this.protocols.keys()].join(', ')}.`,
      );
    }
    return protocol;
  }
}

/** Reads and checks an account's settings; a wrong setting is a permanent error naming it. */
export function readLoudspeakerSettings(account: ChannelAccountContext): LoudspeakerSettings {
  const s = account.settings ?? {};
  const fail = (message: string) =>
    new ChannelError(
      'permanent',
      'loudspeaker.settings_invalid',
      `Cấu hình tài khoản loa truyền thanh chưa đúng: ${message}`,
    );
  const endpoint = s.endpoint;
  if (typeof endpoint !== 'string' || !isHttpUrl(endpoint))
    throw fail('địa chỉ nhận bản tin phải là địa chỉ http(s) của hệ thống nguồn thông tin.');
  const groups = s.stationGroups;
  if (
    groups !== undefined &&
    (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string' || g.trim() === ''))
  ) {
    throw fail('stationGroups phải là danh sách mã cụm loa.');
  }
  const positive = (name: string, value: unknown) => {
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0))
      throw fail(`${name} phải là số dương.`);
    return value as number | undefined;
  };
  const optionalString = (name: string, value: unknown) => {
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw fail(`${name} phải là chuỗi.`);
    return value as string | undefined;
  };
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    stationGroups: groups as string[] | undefined,
    slotSeconds: positive('slotSeconds', s.slotSeconds),
    airWindowMinutes: positive('airWindowMinutes', s.airWindowMinutes),
    voice: optionalString('voice', s.voice),
    protocol: optionalString('protocol', s.protocol),
  };
}

function toResult(bulletin: StationBulletin, extra: { duplicate?: boolean; audioSeconds?: number }): PublishResult {
  return {
    externalId: bulletin.id,
    // An information-source system has no public page for a bulletin.
    url: null,
    response: {
      status: bulletin.status,
      level: bulletin.level,
      stations: bulletin.stations,
      acknowledgedStations: bulletin.acknowledgedStations,
      pendingStations: bulletin.pendingStations,
      audioSeconds: bulletin.audioSeconds ?? extra.audioSeconds ?? null,
      ...(extra.duplicate ? { duplicate: true } : {}),
    },
  };
}

function connectionMessage(error: ChannelError, endpoint: string): string {
  switch (error.kind) {
    case 'auth_expired':
      return 'Khóa API bị hệ thống truyền thanh từ chối (sai hoặc đã hết hạn). Hãy nhập lại khóa API.';
    case 'rate_limited':
      return 'Hệ thống truyền thanh đang giới hạn số yêu cầu; thử lại sau ít phút.';
    case 'retryable':
      return error.code === 'loudspeaker.unreachable' ||
        error.code === 'loudspeaker.timeout' ||
        error.code === 'loudspeaker.connection_lost'
        ? `Không kết nối được tới hệ thống truyền thanh tại ${endpoint}. Kiểm tra địa chỉ và mạng.`
        : error.message;
    default:
      return error.options.details?.status === 404
        ? `Địa chỉ ${endpoint} không có dịch vụ phát bản tin (HTTP 404). Kiểm tra lại địa chỉ nhận bản tin.`
        : error.message;
  }
}
