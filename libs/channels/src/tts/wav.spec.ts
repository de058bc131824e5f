import { WavFormatError, isWav, readWavInfo, wavDurationSeconds, withExactWavSizes } from './wav';

function wav(options: {
  sampleRate?: number;
  channels?: number;
  bits?: number;
  dataBytes: number;
  extraChunk?: Buffer;
  streamed?: boolean;
}): Buffer {
  const sampleRate = options.sampleRate ?? 16000;
  const channels = options.channels ?? 1;
  const bits = options.bits ?? 16;
  const blockAlign = channels * (bits / 8);
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(channels, 10);
  fmt.writeUInt32LE(sampleRate, 12);
  fmt.writeUInt32LE(sampleRate * blockAlign, 16);
  fmt.writeUInt16LE(blockAlign, 20);
  fmt.writeUInt16LE(bits, 22);
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'ascii');
  dataHeader.writeUInt32LE(options.streamed ? 0x7ffff000 : options.dataBytes, 4);
  const extra = options.extraChunk ?? Buffer.alloc(0);
  const total = 12 + fmt.length + extra.length + 8 + options.dataBytes;
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(options.streamed ? 0x7ffff024 : total - 8, 4);
  head.write('WAVE', 8, 'ascii');
  return Buffer.concat([head, fmt, extra, dataHeader, Buffer.alloc(options.dataBytes, 1)]);
}

describe('readWavInfo', () => {
  it('reads the duration of 16-bit mono PCM from the data size and byte rate', () => {
    const info = readWavInfo(wav({ sampleRate: 16000, dataBytes: 64000 }));

    expect(info).toMatchObject({
      audioFormat: 1,
      channels: 1,
      sampleRate: 16000,
      bitsPerSample: 16,
      byteRate: 32000,
      dataBytes: 64000,
      sizesFromStream: false,
    });
    expect(info.durationSeconds).toBeCloseTo(2, 6);
  });

  it('accounts for channels and sample rate', () => {
    expect(wavDurationSeconds(wav({ sampleRate: 44100, channels: 2, dataBytes: 44100 * 4 * 3 }))).toBeCloseTo(3, 6);
    expect(wavDurationSeconds(wav({ sampleRate: 22050, bits: 8, dataBytes: 22050 }))).toBeCloseTo(1, 6);
  });

  it('skips chunks it does not know, including a padded odd-sized one', () => {
    const list = Buffer.alloc(8 + 5 + 1);
    list.write('LIST', 0, 'ascii');
    list.writeUInt32LE(5, 4);
    const info = readWavInfo(wav({ dataBytes: 32000, extraChunk: list }));

    expect(info.durationSeconds).toBeCloseTo(1, 6);
    expect(info.dataOffset).toBe(12 + 24 + 14 + 8);
  });

  it('measures a streamed header (espeak-ng --stdout) by the bytes present, and says so', () => {
    const streamed = wav({ sampleRate: 22050, dataBytes: 22050 * 2 * 5, streamed: true });
    const info = readWavInfo(streamed);

    expect(info.sizesFromStream).toBe(true);
    expect(info.durationSeconds).toBeCloseTo(5, 6);
  });

  it('rewrites a streamed header with the real sizes and keeps the audio', () => {
    const streamed = wav({ sampleRate: 22050, dataBytes: 22050 * 2 * 5 + 1, streamed: true });
    const fixed = withExactWavSizes(streamed);
    const info = readWavInfo(fixed);

    expect(info.sizesFromStream).toBe(false);
    expect(fixed.readUInt32LE(4)).toBe(fixed.length - 8);
    expect(info.dataBytes).toBe(22050 * 2 * 5);
    expect(info.durationSeconds).toBeCloseTo(5, 6);
  });

  it.each([
    ['not RIFF', Buffer.from('ID3\u0004 not a wav at all.....')],
    ['RIFF but not WAVE', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('AVI '), Buffer.alloc(8)])],
    ['too short', Buffer.from('RIFF')],
  ])('refuses a file that is %s', (_name, bytes) => {
    expect(isWav(bytes)).toBe(false);
    expect(() => readWavInfo(bytes)).toThrow(WavFormatError);
  });

  it('refuses a data chunk before fmt, a missing data chunk, and an inconsistent byte rate', () => {
    const good = wav({ dataBytes: 100 });
    const dataFirst = Buffer.concat([good.subarray(0, 12), good.subarray(36), good.subarray(12, 36)]);
    expect(() => readWavInfo(dataFirst)).toThrow('data chunk before the fmt chunk');

    expect(() => readWavInfo(good.subarray(0, 36))).toThrow('no data chunk');

    const badRate = Buffer.from(good);
    badRate.writeUInt32LE(12345, 28);
    expect(() => readWavInfo(badRate)).toThrow('byte rate');
  });
});
