import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LoudspeakerChannel } from '../../../libs/channels/src/adapters/loudspeaker';
import type { LoudspeakerBulletin } from '../../../libs/channels/src/content/channel-content';
import { EspeakNgTextToSpeech } from '../../../libs/channels/src/tts';
import { makeWav } from '../../fakes/loudspeaker/audio-fixtures';
import { FakeStation } from '../../fakes/loudspeaker/fake-station';
import { ToneTts, accountFor, windowFromNow } from './support';
import { localOutbound } from '../../support/outbound';

/** A Hmong bulletin of the Tuyên Quang plan's kind (content in ethnic-minority languages). */
const HMONG_TRANSCRIPT =
  'Nyob zoo txhua tus neeg hauv zos! Hnub 10/10 yog Hnub Hloov Pauv Digital ntawm lub teb chaws. ' +
  'Thov txhua tsev neeg tuaj kawm siv VNeID ntawm lub tsev kab lis kev cai hauv zos.';

describe('loudspeaker: the story language reaches the loudspeaker', () => {
  let station: FakeStation;
  let media: Server;
  let recordingUrl: string;
  const recording = makeWav(21.5);

  beforeAll(async () => {
    media = createServer((req, res) => {
      if (req.url !== '/ban-tin-tieng-mong.wav') return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'audio/wav' }).end(recording);
    });
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    recordingUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}/ban-tin-tieng-mong.wav`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => media.close(() => resolve()));
  });

  beforeEach(async () => {
    station = await FakeStation.start({ stations: [{ id: 'thon-na-hang' }] });
  });

  afterEach(async () => {
    await station.stop();
  });

  const bulletin = (overrides: Partial<LoudspeakerBulletin>): LoudspeakerBulletin => ({
    title: 'Hnub Hloov Pauv Digital',
    script: HMONG_TRANSCRIPT,
    level: 'normal',
    stations: ['thon-na-hang'],
    airWindows: [windowFromNow(60, 30)],
    ...overrides,
  });

  it.each([
    ['hnj', 'tiếng Mông'],
    ['tay', 'tiếng Tày'],
    ['dao', 'tiếng Dao'],
  ])('asks for a recording of a %s bulletin, since no voice reads %s, and sends nothing', async (language, name) => {
    const tts = new EspeakNgTextToSpeech();
    const channel = new LoudspeakerChannel({ http: localOutbound, tts });
    const content = bulletin({ language });

    expect(channel.validateForAccount(accountFor(station), content)).toEqual([
      {
        field: 'audio',
        code: 'LOUDSPEAKER_RECORDING_REQUIRED',
        message: expect.stringContaining(`Chưa có giọng đọc máy cho ${name} (${language})`),
      },
    ]);
    await expect(
      channel.publish(accountFor(station), content, { idempotencyKey: `k-${language}` }),
    ).rejects.toMatchObject({
      kind: 'permanent',
      code: 'loudspeaker.invalid_content',
    });
    expect(station.submissions).toBe(0);
  });

  it('airs the uploaded Hmong recording with the script kept, as written, for its transcript', async () => {
    const tts = new ToneTts();
    const channel = new LoudspeakerChannel({ http: localOutbound, tts });
    const content = bulletin({ language: 'hnj', audio: { url: recordingUrl } });

    expect(channel.validateForAccount(accountFor(station), content)).toEqual([]);
    await channel.publish(accountFor(station), content, { idempotencyKey: 'pub-hmong-v1' });

    const [received] = station.bulletins();
    expect(tts.calls).toHaveLength(0);
    expect(received.audio.equals(recording)).toBe(true);
    expect(received.audioSeconds).toBeCloseTo(21.5, 1);
    expect(received.script).toBe(HMONG_TRANSCRIPT);
    expect(received.metadata).toMatchObject({ language: 'hnj', audio: { source: 'supplied' } });
  });

  it('reads a Chinese bulletin with the espeak-ng Mandarin voice, without the Vietnamese spoken-form rules', async () => {
    const tts = new EspeakNgTextToSpeech();
    const spoken: string[] = [];
    const synthesize = tts.synthesize.bind(tts);
    tts.synthesize = (text, options) => {
      spoken.push(text);
      return synthesize(text, options);
    };
    const channel = new LoudspeakerChannel({ http: localOutbound, tts });
    const script = '各位乡亲：10月10日是国家数字化转型日。';

    await channel.publish(accountFor(station), bulletin({ language: 'zh-Hans', script }), {
      idempotencyKey: 'pub-hoa-v1',
    });

    const [received] = station.bulletins();
    expect(spoken).toEqual([script]);
    expect(received.metadata).toMatchObject({
      language: 'zh',
      audio: { source: 'tts', provider: 'espeak-ng', voice: 'cmn' },
    });
    expect(received.audioSeconds).toBeGreaterThan(1);
  });

  it('keeps the regional Vietnamese voice of the account for a Vietnamese story, and refuses a malformed language', async () => {
    const tts = new ToneTts();
    const channel = new LoudspeakerChannel({ http: localOutbound, tts });
    await channel.publish(
      accountFor(station, { voice: 'vi-vn-x-south' }),
      bulletin({ language: 'vi', script: 'Thông báo họp dân lúc 7h00.' }),
      { idempotencyKey: 'pub-vi-v1' },
    );
    expect(tts.calls).toEqual([
      { text: 'Thông báo họp dân lúc bảy giờ.', options: expect.objectContaining({ voice: 'vi-vn-x-south' }) },
    ]);
    expect(station.bulletins()[0].metadata).toMatchObject({ language: 'vi' });

    expect(channel.validate(bulletin({ language: 'tiếng Mông' }))).toContainEqual(
      expect.objectContaining({ field: 'language', code: 'LOUDSPEAKER_LANGUAGE_INVALID' }),
    );
  });
});
