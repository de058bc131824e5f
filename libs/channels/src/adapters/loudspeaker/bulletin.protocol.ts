import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import { createOutboundHttp, outboundRefusal, parseRetryAfterMs } from '@nhip/core';
import { ChannelError } from '../../channel-error';
import type { BulletinLevel } from '../../content/channel-content';
import type { AudioMimeType } from '../../tts/text-to-speech';
import { encodeMultipart } from './multipart';
import { REQUEST_NOT_SENT_CODES } from '../../transport-codes';

/** Where one commune's (or province's) information-source system is, and the key it gave us. */
export interface StationEndpoint {
  /** Base URL, without a trailing slash. */
  endpoint: string;
  apiKey: string;
}

export interface OutgoingBulletin {
  externalRef: string;
  title: string;
  /** The script as written (for the station's log and for people reading it aloud). */
  script: string;
  level: BulletinLevel;
  stations: string[];
  /** Absent for emergency bulletins. */
  airWindows?: Array<{ start: string; end: string }>;
  /** The language spoken (primary subtag); with supplied audio the script is its transcript. */
  language: string;
  audio: {
    bytes: Buffer;
    mimeType: AudioMimeType;
    durationSeconds: number;
    source: 'tts' | 'supplied';
    /** The text-to-speech provider and voice, when rendered. */
    voice?: string;
    provider?: string;
  };
}

export type StationBulletinStatus = 'accepted' | 'scheduled' | 'airing' | 'aired';

/** The station's view of a bulletin it holds. */
export interface StationBulletin {
  id: string;
  externalRef: string;
  status: StationBulletinStatus;
  level: BulletinLevel;
  stations: string[];
  /** Station groups that confirmed they have the bulletin. */
  acknowledgedStations: string[];
  /** Station groups that are offline and will receive it when they reconnect. */
  pendingStations: string[];
  audioSeconds: number | null;
}

export interface StationInfo {
  id: string;
  name: string;
  online: boolean;
}

/**
 * One wire protocol for pushing bulletins to an information-source system. Every method maps the
 * system's answers to ChannelError kinds. A vendor's own protocol is a second implementation.
 */
export interface BulletinProtocol {
  /** Selected by the account setting `protocol`. */
  readonly name: string;
  /** Creates the bulletin; when the system already holds one with this `externalRef`, returns that one with `duplicate: true`. */
  submit(
    target: StationEndpoint,
    bulletin: OutgoingBulletin,
  ): Promise<{ bulletin: StationBulletin; duplicate: boolean }>;
  findByExternalRef(target: StationEndpoint, externalRef: string): Promise<StationBulletin | null>;
  /** Takes the bulletin off the air and out of the schedule; a bulletin that is already gone is not an error. */
  withdraw(target: StationEndpoint, id: string): Promise<void>;
  listStations(target: StationEndpoint): Promise<StationInfo[]>;
}

export const NHIP_BULLETIN_PROTOCOL = 'nhip-bulletin/1';

/** Network errors that prove the request never reached the station. */

type Operation = 'submit' | 'find' | 'withdraw' | 'stations';

/** The protocol in `PROTOCOL.md` next to this file. */
export class NhipBulletinProtocol implements BulletinProtocol {
  readonly name = NHIP_BULLETIN_PROTOCOL;
  private readonly http: AxiosInstance;
  private readonly timeoutMs: number;

  constructor(options: { http?: AxiosInstance; timeoutMs?: number } = {}) {
    this.http = options.http ?? createOutboundHttp();
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async submit(
    target: StationEndpoint,
    bulletin: OutgoingBulletin,
  ): Promise<{ bulletin: StationBulletin; duplicate: boolean }> {
    const metadata = {
      externalRef: bulletin.externalRef,
      title: bulletin.title,
      script: bulletin.script,
      level: bulletin.level,
      stations: bulletin.stations,
      ...(bulletin.airWindows ? { airWindows: bulletin.airWindows } : {}),
      language: bulletin.language,
      audio: {
        mimeType: bulletin.audio.mimeType,
        durationSeconds: Math.round(bulletin.audio.durationSeconds * 1000) / 1000,
        bytes: bulletin.audio.bytes.length,
        source: bulletin.audio.source,
        ...(bulletin.audio.provider ? { provider: bulletin.audio.provider } : {}),
        ...(bulletin.audio.voice ? { voice: bulletin.audio.voice } : {}),
      },
    };
    const { body, contentType } = encodeMultipart([
      { name: 'metadata', contentType: 'application/json; charset=utf-8', body: JSON.stringify(metadata) },
      {
        name: 'audio',
        contentType: bulletin.audio.mimeType,
        filename: bulletin.audio.mimeType === 'audio/wav' ? 'bulletin.wav' : 'bulletin.mp3',
        body: bulletin.audio.bytes,
      },
    ]);
    const response = await this.send('submit', target, 'POST', '/bulletins', {
      data: body,
      headers: { 'Content-Type': contentType },
    });

    if (response.status === 409) {
      const existingId = stringField(parseBody(response), 'id');
      const existing = existingId
        ? await this.findById(target, existingId)
        : await this.findByExternalRef(target, bulletin.externalRef);
      if (!existing) {
        throw new ChannelError(
          'unknown',
          'loudspeaker.duplicate_not_found',
          'Hệ thống truyền thanh báo bản tin đã tồn tại nhưng không tìm thấy bản tin đó.',
        );
      }
      return { bulletin: existing, duplicate: true };
    }
    this.throwForStatus('submit', response);
    const created = toStationBulletin(parseBody(response));
    // The station may have stored it: only a lookup can tell.
    if (!created)
      throw new ChannelError(
        'unknown',
        'loudspeaker.bad_response',
        'Hệ thống truyền thanh trả lời không đúng giao thức sau khi nhận bản tin.',
      );
    return { bulletin: created, duplicate: false };
  }

  async findByExternalRef(target: StationEndpoint, externalRef: string): Promise<StationBulletin | null> {
    const response = await this.send(
      'find',
      target,
      'GET',
      `/bulletins?externalRef=${encodeURIComponent(externalRef)}`,
    );
    this.throwForStatus('find', response);
    const items = (parseBody(response) as { items?: unknown } | undefined)?.items;
    if (!Array.isArray(items))
      throw new ChannelError(
        'retryable',
        'loudspeaker.bad_response',
        'Hệ thống truyền thanh trả lời danh sách bản tin không đúng giao thức.',
      );
    const found = items.map(toStationBulletin).find((item) => item?.externalRef === externalRef);
    return found ?? null;
  }

  async withdraw(target: StationEndpoint, id: string): Promise<void> {
    const response = await this.send('withdraw', target, 'DELETE', `/bulletins/${encodeURIComponent(id)}`);
    if (response.status === 404) return;
    this.throwForStatus('withdraw', response);
  }

  async listStations(target: StationEndpoint): Promise<StationInfo[]> {
    const response = await this.send('stations', target, 'GET', '/stations');
    this.throwForStatus('stations', response);
    const stations = (parseBody(response) as { stations?: unknown } | undefined)?.stations;
    if (!Array.isArray(stations)) {
      throw new ChannelError(
        'permanent',
        'loudspeaker.not_a_station',
        `Địa chỉ ${target.endpoint} không trả lời theo giao thức phát bản tin (không có danh sách cụm loa).`,
      );
    }
    return stations
      .filter(
        (s): s is Record<string, unknown> =>
          s !== null && typeof s === 'object' && typeof (s as { id?: unknown }).id === 'string',
      )
      .map((s) => ({
        id: s.id as string,
        name: typeof s.name === 'string' ? s.name : (s.id as string),
        online: s.online !== false,
      }));
  }

  private async findById(target: StationEndpoint, id: string): Promise<StationBulletin | null> {
    const response = await this.send('find', target, 'GET', `/bulletins/${encodeURIComponent(id)}`);
    if (response.status === 404) return null;
    this.throwForStatus('find', response);
    return toStationBulletin(parseBody(response));
  }

  private async send(
    operation: Operation,
    target: StationEndpoint,
    method: Method,
    path: string,
    extra: { data?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<AxiosResponse<Buffer>> {
    try {
      return await this.http.request<Buffer>({
        method,
        url: `${target.endpoint}${path}`,
        data: extra.data,
        headers: { Accept: 'application/json', Authorization: `Bearer ${target.apiKey}`, ...extra.headers },
        responseType: 'arraybuffer',
        timeout: this.timeoutMs,
        maxRedirects: 0,
        maxBodyLength: Infinity,
        validateStatus: () => true,
      });
    } catch (error) {
      throw networkError(operation, target, error);
    }
  }

  private throwForStatus(operation: Operation, response: AxiosResponse<Buffer>): void {
    const { status } = response;
    if (status >= 200 && status < 300) return;
    const body = parseBody(response);
    const stationCode = stringField(body, 'error');
    const stationMessage = stringField(body, 'message');
    const reason = stationMessage ? `: ${stationMessage.replace(/[.。\s]+$/u, '')}` : '';
    const details = {
      status,
      ...(stationCode ? { stationCode } : {}),
      ...(stationMessage ? { stationMessage } : {}),
      ...(stringField(body, 'field') ? { field: stringField(body, 'field') } : {}),
    };

    if (status === 401) {
      throw new ChannelError(
        'auth_expired',
        'loudspeaker.unauthorized',
        `Hệ thống truyền thanh từ chối khóa API (sai hoặc đã hết hạn)${reason}.`,
        { details },
      );
    }
    if (status === 429) {
      throw new ChannelError(
        'rate_limited',
        'loudspeaker.rate_limited',
        `Hệ thống truyền thanh đang giới hạn số yêu cầu${reason}.`,
        {
          retryAfterMs: parseRetryAfterMs(response.headers['retry-after']) ?? 60_000,
          details,
        },
      );
    }
    if (status >= 500 || status === 408) {
      throw new ChannelError(
        'retryable',
        `loudspeaker.http_${status}`,
        `Hệ thống truyền thanh đang lỗi (HTTP ${status})${reason}.`,
        { details },
      );
    }
    const what = operation === 'submit' ? 'bản tin' : operation === 'withdraw' ? 'yêu cầu gỡ bản tin' : 'yêu cầu';
    throw new ChannelError(
      'permanent',
      `loudspeaker.${stationCode ?? `http_${status}`}`,
      `Hệ thống truyền thanh từ chối ${what} (HTTP ${status})${reason}.`,
      { details },
    );
  }
}

function networkError(operation: Operation, target: StationEndpoint, error: unknown): ChannelError {
  const refused = outboundRefusal(error);
  // Refused before connecting: nothing was sent, and the key went nowhere.
  if (refused) return new ChannelError('permanent', 'loudspeaker.address_refused', refused.message, { cause: error });
  const code = axios.isAxiosError(error) ? error.code : undefined;
  const details = { networkCode: code ?? null };
  if (code && REQUEST_NOT_SENT_CODES.has(code)) {
    return new ChannelError(
      'retryable',
      'loudspeaker.unreachable',
      `Không kết nối được tới hệ thống truyền thanh tại ${target.endpoint} (${code}).`,
      { details, cause: error },
    );
  }
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  if (operation === 'submit') {
    // The bulletin may have been stored and may air: resolve with a lookup, never a blind retry.
    return new ChannelError(
      'unknown',
      timedOut ? 'loudspeaker.timeout' : 'loudspeaker.connection_lost',
      timedOut
        ? 'Hệ thống truyền thanh không trả lời kịp sau khi nhận bản tin; chưa rõ bản tin đã được lưu hay chưa.'
        : `Mất kết nối với hệ thống truyền thanh khi đang gửi bản tin (${code ?? 'lỗi mạng'}); chưa rõ bản tin đã được lưu hay chưa.`,
      { details, cause: error },
    );
  }
  return new ChannelError(
    'retryable',
    timedOut ? 'loudspeaker.timeout' : 'loudspeaker.connection_lost',
    timedOut
      ? `Hệ thống truyền thanh tại ${target.endpoint} không trả lời kịp.`
      : `Mất kết nối với hệ thống truyền thanh tại ${target.endpoint} (${code ?? 'lỗi mạng'}).`,
    { details, cause: error },
  );
}

function parseBody(response: AxiosResponse<Buffer>): unknown {
  try {
    return JSON.parse(Buffer.from(response.data ?? []).toString('utf8'));
  } catch {
    return undefined;
  }
}

function stringField(body: unknown, key: string): string | undefined {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const STATUSES: readonly string[] = ['accepted', 'scheduled', 'airing', 'aired'];

function toStationBulletin(body: unknown): StationBulletin | null {
  if (body === null || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (typeof b.id !== 'string' || b.id === '' || typeof b.status !== 'string' || !STATUSES.includes(b.status))
    return null;
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const audio = b.audio as { durationSeconds?: unknown } | undefined;
  return {
    id: b.id,
    externalRef: typeof b.externalRef === 'string' ? b.externalRef : '',
    status: b.status as StationBulletinStatus,
    level: b.level as BulletinLevel,
    stations: strings(b.stations),
    acknowledgedStations: strings(b.acknowledgedStations),
    pendingStations: strings(b.pendingStations),
    audioSeconds: typeof audio?.durationSeconds === 'number' ? audio.durationSeconds : null,
  };
}
