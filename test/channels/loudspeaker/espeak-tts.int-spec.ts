import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimateReadingSeconds, normaliseForSpeech } from '@nhip/speech';
import {
  ESPEAK_VIETNAMESE_VOICES,
  EspeakNgTextToSpeech,
  TextToSpeechError,
  readWavInfo,
} from '../../../libs/channels/src/tts';
import { DIGITAL_DAY_SCRIPT } from './support';

describe('espeak-ng text-to-speech', () => {
  const tts = new EspeakNgTextToSpeech();
  const spoken = normaliseForSpeech(DIGITAL_DAY_SCRIPT);

  it('returns a WAV whose header states its real sizes (espeak-ng --stdout leaves them open)', async () => {
    const { audio, mimeType, durationSeconds } = await tts.synthesize(spoken);
    const info = readWavInfo(audio);

    expect(mimeType).toBe('audio/wav');
    expect(audio.readUInt32LE(4)).toBe(audio.length - 8);
    expect(info.sizesFromStream).toBe(false);
    expect(info.dataOffset + info.dataBytes).toBe(audio.length);
    expect(durationSeconds).toBe(info.durationSeconds);
  });

  describe.each(ESPEAK_VIETNAMESE_VOICES)('voice %s', (voice) => {
    it.each([180, 220, 260])('reads at %d syllables a minute within 10%% of the estimate', async (rate) => {
      const { durationSeconds } = await tts.synthesize(spoken, { voice, syllablesPerMinute: rate });
      const estimate = estimateReadingSeconds(DIGITAL_DAY_SCRIPT, rate);

      expect(durationSeconds).toBeGreaterThanOrEqual(estimate * 0.9);
      expect(durationSeconds).toBeLessThanOrEqual(estimate * 1.1);
    });
  });

  it('runs no more renderings at once than it is allowed, and every one of them completes', async () => {
    // A wrapper around the real espeak-ng that logs when each process starts and ends.
    const dir = mkdtempSync(join(tmpdir(), 'nhip-espeak-'));
    const log = join(dir, 'log');
    const wrapper = join(dir, 'espeak-ng');
    writeFileSync(
      wrapper,
      `#!/bin/sh\necho start >> '${log}'\nespeak-ng "$@"\nstatus=$?\necho end >> '${log}'\nexit $status\n`,
    );
    chmodSync(wrapper, 0o755);
    const limited = new EspeakNgTextToSpeech({ binary: wrapper, maxConcurrent: 2 });

    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        limited.synthesize('Thông báo của Ủy ban nhân dân xã về ngày Chuyển đổi số quốc gia.'),
      ),
    );
    expect(results.every((r) => r.durationSeconds > 1)).toBe(true);
    let running = 0;
    let most = 0;
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
      running += line === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    expect(limited.inProgress).toBe(0);
  });

  it('reads a script that starts with a dash as text, not as an option', async () => {
    const { durationSeconds } = await tts.synthesize('-v en Thông báo khẩn');
    expect(durationSeconds).toBeGreaterThan(0.5);
  });

  it('refuses a rate espeak-ng cannot reach, an unknown voice, empty text and a missing binary as permanent', async () => {
    await expect(tts.synthesize(spoken, { syllablesPerMinute: 2000 })).rejects.toMatchObject({
      kind: 'permanent',
      code: 'espeak-ng.rate_unsupported',
    });
    await expect(tts.synthesize(spoken, { voice: 'en' })).rejects.toMatchObject({
      kind: 'permanent',
      code: 'espeak-ng.voice_unsupported',
    });
    await expect(tts.synthesize('  ')).rejects.toMatchObject({ kind: 'permanent', code: 'espeak-ng.empty_text' });
    const missing = new EspeakNgTextToSpeech({ binary: 'espeak-ng-not-installed' }).synthesize(spoken);
    await expect(missing).rejects.toBeInstanceOf(TextToSpeechError);
    await expect(missing).rejects.toMatchObject({
      kind: 'permanent',
      code: 'espeak-ng.missing',
      message:
        'Không tìm thấy chương trình đọc văn bản "espeak-ng-not-installed" trên máy chủ. Cài đặt bằng lệnh "apt-get install espeak-ng" hoặc cấu hình một nhà cung cấp đọc văn bản khác.',
    });
  });
});
