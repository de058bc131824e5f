/**
 * Duration of an MPEG audio (MP3) file by walking its frames: each frame holds a fixed number of samples,
 * so summing frames is exact for constant and variable bitrates alike (a Xing/Info header frame counts
 * as one silent frame, ~26 ms).
 */

const BITRATES_KBPS: Record<string, readonly number[]> = {
  'v1-l1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  'v1-l2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  'v1-l3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  'v2-l1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  'v2-l2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  'v2-l3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

const SAMPLE_RATES: Record<number, readonly number[]> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
};

export interface Mp3Frame {
  length: number;
  samples: number;
  sampleRate: number;
}

export class Mp3FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Mp3FormatError';
  }
}

/** The header of the frame starting at `offset`, or null when there is no valid frame there. */
export function readMp3Frame(buffer: Buffer, offset: number): Mp3Frame | null {
  if (offset + 4 > buffer.length) return null;
  const header = buffer.readUInt32BE(offset);
  if ((header & 0xffe00000) >>> 0 !== 0xffe00000) return null;
  const version = (header >>> 19) & 3;
  const layerBits = (header >>> 17) & 3;
  const bitrateIndex = (header >>> 12) & 15;
  const sampleRateIndex = (header >>> 10) & 3;
  const padding = (header >>> 9) & 1;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || sampleRateIndex === 3)
    return null;
  const layer = 4 - layerBits;
  const bitrate = BITRATES_KBPS[`${version === 3 ? 'v1' : 'v2'}-l${layer}`][bitrateIndex] * 1000;
  const sampleRate = SAMPLE_RATES[version][sampleRateIndex];
  if (layer === 1) return { length: (Math.floor((12 * bitrate) / sampleRate) + padding) * 4, samples: 384, sampleRate };
  const mpeg1 = version === 3;
  const samples = layer === 3 && !mpeg1 ? 576 : 1152;
  const length = Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
  return { length, samples, sampleRate };
}

export function looksLikeMp3(buffer: Buffer): boolean {
  if (buffer.length >= 3 && buffer.toString('ascii', 0, 3) === 'ID3') return true;
  return readMp3Frame(buffer, 0) !== null;
}

export function mp3DurationSeconds(buffer: Buffer): number {
  let offset = skipId3v2(buffer);
  let seconds = 0;
  let frames = 0;
  while (offset < buffer.length) {
    if (buffer.toString('ascii', offset, offset + 3) === 'TAG') break;
    const frame = readMp3Frame(buffer, offset);
    if (!frame) {
      if (frames === 0) throw new Mp3FormatError(`no MPEG audio frame at byte ${offset}`);
      // A torn last frame or trailing metadata ends the audio.
      break;
    }
    seconds += frame.samples / frame.sampleRate;
    frames += 1;
    offset += frame.length;
  }
  if (frames === 0) throw new Mp3FormatError('no MPEG audio frames');
  return seconds;
}

function skipId3v2(buffer: Buffer): number {
  if (buffer.length < 10 || buffer.toString('ascii', 0, 3) !== 'ID3') return 0;
  const size = ((buffer[6] & 0x7f) << 21) | ((buffer[7] & 0x7f) << 14) | ((buffer[8] & 0x7f) << 7) | (buffer[9] & 0x7f);
  const hasFooter = (buffer[5] & 0x10) !== 0;
  return 10 + size + (hasFooter ? 10 : 0);
}
