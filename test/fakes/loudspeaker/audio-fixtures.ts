/** Audio files made in code for the fakes and tests: a quiet tone as 16-bit PCM WAV, and MP3 frames. */

export function makeWav(seconds: number, options: { sampleRate?: number; channels?: number } = {}): Buffer {
  const sampleRate = options.sampleRate ?? 16000;
  const channels = options.channels ?? 1;
  const blockAlign = channels * 2;
  const frames = Math.round(seconds * sampleRate);
  const dataBytes = frames * blockAlign;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(channels, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * blockAlign, 28);
  wav.writeUInt16LE(blockAlign, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < frames; i += 1) {
    const sample = Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 3000);
    for (let c = 0; c < channels; c += 1) wav.writeInt16LE(sample, 44 + i * blockAlign + c * 2);
  }
  return wav;
}

/**
 * MPEG-1 Layer III frames at 32 kbit/s, 44.1 kHz, mono: 1152 samples (≈26.1 ms) per frame. The frame
 * bodies are silence-shaped zeros; players and frame walkers accept the headers.
 */
export function makeMp3(seconds: number, options: { id3?: boolean } = {}): Buffer {
  const frameSeconds = 1152 / 44100;
  const count = Math.max(1, Math.round(seconds / frameSeconds));
  const frames: Buffer[] = [];
  for (let i = 0; i < count; i += 1) {
    // 144 × 32000 / 44100 = 104.49…: a padded frame every other frame keeps the average bitrate.
    const padding = i % 2;
    const frame = Buffer.alloc(104 + padding);
    frame[0] = 0xff;
    frame[1] = 0xfb;
    frame[2] = 0x10 | (padding << 1);
    frame[3] = 0xc4;
    frames.push(frame);
  }
  if (options.id3) {
    const tag = Buffer.alloc(10 + 20);
    tag.write('ID3', 0, 'ascii');
    tag[3] = 4;
    tag[9] = 20;
    frames.unshift(tag);
  }
  return Buffer.concat(frames);
}
