import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@nhip/core';
import { estimateReadingSeconds, normaliseForSpeech } from '@nhip/speech';
import { LoudspeakerChannel } from '../../../libs/channels/src/adapters/loudspeaker';
import { ChannelError } from '../../../libs/channels/src/channel-error';
import {
  HttpTextToSpeech,
  type HttpTtsContract,
  TextToSpeechError,
  fptAiV5Contract,
  textToSpeechFor,
} from '../../../libs/channels/src/tts';
import { FakeStation } from '../../fakes/loudspeaker/fake-station';
import { FakeTts, readingSeconds } from '../../fakes/loudspeaker/fake-tts';
import { DIGITAL_DAY_SCRIPT, SHORT_SCRIPT, accountFor, windowFromNow } from './support';
import { localOutbound } from '../../support/outbound';

async function ttsError(promise: Promise<unknown>): Promise<TextToSpeechError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TextToSpeechError);
  return error as TextToSpeechError;
}

describe('HTTP text-to-speech providers', () => {
  let vendor: FakeTts;
  const text = normaliseForSpeech(SHORT_SCRIPT);

  beforeEach(async () => {
    vendor = await FakeTts.start({ pendingPolls: 2 });
  });

  afterEach(async () => {
    await vendor.stop();
  });

  const syncContract = (): HttpTtsContract => ({
    vendor: 'vendor-sync',
    url: `${vendor.url}/v1/speech`,
    auth: { header: 'X-Api-Key' },
    request: { body: 'json', textField: 'input', voiceField: 'voice', speedField: 'rate', fields: { format: 'wav' } },
    speedFor: (syllablesPerMinute) => syllablesPerMinute,
    defaultVoice: 'nu-mien-bac',
    response: { kind: 'audio' },
  });
  const fpt = () =>
    fptAiV5Contract({
      url: `${vendor.url}/hmi/tts/v5`,
      response: {
        kind: 'json-url',
        urlField: 'async',
        errorField: 'error',
        okValues: [0],
        messageField: 'message',
        pollIntervalMs: 20,
        readyTimeoutMs: 2000,
      },
    });

  describe('a vendor answering with the audio', () => {
    it('sends the text, voice and speed where the contract says, and measures the WAV it gets', async () => {
      const tts = new HttpTextToSpeech({ contract: syncContract(), apiKey: 'tts-key' });
      const result = await tts.synthesize(text, { voice: 'nam-mien-nam', syllablesPerMinute: 200 });

      expect(vendor.requests).toEqual([
        expect.objectContaining({ path: '/v1/speech', text, voice: 'nam-mien-nam', rate: 200 }),
      ]);
      expect(vendor.requests[0].headers['content-type']).toBe('application/json; charset=utf-8');
      expect(result.mimeType).toBe('audio/wav');
      expect(result.durationSeconds).toBeCloseTo(readingSeconds(text, 200), 2);
    });

    it('uses the default voice when none is asked for', async () => {
      await new HttpTextToSpeech({ contract: syncContract(), apiKey: 'tts-key' }).synthesize(text);
      expect(vendor.requests[0].voice).toBe('nu-mien-bac');
    });

    it('maps 401 → permanent, 429 → rate_limited with Retry-After, 5xx → retryable, undecodable audio → retryable', async () => {
      const tts = new HttpTextToSpeech({ contract: syncContract(), apiKey: 'tts-key' });
      expect(
        await ttsError(new HttpTextToSpeech({ contract: syncContract(), apiKey: 'wrong' }).synthesize(text)),
      ).toMatchObject({
        kind: 'permanent',
        code: 'vendor-sync.http_401',
        message: 'Khóa API của dịch vụ đọc văn bản vendor-sync không hợp lệ hoặc đã hết hạn: invalid api key.',
      });
      vendor.failNext({ kind: 'status', status: 429, retryAfter: '12' });
      expect(await ttsError(tts.synthesize(text))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 12_000 });
      vendor.failNext({ kind: 'status', status: 503 });
      expect(await ttsError(tts.synthesize(text))).toMatchObject({ kind: 'retryable', code: 'vendor-sync.http_503' });
      vendor.failNext({ kind: 'status', status: 400, body: { message: 'text too long' } });
      expect(await ttsError(tts.synthesize(text))).toMatchObject({
        kind: 'permanent',
        code: 'vendor-sync.http_400',
        message: expect.stringContaining('text too long'),
      });
      vendor.failNext({ kind: 'garbage' });
      expect(await ttsError(tts.synthesize(text))).toMatchObject({ kind: 'retryable', code: 'vendor-sync.bad_audio' });
    });

    it('maps an unreachable vendor → retryable, and refuses an over-long text without calling', async () => {
      const url = vendor.url;
      await vendor.stop();
      expect(
        await ttsError(
          new HttpTextToSpeech({ contract: { ...syncContract(), url: `${url}/v1/speech` }, apiKey: 'k' }).synthesize(
            text,
          ),
        ),
      ).toMatchObject({
        kind: 'retryable',
        code: 'vendor-sync.unreachable',
      });
      vendor = await FakeTts.start();
      const short = new HttpTextToSpeech({
        contract: { ...syncContract(), url: `${vendor.url}/v1/speech`, maxTextLength: 10 },
        apiKey: 'tts-key',
      });
      expect(await ttsError(short.synthesize(text))).toMatchObject({
        kind: 'permanent',
        code: 'vendor-sync.text_too_long',
      });
      expect(vendor.requests).toHaveLength(0);
    });
  });

  describe('the FPT.AI-shaped contract (audio at a URL that becomes ready later)', () => {
    it('posts the raw text with api-key and voice headers, polls until the MP3 is ready, and measures it', async () => {
      const tts = new HttpTextToSpeech({ contract: fpt(), apiKey: 'tts-key' });
      const result = await tts.synthesize(text, { syllablesPerMinute: 200 });

      expect(vendor.requests).toHaveLength(1);
      expect(vendor.requests[0]).toMatchObject({ path: '/hmi/tts/v5', text, voice: 'banmai' });
      expect(vendor.requests[0].headers['api-key']).toBe('tts-key');
      // No speed mapping is known for FPT.AI, so none is sent.
      expect(vendor.requests[0].headers).not.toHaveProperty('speed');
      expect(vendor.polls).toBe(3);
      expect(result.mimeType).toBe('audio/mpeg');
      expect(result.durationSeconds).toBeCloseTo(readingSeconds(text, undefined), 1);
    });

    it('is what the loudspeaker channel uses when the configuration names FPT.AI', async () => {
      const config = loadConfig({
        NHIP_DATA_DIR: mkdtempSync(join(tmpdir(), 'nhip-tts-')),
        NHIP_TTS_PROVIDER: 'fpt.ai',
        NHIP_TTS_API_KEY: 'tts-key',
        NHIP_TTS_URL: `${vendor.url}/hmi/tts/v5`,
      });
      const tts = textToSpeechFor(config);
      expect(tts.name).toBe('fpt.ai');
      const result = await tts.synthesize(text);
      expect(vendor.requests).toHaveLength(1);
      expect(vendor.requests[0]).toMatchObject({ path: '/hmi/tts/v5', text, voice: 'banmai' });
      expect(vendor.requests[0].headers['api-key']).toBe('tts-key');
      expect(result.mimeType).toBe('audio/mpeg');
      expect(textToSpeechFor(loadConfig({ NHIP_DATA_DIR: config.dataDir })).name).toBe('espeak-ng');
    });

    it('gives up when the audio is not ready in time → retryable', async () => {
      await vendor.stop();
      vendor = await FakeTts.start({ pendingPolls: 1000 });
      const slow = fptAiV5Contract({
        url: `${vendor.url}/hmi/tts/v5`,
        response: {
          kind: 'json-url',
          urlField: 'async',
          errorField: 'error',
          okValues: [0],
          pollIntervalMs: 20,
          readyTimeoutMs: 200,
        },
      });
      expect(
        await ttsError(new HttpTextToSpeech({ contract: slow, apiKey: 'tts-key' }).synthesize(text)),
      ).toMatchObject({ kind: 'retryable', code: 'fpt.ai.not_ready' });
      expect(vendor.polls).toBeGreaterThanOrEqual(5);
    });

    it('maps a vendor error in a 200 answer → permanent, quoting the vendor', async () => {
      vendor.failNext({ kind: 'vendor-error', code: 2, message: 'Voice not found' });
      expect(
        await ttsError(
          new HttpTextToSpeech({ contract: fpt(), apiKey: 'tts-key' }).synthesize(text, { voice: 'khong-co' }),
        ),
      ).toMatchObject({
        kind: 'permanent',
        code: 'fpt.ai.error_2',
        message: 'fpt.ai từ chối yêu cầu đọc văn bản: Voice not found.',
      });
    });
  });

  describe('behind the loudspeaker channel', () => {
    let station: FakeStation;

    beforeEach(async () => {
      station = await FakeStation.start();
    });

    afterEach(async () => {
      await station.stop();
    });

    it('publishes MP3 from the vendor; the station measures it within 10% of the reading-time estimate', async () => {
      const channel = new LoudspeakerChannel({
        http: localOutbound,
        tts: new HttpTextToSpeech({ contract: fpt(), apiKey: 'tts-key' }),
      });
      await channel.publish(
        accountFor(station, { voice: 'leminh' }),
        {
          title: 'Ngày hội học tập số',
          script: DIGITAL_DAY_SCRIPT,
          level: 'priority',
          stations: ['cum-loa-1'],
          airWindows: [windowFromNow(30, 60)],
        },
        { idempotencyKey: 'k' },
      );

      const [received] = station.bulletins();
      const estimate = estimateReadingSeconds(DIGITAL_DAY_SCRIPT);
      expect(received.audioMimeType).toBe('audio/mpeg');
      expect(received.metadata.audio).toMatchObject({ source: 'tts', provider: 'fpt.ai', voice: 'leminh' });
      expect(received.audioSeconds).toBeGreaterThanOrEqual(estimate * 0.9);
      expect(received.audioSeconds).toBeLessThanOrEqual(estimate * 1.1);
    });

    it('a rate-limited vendor → rate_limited on the publication, and nothing sent to the station', async () => {
      vendor.failNext({ kind: 'status', status: 429, retryAfter: '20' });
      const channel = new LoudspeakerChannel({
        http: localOutbound,
        tts: new HttpTextToSpeech({ contract: fpt(), apiKey: 'tts-key' }),
      });
      const error = await channel
        .publish(
          accountFor(station),
          { title: 'T', script: SHORT_SCRIPT, level: 'emergency', stations: ['cum-loa-1'] },
          { idempotencyKey: 'k' },
        )
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ChannelError);
      expect(error).toMatchObject({ kind: 'rate_limited', code: 'tts.fpt.ai.http_429', retryAfterMs: 20_000 });
      expect(station.submissions).toBe(0);
    });
  });
});
