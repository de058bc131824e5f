import { UnsupportedAudioError, measureAudio } from './audio-info';
import { Mp3FormatError, mp3DurationSeconds, readMp3Frame } from './mp3';

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417-byte frames of 1152 samples. */
function mpeg1Frames(count: number): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

/** MPEG-2 Layer III, 64 kbit/s, 22.05 kHz: 208-byte frames of 576 samples. */
function mpeg2Frames(count: number): Buffer {
  const frame = Buffer.alloc(208);
  frame.set([0xff, 0xf3, 0x80, 0x00]);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

describe('mp3DurationSeconds', () => {
  it('reads MPEG-1 Layer III frame headers', () => {
    expect(readMp3Frame(mpeg1Frames(1), 0)).toEqual({ length: 417, samples: 1152, sampleRate: 44100 });
  });

  it('sums the samples of every frame', () => {
    expect(mp3DurationSeconds(mpeg1Frames(100))).toBeCloseTo((100 * 1152) / 44100, 6);
    expect(mp3DurationSeconds(mpeg2Frames(50))).toBeCloseTo((50 * 576) / 22050, 6);
  });

  it('skips an ID3v2 tag and stops at an ID3v1 tag', () => {
    const id3 = Buffer.alloc(10 + 300);
    id3.write('ID3', 0, 'ascii');
    id3[3] = 3;
    id3[8] = 2; // 2 × 128 + 44 = 300 bytes, syncsafe
    id3[9] = 44;
    const tagV1 = Buffer.concat([Buffer.from('TAG'), Buffer.alloc(125)]);

    expect(mp3DurationSeconds(Buffer.concat([id3, mpeg1Frames(10), tagV1]))).toBeCloseTo((10 * 1152) / 44100, 6);
  });

  it('ignores a torn last frame', () => {
    const torn = Buffer.concat([mpeg1Frames(3), Buffer.from([0xff, 0xfb])]);
    expect(mp3DurationSeconds(torn)).toBeCloseTo((3 * 1152) / 44100, 6);
  });

  it('refuses bytes without a frame', () => {
    expect(() => mp3DurationSeconds(Buffer.from('hello, not audio'))).toThrow(Mp3FormatError);
  });
});

describe('measureAudio', () => {
  it('tells WAV from MP3 by the bytes', () => {
    const wav = Buffer.alloc(44 + 16000);
    wav.write('RIFF', 0, 'ascii');
    wav.writeUInt32LE(36 + 16000, 4);
    wav.write('WAVEfmt ', 8, 'ascii');
    wav.writeUInt32LE(16, 16);
    wav.writeUInt16LE(1, 20);
    wav.writeUInt16LE(1, 22);
    wav.writeUInt32LE(8000, 24);
    wav.writeUInt32LE(16000, 28);
    wav.writeUInt16LE(2, 32);
    wav.writeUInt16LE(16, 34);
    wav.write('data', 36, 'ascii');
    wav.writeUInt32LE(16000, 40);

    expect(measureAudio(wav)).toMatchObject({ mimeType: 'audio/wav', durationSeconds: 1 });
    expect(measureAudio(mpeg1Frames(44))).toMatchObject({ mimeType: 'audio/mpeg' });
  });

  it('refuses other formats and empty audio', () => {
    expect(() => measureAudio(Buffer.from('OggS\u0000\u0002 not supported'))).toThrow(UnsupportedAudioError);
    const emptyWav = Buffer.alloc(44);
    emptyWav.write('RIFF', 0, 'ascii');
    emptyWav.writeUInt32LE(36, 4);
    emptyWav.write('WAVEfmt ', 8, 'ascii');
    emptyWav.writeUInt32LE(16, 16);
    emptyWav.writeUInt16LE(1, 20);
    emptyWav.writeUInt16LE(1, 22);
    emptyWav.writeUInt32LE(8000, 24);
    emptyWav.writeUInt32LE(16000, 28);
    emptyWav.writeUInt16LE(2, 32);
    emptyWav.writeUInt16LE(16, 34);
    emptyWav.write('data', 36, 'ascii');
    expect(() => measureAudio(emptyWav)).toThrow('the audio is empty');
  });
});
