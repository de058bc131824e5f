import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An information-source system that speaks `libs/channels/src/adapters/loudspeaker/PROTOCOL.md` and
 * enforces it: API key, multipart shape, audio that plays (RIFF/WAVE PCM or MPEG frames, duration > 0,
 * declared size and duration matching the bytes), the level rules, known stations, and one bulletin per
 * externalRef. Its WAV and MP3 readers are written here on purpose, independent of the adapter's.
 */

export interface FakeStationInfo {
  id: string;
  name?: string;
  online?: boolean;
}

export interface FakeStationOptions {
  apiKey?: string;
  stations?: FakeStationInfo[];
}

export type InjectedFailure =
  /** Answer with this status (and body / Retry-After) without touching the bulletin. */
  | { kind: 'status'; status: number; body?: unknown; retryAfter?: string }
  /** Store the bulletin, then never answer (the client times out). */
  | { kind: 'hang-after-accept' }
  /** Store the bulletin, then cut the connection. */
  | { kind: 'drop-after-accept' };

export type FakeRoute = 'POST /bulletins' | 'GET /bulletins' | 'DELETE /bulletins' | 'GET /stations';

export interface ReceivedBulletin {
  id: string;
  externalRef: string;
  title: string;
  script: string;
  level: string;
  stations: string[];
  airWindows?: Array<{ start: string; end: string }>;
  status: 'accepted' | 'scheduled' | 'airing' | 'aired';
  acknowledgedStations: string[];
  pendingStations: string[];
  /** The metadata part exactly as received. */
  metadata: Record<string, unknown>;
  audio: Buffer;
  audioMimeType: string;
  /** Computed by this fake from the audio's own header or frames. */
  audioSeconds: number;
  receivedAt: Date;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number | 'hung' | 'dropped';
}

const MAX_BODY_BYTES = 200 * 1024 * 1024;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

class Reject extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class FakeStation {
  private server!: Server;
  private apiKey: string;
  private readonly stations = new Map<string, Required<FakeStationInfo>>();
  private readonly stored = new Map<string, ReceivedBulletin>();
  private readonly failures: Array<{ route: FakeRoute; failure: InjectedFailure }> = [];
  /** Every request, in order, with what it was answered. */
  readonly log: LoggedRequest[] = [];
  url = '';

  private constructor(options: FakeStationOptions) {
    this.apiKey = options.apiKey ?? 'station-key';
    for (const s of options.stations ?? [{ id: 'cum-loa-1' }, { id: 'cum-loa-2' }]) {
      this.stations.set(s.id, { id: s.id, name: s.name ?? `Cụm loa ${s.id}`, online: s.online ?? true });
    }
  }

  static async start(options: FakeStationOptions = {}): Promise<FakeStation> {
    const station = new FakeStation(options);
    station.server = createServer((req, res) => {
      station.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) station.json(req, res, 500, { error: 'internal', message: String(error) });
      });
    });
    await new Promise<void>((resolve) => station.server.listen(0, '127.0.0.1', resolve));
    station.url = `http://127.0.0.1:${(station.server.address() as AddressInfo).port}`;
    return station;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Bulletins the station holds now. */
  bulletins(): ReceivedBulletin[] {
    return [...this.stored.values()];
  }

  /** How many create requests arrived, whatever they were answered. */
  get submissions(): number {
    return this.log.filter((r) => r.method === 'POST' && r.path === '/bulletins').length;
  }

  /** The next `times` requests on `route` fail this way. */
  failNext(route: FakeRoute, failure: InjectedFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push({ route, failure });
  }

  rotateApiKey(apiKey: string): void {
    this.apiKey = apiKey;
  }

  setOnline(stationId: string, online: boolean): void {
    const station = this.stations.get(stationId);
    if (!station) throw new Error(`no station ${stationId}`);
    station.online = online;
  }

  markAired(id: string): void {
    const bulletin = this.stored.get(id);
    if (!bulletin) throw new Error(`no bulletin ${id}`);
    bulletin.status = 'aired';
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    if (body === null) return this.json(req, res, 413, { error: 'too_large', message: 'Bản tin quá lớn.' });

    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return this.json(req, res, 401, { error: 'unauthorized', message: 'Khóa API không hợp lệ hoặc đã hết hạn.' });
    }

    const segments = url.pathname.split('/').filter(Boolean);
    const route: FakeRoute | null =
      segments[0] === 'bulletins'
        ? method === 'POST' && segments.length === 1
          ? 'POST /bulletins'
          : method === 'GET'
            ? 'GET /bulletins'
            : method === 'DELETE' && segments.length === 2
              ? 'DELETE /bulletins'
              : null
        : segments[0] === 'stations' && segments.length === 1 && method === 'GET'
          ? 'GET /stations'
          : null;
    if (!route) return this.json(req, res, 404, { error: 'not_found', message: 'Không có tài nguyên này.' });

    const index = this.failures.findIndex((f) => f.route === route);
    const failure = index >= 0 ? this.failures.splice(index, 1)[0].failure : null;
    if (failure?.kind === 'status') {
      if (failure.retryAfter !== undefined) res.setHeader('Retry-After', failure.retryAfter);
      return this.json(
        req,
        res,
        failure.status,
        failure.body ?? { error: `injected_${failure.status}`, message: 'Lỗi giả lập.' },
      );
    }

    switch (route) {
      case 'POST /bulletins':
        return this.create(req, res, body, failure);
      case 'GET /bulletins':
        if (segments.length === 2) {
          const found = this.stored.get(decodeURIComponent(segments[1]));
          return found
            ? this.json(req, res, 200, represent(found))
            : this.json(req, res, 404, { error: 'not_found', message: 'Không có bản tin này.' });
        }
        return this.json(req, res, 200, {
          items: this.bulletins()
            .filter(
              (b) => !url.searchParams.has('externalRef') || b.externalRef === url.searchParams.get('externalRef'),
            )
            .map(represent),
        });
      case 'DELETE /bulletins': {
        const id = decodeURIComponent(segments[1]);
        const found = this.stored.get(id);
        if (!found) return this.json(req, res, 404, { error: 'not_found', message: 'Không có bản tin này.' });
        if (found.status === 'aired')
          return this.json(req, res, 409, { error: 'already_aired', message: 'Bản tin đã phát xong, không gỡ được.' });
        this.stored.delete(id);
        this.log.push({ method, path: url.pathname, status: 204 });
        res.writeHead(204).end();
        return;
      }
      case 'GET /stations':
        return this.json(req, res, 200, { stations: [...this.stations.values()] });
    }
  }

  private create(req: IncomingMessage, res: ServerResponse, body: Buffer, failure: InjectedFailure | null): void {
    let bulletin: ReceivedBulletin;
    try {
      const parts = parseMultipart(req.headers['content-type'], body);
      const metadataPart = parts.find((p) => p.name === 'metadata');
      const audioPart = parts.find((p) => p.name === 'audio');
      if (!metadataPart || !audioPart || parts.length !== 2) {
        throw new Reject(400, 'multipart_invalid', 'Cần đúng hai phần: metadata và audio.');
      }
      if (!/^application\/json\b/.test(metadataPart.contentType))
        throw new Reject(400, 'metadata_invalid', 'Phần metadata phải là JSON.', 'metadata');
      let metadata: Record<string, unknown>;
      try {
        metadata = JSON.parse(metadataPart.body.toString('utf8')) as Record<string, unknown>;
      } catch {
        throw new Reject(400, 'metadata_invalid', 'Phần metadata không phải JSON hợp lệ.', 'metadata');
      }
      if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
        throw new Reject(400, 'metadata_invalid', 'Phần metadata phải là một đối tượng JSON.', 'metadata');

      const externalRef = metadata.externalRef;
      if (typeof externalRef !== 'string' || externalRef === '' || externalRef.length > 200) {
        throw new Reject(422, 'external_ref_invalid', 'externalRef phải là chuỗi 1–200 ký tự.', 'externalRef');
      }
      const existing = this.bulletins().find((b) => b.externalRef === externalRef);
      if (existing) {
        this.log.push({ method: 'POST', path: '/bulletins', status: 409 });
        res.writeHead(409, { 'Content-Type': 'application/json' }).end(
          JSON.stringify({
            error: 'duplicate_external_ref',
            message: 'Đã có bản tin với externalRef này.',
            id: existing.id,
          }),
        );
        return;
      }
      bulletin = this.checkBulletin(metadata, audioPart);
    } catch (error) {
      if (!(error instanceof Reject)) throw error;
      return this.json(req, res, error.status, {
        error: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
      });
    }

    this.stored.set(bulletin.id, bulletin);
    if (failure?.kind === 'hang-after-accept') {
      this.log.push({ method: 'POST', path: '/bulletins', status: 'hung' });
      return;
    }
    if (failure?.kind === 'drop-after-accept') {
      this.log.push({ method: 'POST', path: '/bulletins', status: 'dropped' });
      req.socket.destroy();
      return;
    }
    this.json(req, res, 201, represent(bulletin));
  }

  private checkBulletin(metadata: Record<string, unknown>, audioPart: Part): ReceivedBulletin {
    const { title, script, level, stations, airWindows } = metadata;
    if (typeof title !== 'string' || title.trim() === '' || [...title].length > 200)
      throw new Reject(422, 'title_invalid', 'Tiêu đề phải có 1–200 ký tự.', 'title');
    if (typeof script !== 'string' || script.trim() === '')
      throw new Reject(422, 'script_invalid', 'Thiếu kịch bản đọc.', 'script');
    if (level !== 'normal' && level !== 'priority' && level !== 'emergency')
      throw new Reject(422, 'level_invalid', 'Mức độ phải là normal, priority hoặc emergency.', 'level');
    if (!Array.isArray(stations) || stations.length === 0 || stations.some((s) => typeof s !== 'string')) {
      throw new Reject(422, 'stations_required', 'Cần ít nhất một cụm loa.', 'stations');
    }
    const unknown = (stations as string[]).filter((s) => !this.stations.has(s));
    if (unknown.length > 0)
      throw new Reject(422, 'unknown_station', `Cụm loa không tồn tại: ${unknown.join(', ')}.`, 'stations');

    const audio = measure(audioPart);
    const declared = metadata.audio as { mimeType?: unknown; durationSeconds?: unknown; bytes?: unknown } | undefined;
    if (!declared || declared.mimeType !== audioPart.contentType)
      throw new Reject(422, 'audio_type_mismatch', 'Loại âm thanh khai báo khác tệp gửi kèm.', 'audio.mimeType');
    if (declared.bytes !== audioPart.body.length)
      throw new Reject(422, 'audio_size_mismatch', 'Kích thước âm thanh khai báo khác tệp gửi kèm.', 'audio.bytes');
    if (
      typeof declared.durationSeconds !== 'number' ||
      Math.abs(declared.durationSeconds - audio) > Math.max(0.5, audio * 0.02)
    ) {
      throw new Reject(
        422,
        'audio_duration_mismatch',
        `Thời lượng khai báo khác thời lượng tệp (${audio.toFixed(2)} giây).`,
        'audio.durationSeconds',
      );
    }

    if (level === 'emergency' && airWindows !== undefined) {
      throw new Reject(
        422,
        'emergency_with_air_windows',
        'Bản tin khẩn cấp phát ngay, không nhận khung giờ.',
        'airWindows',
      );
    }
    if (level === 'normal' && (!Array.isArray(airWindows) || airWindows.length === 0)) {
      throw new Reject(422, 'air_windows_required', 'Bản tin thường cần ít nhất một khung giờ phát.', 'airWindows');
    }
    if (airWindows !== undefined) {
      if (!Array.isArray(airWindows))
        throw new Reject(422, 'air_window_invalid', 'airWindows phải là danh sách.', 'airWindows');
      airWindows.forEach((w: { start?: unknown; end?: unknown }, i) => {
        const field = `airWindows[${i}]`;
        if (
          typeof w?.start !== 'string' ||
          typeof w?.end !== 'string' ||
          !ISO_INSTANT.test(w.start) ||
          !ISO_INSTANT.test(w.end)
        ) {
          throw new Reject(422, 'air_window_invalid', 'Khung giờ phải là thời điểm ISO 8601 có múi giờ.', field);
        }
        const start = Date.parse(w.start);
        const end = Date.parse(w.end);
        if (!(start < end))
          throw new Reject(422, 'air_window_invalid', 'Khung giờ phải kết thúc sau khi bắt đầu.', field);
        if (end <= Date.now()) throw new Reject(422, 'air_window_past', 'Khung giờ phát đã qua.', field);
        if ((end - start) / 1000 < audio)
          throw new Reject(422, 'air_window_too_short', 'Khung giờ ngắn hơn thời lượng bản tin.', field);
      });
    }

    const list = stations as string[];
    return {
      id: randomUUID(),
      externalRef: metadata.externalRef as string,
      title,
      script,
      level,
      stations: list,
      airWindows: airWindows as ReceivedBulletin['airWindows'],
      status: level === 'emergency' ? 'airing' : 'scheduled',
      acknowledgedStations: list.filter((s) => this.stations.get(s)!.online),
      pendingStations: list.filter((s) => !this.stations.get(s)!.online),
      metadata,
      audio: audioPart.body,
      audioMimeType: audioPart.contentType,
      audioSeconds: audio,
      receivedAt: new Date(),
    };
  }

  private json(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
    this.log.push({ method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://fake').pathname, status });
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }
}

function represent(b: ReceivedBulletin): Record<string, unknown> {
  return {
    id: b.id,
    externalRef: b.externalRef,
    title: b.title,
    level: b.level,
    stations: b.stations,
    ...(b.airWindows ? { airWindows: b.airWindows } : {}),
    status: b.status,
    acknowledgedStations: b.acknowledgedStations,
    pendingStations: b.pendingStations,
    audio: { mimeType: b.audioMimeType, durationSeconds: b.audioSeconds, bytes: b.audio.length },
    receivedAt: b.receivedAt.toISOString(),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

interface Part {
  name: string;
  filename?: string;
  contentType: string;
  body: Buffer;
}

function parseMultipart(contentType: string | undefined, body: Buffer): Part[] {
  const match = /^multipart\/form-data;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!match) throw new Reject(400, 'multipart_required', 'Nội dung phải là multipart/form-data có boundary.');
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const parts: Part[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw new Reject(400, 'multipart_invalid', 'Không tìm thấy boundary trong nội dung.');
  for (;;) {
    position += delimiter.length;
    if (body.toString('ascii', position, position + 2) === '--') return parts;
    if (body.toString('ascii', position, position + 2) !== '\r\n')
      throw new Reject(400, 'multipart_invalid', 'Boundary không kết thúc bằng CRLF.');
    position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) throw new Reject(400, 'multipart_invalid', 'Phần không có tiêu đề.');
    const headers = new Map<string, string>();
    for (const line of body.toString('utf8', position, headerEnd).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new Reject(400, 'multipart_invalid', 'Nội dung multipart bị cắt cụt.');
    const disposition = headers.get('content-disposition') ?? '';
    const name = /;\s*name="([^"]*)"/.exec(disposition)?.[1];
    if (!/^form-data\b/.test(disposition) || name === undefined)
      throw new Reject(400, 'multipart_invalid', 'Phần thiếu Content-Disposition form-data.');
    parts.push({
      name,
      filename: /;\s*filename="([^"]*)"/.exec(disposition)?.[1],
      contentType: (headers.get('content-type') ?? 'text/plain').toLowerCase(),
      body: body.subarray(headerEnd + 4, next),
    });
    position = next + 2;
  }
}

/** Duration of the audio part; rejects anything a loudspeaker player could not play. */
function measure(part: Part): number {
  const bytes = part.body;
  if (part.contentType === 'audio/wav') {
    if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE')
      throw new Reject(422, 'audio_invalid', 'Tệp không phải RIFF/WAVE.', 'audio');
    if (bytes.readUInt32LE(4) !== bytes.length - 8)
      throw new Reject(422, 'audio_invalid', 'Kích thước RIFF khác kích thước tệp.', 'audio');
    let byteRate = 0;
    for (let offset = 12; offset + 8 <= bytes.length;) {
      const id = bytes.toString('ascii', offset, offset + 4);
      const size = bytes.readUInt32LE(offset + 4);
      if (id === 'fmt ') {
        const format = bytes.readUInt16LE(offset + 8);
        const channels = bytes.readUInt16LE(offset + 10);
        const sampleRate = bytes.readUInt32LE(offset + 12);
        byteRate = bytes.readUInt32LE(offset + 16);
        const blockAlign = bytes.readUInt16LE(offset + 20);
        if (format !== 1 || channels < 1 || sampleRate < 1 || byteRate !== sampleRate * blockAlign) {
          throw new Reject(422, 'audio_invalid', 'Định dạng WAV phải là PCM hợp lệ.', 'audio');
        }
      }
      if (id === 'data') {
        if (byteRate === 0) throw new Reject(422, 'audio_invalid', 'WAV thiếu khối fmt trước khối data.', 'audio');
        if (offset + 8 + size > bytes.length) throw new Reject(422, 'audio_invalid', 'Khối data dài hơn tệp.', 'audio');
        if (size === 0) throw new Reject(422, 'audio_invalid', 'Tệp âm thanh rỗng.', 'audio');
        return size / byteRate;
      }
      offset += 8 + size + (size % 2);
    }
    throw new Reject(422, 'audio_invalid', 'WAV không có khối data.', 'audio');
  }
  if (part.contentType === 'audio/mpeg') {
    let offset = 0;
    if (bytes.toString('ascii', 0, 3) === 'ID3')
      offset =
        10 + (((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f));
    let seconds = 0;
    while (offset + 4 <= bytes.length && bytes[offset] === 0xff && (bytes[offset + 1] & 0xe0) === 0xe0) {
      const mpeg1 = (bytes[offset + 1] & 0x18) === 0x18;
      const layer3 = (bytes[offset + 1] & 0x06) === 0x02;
      const kbps = (
        mpeg1
          ? [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
          : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
      )[bytes[offset + 2] >> 4];
      const rate = (mpeg1 ? [44100, 48000, 32000] : [22050, 24000, 16000])[(bytes[offset + 2] >> 2) & 3];
      if (!layer3 || !kbps || !rate) break;
      const samples = mpeg1 ? 1152 : 576;
      offset += Math.floor(((samples / 8) * kbps * 1000) / rate) + ((bytes[offset + 2] >> 1) & 1);
      seconds += samples / rate;
    }
    if (seconds === 0) throw new Reject(422, 'audio_invalid', 'Tệp không phải MP3 (MPEG-1/2 Layer III).', 'audio');
    return seconds;
  }
  throw new Reject(422, 'audio_type_unsupported', 'Chỉ nhận audio/wav hoặc audio/mpeg.', 'audio');
}
