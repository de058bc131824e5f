import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProbedAudio {
  /** ffprobe's container name: "wav", "mp3" … */
  format: string;
  durationSeconds: number;
}

export class AudioProbeError extends Error {
  constructor(
    /** `missing`: ffprobe is not installed; `unreadable`: the bytes are not audio ffprobe can read. */
    readonly reason: 'missing' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'AudioProbeError';
  }
}

/**
 * Container and duration of an audio file as ffprobe (Debian package `ffmpeg`) reads them. The bytes go
 * to a temporary file rather than a pipe: some containers keep their index at the end and need seeking.
 */
export async function probeAudio(bytes: Buffer, binary = 'ffprobe', timeoutMs = 20_000): Promise<ProbedAudio> {
  const dir = await mkdtemp(join(tmpdir(), 'nhip-probe-'));
  try {
    const file = join(dir, 'audio');
    await writeFile(file, bytes);
    const out = await run(
      binary,
      ['-v', 'error', '-show_entries', 'format=format_name,duration', '-of', 'json', file],
      timeoutMs,
    );
    const format = (JSON.parse(out) as { format?: { format_name?: string; duration?: string } }).format;
    const durationSeconds = Number(format?.duration);
    if (!format?.format_name || !(durationSeconds > 0)) {
      throw new AudioProbeError('unreadable', 'ffprobe found no duration');
    }
    return { format: format.format_name, durationSeconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A phone's recording (M4A, OGG, WebM) as the MP3 the stations take (`nhip-bulletin/1` carries WAV or
 * MP3): mono 44.1 kHz at 128 kbit/s, by ffmpeg from the same Debian package.
 */
export async function transcodeToMp3(bytes: Buffer, binary = 'ffmpeg', timeoutMs = 120_000): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'nhip-transcode-'));
  try {
    const input = join(dir, 'input');
    const output = join(dir, 'bulletin.mp3');
    await writeFile(input, bytes);
    await run(
      binary,
      ['-v', 'error', '-nostdin', '-i', input, '-vn', '-ac', '1', '-ar', '44100', '-b:a', '128k', '-f', 'mp3', output],
      timeoutMs,
    );
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(binary: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new AudioProbeError('missing', `"${binary}" is not installed (Debian package ffmpeg)`)
          : error,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new AudioProbeError('unreadable', Buffer.concat(err).toString('utf8').trim() || `exit ${code}`));
    });
  });
}
