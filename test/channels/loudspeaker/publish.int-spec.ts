import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { estimateReadingSeconds, normaliseForSpeech } from '@nhip/speech';
import { LoudspeakerChannel } from '../../../libs/channels/src/adapters/loudspeaker';
import { ChannelError } from '../../../libs/channels/src/channel-error';
import type { LoudspeakerBulletin } from '../../../libs/channels/src/content/channel-content';
import { EspeakNgTextToSpeech } from '../../../libs/channels/src/tts';
import { makeMp3, makeWav } from '../../fakes/loudspeaker/audio-fixtures';
import { FakeStation } from '../../fakes/loudspeaker/fake-station';
import { DIGITAL_DAY_SCRIPT, SHORT_SCRIPT, ToneTts, accountFor, windowFromNow } from './support';
import { localOutbound } from '../../support/outbound';

describe('loudspeaker: a bulletin published end to end', () => {
  let station: FakeStation;

  beforeEach(async () => {
    station = await FakeStation.start({
      stations: [{ id: 'thon-tan-lap' }, { id: 'thon-minh-khai' }, { id: 'thon-na-hang', online: false }],
    });
  });

  afterEach(async () => {
    await station.stop();
  });

  function bulletin(overrides: Partial<LoudspeakerBulletin> = {}): LoudspeakerBulletin {
    return {
      title: 'Ngày hội toàn dân học tập số 2026',
      script: DIGITAL_DAY_SCRIPT,
      level: 'normal',
      stations: ['thon-tan-lap', 'thon-minh-khai'],
      airWindows: [windowFromNow(60, 30)],
      ...overrides,
    };
  }

  it.each(['vi', 'vi-vn-x-central', 'vi-vn-x-south'])(
    'renders the script with espeak-ng (%s) and the station receives audio within 10%% of the reading-time estimate',
    async (voice) => {
      const channel = new LoudspeakerChannel({ http: localOutbound, tts: new EspeakNgTextToSpeech() });
      const result = await channel.publish(accountFor(station, { voice }), bulletin(), {
        idempotencyKey: `pub-${voice}`,
      });

      const [received] = station.bulletins();
      const estimate = estimateReadingSeconds(DIGITAL_DAY_SCRIPT);
      expect(station.bulletins()).toHaveLength(1);
      expect(received.audioMimeType).toBe('audio/wav');
      expect(estimate).toBeGreaterThan(45);
      expect(received.audioSeconds).toBeGreaterThanOrEqual(estimate * 0.9);
      expect(received.audioSeconds).toBeLessThanOrEqual(estimate * 1.1);
      expect(result.response?.audioSeconds).toBeCloseTo(received.audioSeconds, 1);
      expect(received.metadata.audio).toMatchObject({ source: 'tts', provider: 'espeak-ng', voice });
    },
  );

  it('sends the title, the script as written, the level, the stations and the idempotency key, and returns the acknowledgement', async () => {
    const channel = new LoudspeakerChannel({ http: localOutbound, tts: new ToneTts() });
    const window = windowFromNow(60, 30);
    const result = await channel.publish(
      accountFor(station),
      bulletin({ stations: ['thon-tan-lap', 'thon-na-hang'], airWindows: [window] }),
      {
        idempotencyKey: 'publication-42-v1',
      },
    );

    const [received] = station.bulletins();
    expect(received).toMatchObject({
      externalRef: 'publication-42-v1',
      title: 'Ngày hội toàn dân học tập số 2026',
      script: DIGITAL_DAY_SCRIPT,
      level: 'normal',
      stations: ['thon-tan-lap', 'thon-na-hang'],
      airWindows: [window],
    });
    expect(result).toEqual({
      externalId: received.id,
      url: null,
      response: {
        status: 'scheduled',
        level: 'normal',
        stations: ['thon-tan-lap', 'thon-na-hang'],
        acknowledgedStations: ['thon-tan-lap'],
        pendingStations: ['thon-na-hang'],
        audioSeconds: received.audioSeconds,
      },
    });
  });

  it('renders the script normalised for the ear, at the channel reading rate', async () => {
    const tts = new ToneTts();
    const channel = new LoudspeakerChannel({ http: localOutbound, tts, syllablesPerMinute: 200 });
    await channel.publish(accountFor(station, { voice: 'vi-vn-x-south' }), bulletin({ script: SHORT_SCRIPT }), {
      idempotencyKey: 'k',
    });

    expect(tts.calls).toEqual([
      { text: normaliseForSpeech(SHORT_SCRIPT), options: { voice: 'vi-vn-x-south', syllablesPerMinute: 200 } },
    ]);
    expect(tts.calls[0].text).toContain('bảy giờ');
    expect(tts.calls[0].text).toContain('Ủy ban nhân dân');
  });

  it("uses the account's default station groups when the bulletin names none", async () => {
    const channel = new LoudspeakerChannel({ http: localOutbound, tts: new ToneTts() });
    const result = await channel.publish(
      accountFor(station, { stationGroups: ['thon-minh-khai'] }),
      bulletin({ stations: [] }),
      { idempotencyKey: 'k' },
    );

    expect(station.bulletins()[0].stations).toEqual(['thon-minh-khai']);
    expect(result.response?.acknowledgedStations).toEqual(['thon-minh-khai']);
  });

  describe('with audio supplied by the officer', () => {
    let media: Server;
    let mediaUrl: string;
    const files: Record<string, { type: string; body: Buffer }> = {
      '/ban-tin.wav': { type: 'audio/wav', body: makeWav(42.5) },
      '/ban-tin.mp3': { type: 'audio/mpeg', body: makeMp3(30, { id3: true }) },
      '/anh.png': { type: 'image/png', body: Buffer.from('\x89PNG\r\n\x1a\n not audio') },
    };

    beforeAll(async () => {
      media = createServer((req, res) => {
        const file = files[req.url ?? ''];
        if (!file) return void res.writeHead(404).end();
        res.writeHead(200, { 'Content-Type': file.type }).end(file.body);
      });
      await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
      mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => media.close(() => resolve()));
    });

    it.each([
      ['WAV', '/ban-tin.wav', 'audio/wav', 42.5],
      ['MP3', '/ban-tin.mp3', 'audio/mpeg', 30],
    ])('uploads the %s as it is, without text-to-speech', async (_name, path, mimeType, seconds) => {
      const tts = new ToneTts();
      const channel = new LoudspeakerChannel({ http: localOutbound, tts });
      await channel.publish(
        accountFor(station),
        bulletin({ script: SHORT_SCRIPT, audio: { url: `${mediaUrl}${path}` }, airWindows: [windowFromNow(10, 5)] }),
        {
          idempotencyKey: `supplied-${path}`,
        },
      );

      const [received] = station.bulletins();
      expect(tts.calls).toHaveLength(0);
      expect(received.audio.equals(files[path].body)).toBe(true);
      expect(received.audioMimeType).toBe(mimeType);
      expect(received.audioSeconds).toBeCloseTo(seconds, 1);
      expect(received.metadata.audio).toMatchObject({ source: 'supplied' });
    });

    it('refuses supplied audio that is missing or not audio, and audio longer than the slot, before calling the station', async () => {
      const channel = new LoudspeakerChannel({ http: localOutbound, tts: new ToneTts() });
      const publish = (path: string, settings: Record<string, unknown> = {}) =>
        channel.publish(
          accountFor(station, settings),
          bulletin({ script: SHORT_SCRIPT, audio: { url: `${mediaUrl}${path}` } }),
          { idempotencyKey: path },
        );

      await expect(publish('/khong-co.wav')).rejects.toMatchObject({
        kind: 'permanent',
        code: 'loudspeaker.audio_unavailable',
      });
      await expect(publish('/anh.png')).rejects.toMatchObject({
        kind: 'permanent',
        code: 'loudspeaker.audio_unsupported',
      });
      const tooLong = publish('/ban-tin.wav', { slotSeconds: 40 });
      await expect(tooLong).rejects.toBeInstanceOf(ChannelError);
      await expect(tooLong).rejects.toMatchObject({
        kind: 'permanent',
        code: 'loudspeaker.audio_exceeds_slot',
        message: 'Tệp âm thanh dài 43 giây, vượt khung phát 40 giây.',
      });
      expect(station.submissions).toBe(0);
    });
  });
});
