/** What a WAV file's header says about its audio. */
export interface WavInfo {
  /** 1 = integer PCM, 3 = IEEE float, 0xFFFE = extensible. */
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Bytes of audio per second (sampleRate × blockAlign). */
  byteRate: number;
  blockAlign: number;
  /** Offset of the first audio byte. */
  dataOffset: number;
  /** Audio bytes actually present in the buffer. */
  dataBytes: number;
  durationSeconds: number;
  /**
   * The header claims more data than the buffer holds. `espeak-ng --stdout` writes such a header because
   * it cannot seek back to fill in the sizes; `withExactWavSizes` rewrites it.
   */
  sizesFromStream: boolean;
}

export class WavFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WavFormatError';
  }
}

export function isWav(buffer: Buffer): boolean {
  return buffer.length >= 12 && buffer.toString('ascii', 0, 4) === 'RIFF' && buffer.toString('ascii', 8, 12) === 'WAVE';
}

/** Reads the RIFF/WAVE chunks up to `data`; throws WavFormatError on anything a player would refuse. */
export function readWavInfo(buffer: Buffer): WavInfo {
  if (!isWav(buffer)) throw new WavFormatError('not a RIFF/WAVE file');
  let format: Omit<WavInfo, 'dataOffset' | 'dataBytes' | 'durationSeconds' | 'sizesFromStream'> | undefined;
  for (let offset = 12; offset + 8 <= buffer.length;) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > buffer.length) throw new WavFormatError('fmt chunk is too short');
      format = {
        audioFormat: buffer.readUInt16LE(body),
        channels: buffer.readUInt16LE(body + 2),
        sampleRate: buffer.readUInt32LE(body + 4),
        byteRate: buffer.readUInt32LE(body + 8),
        blockAlign: buffer.readUInt16LE(body + 12),
        bitsPerSample: buffer.readUInt16LE(body + 14),
      };
      checkFormat(format);
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('data chunk before the fmt chunk');
      const present = buffer.length - body;
      const dataBytes = Math.min(size, present);
      return {
        ...format,
        dataOffset: body,
        dataBytes,
        durationSeconds: dataBytes / format.byteRate,
        sizesFromStream: size > present,
      };
    }
    offset = body + size + (size % 2);
  }
  throw new WavFormatError(format ? 'no data chunk' : 'no fmt chunk');
}

/** Duration in seconds of a WAV file's audio. */
export function wavDurationSeconds(buffer: Buffer): number {
  return readWavInfo(buffer).durationSeconds;
}

/**
 * The same audio with the RIFF and data sizes matching the bytes present (and anything after a streamed
 * data chunk treated as audio), so that strict readers on the receiving side accept it.
 */
export function withExactWavSizes(buffer: Buffer): Buffer {
  const info = readWavInfo(buffer);
  const usable = info.dataBytes - (info.dataBytes % info.blockAlign);
  const end = info.dataOffset + usable;
  const fixed = Buffer.from(buffer.subarray(0, end));
  fixed.writeUInt32LE(end - 8, 4);
  fixed.writeUInt32LE(usable, info.dataOffset - 4);
  return fixed;
}

function checkFormat(format: {
  audioFormat: number;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
}): void {
  if (![1, 3, 0xfffe].includes(format.audioFormat))
    throw new WavFormatError(`unsupported audio format ${format.audioFormat}`);
  if (format.channels < 1) throw new WavFormatError('no channels');
  if (format.sampleRate < 1) throw new WavFormatError('sample rate is zero');
  if (format.bitsPerSample < 1 || format.blockAlign !== format.channels * Math.ceil(format.bitsPerSample / 8)) {
    throw new WavFormatError('block alignment does not match channels and sample size');
  }
  if (format.byteRate !== format.sampleRate * format.blockAlign) {
    throw new WavFormatError('byte rate does not match sample rate and block alignment');
  }
}
