import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { imageSize } from 'image-size';
import { DataSource } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { AudioProbeError, probeAudio, transcodeToMp3 } from '@nhip/channels';
import { AppConfig, DomainError, nfc, UUID } from '@nhip/core';

/** The largest picture an officer may upload. */
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;

/**
 * The most pixels a picture may have: a 48-megapixel phone photo passes, a small file that decodes into
 * gigabytes (a "decompression bomb") does not — WordPress, Facebook and the browser would each decode it.
 */
export const MAX_MEDIA_PIXELS = 50_000_000;

/** The formats every channel takes, recognised by their first bytes, never by the name or the browser's word. */
const SIGNATURES: Array<{ mimeType: string; matches: (b: Buffer) => boolean }> = [
  { mimeType: 'image/jpeg', matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mimeType: 'image/png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { mimeType: 'image/gif', matches: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  {
    mimeType: 'image/webp',
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** The largest recorded bulletin: about ten minutes of MP3 at 256 kbit/s, or of 16 kHz mono WAV. */
export const MAX_RECORDING_BYTES = 20 * 1024 * 1024;

/** The containers the loudspeaker stations take (`nhip-bulletin/1`), by ffprobe's name for them. */
const RECORDING_TYPES: Readonly<Record<string, string>> = { wav: 'audio/wav', mp3: 'audio/mpeg' };

/** What phones record (M4A/AAC, OGG/Opus, WebM), by ffprobe's name: converted to MP3 on upload. */
const PHONE_RECORDINGS = new Set(['mov,mp4,m4a,3gp,3g2,mj2', 'ogg', 'matroska,webm']);

export interface UploadedRecording {
  id: string;
  url: string;
  fileName: string;
  mimeType: string;
  byteSize: number;
  /** Measured by ffprobe from the file itself. */
  durationSeconds: number;
}

export interface UploadedPicture {
  id: string;
  url: string;
  fileName: string;
  mimeType: string;
  byteSize: number;
}

/**
 * Pictures uploaded for stories. Stored in Postgres; served at a public address whose random id is the
 * only key (channels fetch pictures without signing in), so an address is known only to those shown it.
 */
@Injectable()
export class MediaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async upload(
    agencyId: string,
    actorUserId: string,
    file: { buffer: Buffer; originalname: string } | undefined,
  ): Promise<UploadedPicture> {
    if (!file || file.buffer.length === 0)
      throw DomainError.invalid('MEDIA_FILE_REQUIRED', 'Chưa chọn ảnh để tải lên (trường "file").');
    if (file.buffer.length > MAX_MEDIA_BYTES)
      throw DomainError.invalid('MEDIA_TOO_LARGE', `Ảnh quá lớn: tối đa ${MAX_MEDIA_BYTES / 1024 / 1024} MB.`);
    const mimeType = SIGNATURES.find((s) => s.matches(file.buffer))?.mimeType;
    if (!mimeType) throw DomainError.invalid('MEDIA_TYPE_UNSUPPORTED', 'Tệp không phải ảnh JPEG, PNG, GIF hoặc WebP.');
    const { width, height } = dimensionsOf(file.buffer);
    if (width * height > MAX_MEDIA_PIXELS)
      throw DomainError.invalid(
        'IMAGE_TOO_LARGE',
        `Ảnh ${width}×${height} điểm ảnh quá lớn: tối đa ${MAX_MEDIA_PIXELS / 1_000_000} triệu điểm ảnh; hãy thu nhỏ ảnh rồi tải lại.`,
        { width, height, maxPixels: MAX_MEDIA_PIXELS },
      );
    // Multer reads the part's file name as Latin-1; browsers send it as UTF-8.
    const fileName = nfc(Buffer.from(file.originalname, 'latin1').toString('utf8')).slice(0, 200) || 'anh';
    return this.store(agencyId, actorUserId, file, fileName, mimeType);
  }

  /**
   * A bulletin recorded by an officer (for a language no voice reads, or a voice of their own): WAV or MP3
   * as ffprobe reads the bytes, whatever the name says, with its duration measured. Stored and served
   * like a picture; the bulletin takes its `url` as `audio`.
   */
  async uploadRecording(
    agencyId: string,
    actorUserId: string,
    file: { buffer: Buffer; originalname: string } | undefined,
  ): Promise<UploadedRecording> {
    if (!file || file.buffer.length === 0)
      throw DomainError.invalid('RECORDING_FILE_REQUIRED', 'Chưa chọn tệp ghi âm để tải lên (trường "file").');
    if (file.buffer.length > MAX_RECORDING_BYTES)
      throw DomainError.invalid(
        'RECORDING_TOO_LARGE',
        `Tệp ghi âm quá lớn: tối đa ${MAX_RECORDING_BYTES / 1024 / 1024} MB.`,
      );
    // Bytes that open no audio container are refused here, at once, without starting ffprobe for them.
    if (!looksLikeAudio(file.buffer))
      throw DomainError.invalid('RECORDING_TYPE_UNSUPPORTED', 'Tệp không phải bản ghi âm WAV, MP3, M4A hoặc OGG.');
    let probed;
    try {
      probed = await probeAudio(file.buffer);
    } catch (error) {
      if (!(error instanceof AudioProbeError)) throw error;
      if (error.reason === 'missing')
        throw new DomainError(
          'unavailable',
          'AUDIO_PROBE_UNAVAILABLE',
          'Máy chủ chưa cài ffprobe (gói ffmpeg) để đo tệp ghi âm; báo quản trị viên.',
        );
      probed = undefined;
    }
    let bytes = file.buffer;
    let fileName = nfc(Buffer.from(file.originalname, 'latin1').toString('utf8')).slice(0, 200) || 'ban-tin';
    if (probed && PHONE_RECORDINGS.has(probed.format)) {
      // Stations play WAV or MP3 only: a phone's recording is converted once, here, and measured again.
      bytes = await transcodeToMp3(file.buffer).catch(() => file.buffer);
      probed = bytes === file.buffer ? undefined : await probeAudio(bytes).catch(() => undefined);
      fileName = `${fileName.replace(/\.[^.]{1,5}$/, '')}.mp3`;
    }
    const mimeType = probed ? RECORDING_TYPES[probed.format] : undefined;
    if (!probed || !mimeType)
      throw DomainError.invalid('RECORDING_TYPE_UNSUPPORTED', 'Tệp không phải bản ghi âm WAV, MP3, M4A hoặc OGG.');
    if (bytes.length > MAX_RECORDING_BYTES)
      throw DomainError.invalid(
        'RECORDING_TOO_LARGE',
        `Tệp ghi âm quá lớn: tối đa ${MAX_RECORDING_BYTES / 1024 / 1024} MB.`,
      );
    const stored = await this.store(agencyId, actorUserId, { buffer: bytes }, fileName, mimeType);
    return { ...stored, durationSeconds: Math.round(probed.durationSeconds * 1000) / 1000 };
  }

  private store(
    agencyId: string,
    actorUserId: string,
    file: { buffer: Buffer },
    fileName: string,
    mimeType: string,
  ): Promise<UploadedPicture> {
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.db.transaction(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO media_files (agency_id, uploaded_by, file_name, mime_type, byte_size, sha256, data) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (agency_id, sha256) DO UPDATE SET file_name = media_files.file_name
         RETURNING id, file_name, (xmax = 0) AS inserted`,
        [agencyId, actorUserId, fileName, mimeType, file.buffer.length, sha256, file.buffer],
      );
      if (row.inserted) {
        await this.audit.record(
          {
            action: 'media.uploaded',
            subjectType: 'media',
            subjectId: row.id,
            actorUserId,
            agencyId,
            data: { fileName, mimeType, byteSize: file.buffer.length, sha256 },
          },
          manager,
        );
      }
      return { id: row.id, url: this.urlOf(row.id), fileName: row.file_name, mimeType, byteSize: file.buffer.length };
    });
  }

  async read(id: string): Promise<{ mimeType: string; data: Buffer; sha256: string }> {
    const [row] = UUID.test(id)
      ? await this.db.query(`SELECT mime_type, data, sha256 FROM media_files WHERE id = $1`, [id])
      : [];
    if (!row) throw DomainError.notFound('MEDIA_NOT_FOUND', 'Không tìm thấy tệp.');
    return { mimeType: row.mime_type, data: row.data, sha256: row.sha256 };
  }

  urlOf(id: string): string {
    return `${this.config.publicUrl}/api/v1/media/${id}`;
  }
}

/** Width and height from the picture's header alone (nothing is decoded); a header that cannot be read is refused. */
function dimensionsOf(buffer: Buffer): { width: number; height: number } {
  try {
    const { width, height } = imageSize(buffer);
    if (width > 0 && height > 0) return { width, height };
  } catch {
    // unreadable header: refused below
  }
  throw DomainError.invalid('MEDIA_TYPE_UNSUPPORTED', 'Không đọc được kích thước ảnh: tệp ảnh bị hỏng.');
}

/**
 * Whether the bytes begin as one of the containers recordings come in (WAV, MP3 with or without an ID3
 * tag, MP4/M4A, OGG, WebM); ffprobe then decides whether they really are one.
 */
function looksLikeAudio(b: Buffer): boolean {
  const text = (start: number, end: number) => b.subarray(start, end).toString('latin1');
  return (
    (text(0, 4) === 'RIFF' && text(8, 12) === 'WAVE') ||
    text(0, 3) === 'ID3' ||
    (b.length > 1 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0) ||
    text(4, 8) === 'ftyp' ||
    text(0, 4) === 'OggS' ||
    b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))
  );
}
