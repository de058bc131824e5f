import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../apps/api/src/create-api-app';
import { LoudspeakerChannel } from '../libs/channels/src/adapters/loudspeaker';
import { EspeakNgTextToSpeech } from '../libs/channels/src/tts';
import type { LoudspeakerBulletin } from '@nhip/channels';
import { DEFAULT_SYLLABLES_PER_MINUTE, normaliseForSpeech } from '@nhip/speech';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { DEMO_WARD_CODE, seedDemoData } from '@nhip/demo';
import { makeMp3, makeWav } from './fakes/loudspeaker/audio-fixtures';
import { FakeStation } from './fakes/loudspeaker/fake-station';
import { accountFor } from './channels/loudspeaker/support';
import { factories } from './support/factories';
import { freePort } from './support/free-port';
import { localOutbound } from './support/outbound';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

type Auth = { Authorization: string };

/** A Hmong bulletin (Tuyên Quang's plan asks for content in ethnic-minority languages); kept as written. */
const HMONG_BODY =
  'Hnub 10/10 yog Hnub Hloov Pauv Digital ntawm lub teb chaws. Thov txhua tsev neeg tuaj kawm siv VNeID.';

describe('recorded loudspeaker bulletins for languages no voice reads (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let ward: AgencyEntity;
  let loudspeaker: ChannelAccountEntity;
  let officer: Auth;
  let station: FakeStation;

  beforeAll(async () => {
    const port = await freePort();
    env = await createTestEnvironment({ NHIP_PUBLIC_URL: `http://127.0.0.1:${port}` });
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    app = await createApiApp(env.config);
    await app.listen(port, '127.0.0.1');
    http = request(app.getHttpServer());
    ward = await env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    loudspeaker = await env.db
      .getRepository(ChannelAccountEntity)
      .findOneByOrFail({ agencyId: ward.id, type: 'loudspeaker' });
    const make = factories(env.db);
    const o = await make.user({ username: 'canbo.mai', displayName: 'Giàng Thị Mai' });
    await make.membership(o.user, ward, 'officer');
    const res = await http.post('/api/v1/auth/login').send({ username: 'canbo.mai', password: o.password }).expect(200);
    officer = { Authorization: `Bearer ${res.body.token}` };
    station = await FakeStation.start({ stations: [{ id: 'to-dan-pho-1' }] });
  });

  afterAll(async () => {
    await station?.stop();
    await app?.close();
    await env?.teardown();
  });

  const upload = (bytes: Buffer, name: string) =>
    http.post(`/api/v1/agencies/${ward.id}/recordings`).set(officer).attach('file', bytes, name);

  it('measures an uploaded WAV or MP3 with ffprobe and serves it back', async () => {
    const wav = makeWav(21.5);
    const res = await upload(wav, 'bản tin tiếng Mông.wav').expect(201);
    expect(res.body).toMatchObject({ mimeType: 'audio/wav', byteSize: wav.length, fileName: 'bản tin tiếng Mông.wav' });
    expect(res.body.durationSeconds).toBeCloseTo(21.5, 1);
    const back = await http.get(new URL(res.body.url).pathname).expect(200);
    expect(back.headers['content-type']).toMatch(/^audio\/wav/);
    expect(Buffer.compare(back.body as Buffer, wav)).toBe(0);

    const mp3 = await upload(makeMp3(30, { id3: true }), 'ban-tin.mp3').expect(201);
    expect(mp3.body.mimeType).toBe('audio/mpeg');
    expect(mp3.body.durationSeconds).toBeGreaterThan(29);
    expect(mp3.body.durationSeconds).toBeLessThan(31);
  });

  it('takes a phone recording (M4A, OGG) as the MP3 the stations play, measured again', async () => {
    // Recorded the way phones record: AAC in MP4 (iPhone "Ghi âm"), Opus in OGG (Android, Zalo voice notes).
    const dir = await mkdtemp(join(tmpdir(), 'nhip-phone-'));
    try {
      for (const [name, codec] of [
        ['ban-tin-iphone.m4a', 'aac'],
        ['ban-tin-android.ogg', 'libopus'],
      ] as const) {
        const file = join(dir, name);
        await promisify(execFile)('ffmpeg', [
          '-v',
          'error',
          '-f',
          'lavfi',
          '-i',
          'sine=frequency=440:duration=12',
          '-c:a',
          codec,
          file,
        ]);
        const res = await upload(await readFile(file), name).expect(201);
        expect(res.body).toMatchObject({ mimeType: 'audio/mpeg', fileName: name.replace(/\.\w+$/, '.mp3') });
        expect(res.body.durationSeconds).toBeGreaterThan(11.5);
        expect(res.body.durationSeconds).toBeLessThan(12.5);
        const back = await http.get(new URL(res.body.url).pathname).buffer(true).expect(200);
        expect(back.headers['content-type']).toMatch(/^audio\/mpeg/);
        // An MP3 frame sync (or an ID3 tag) starts what is served, whatever came in.
        const head = back.body as Buffer;
        expect(
          head.subarray(0, 3).toString('latin1') === 'ID3' || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0),
        ).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not a recording, whatever its name, and an empty request, in Vietnamese', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    const refused = await upload(png, 'ban-tin.wav').expect(400);
    expect(refused.body).toEqual({
      code: 'RECORDING_TYPE_UNSUPPORTED',
      message: 'Tệp không phải bản ghi âm WAV, MP3, M4A hoặc OGG.',
    });
    const text = await upload(Buffer.from('Nyob zoo txhua tus neeg'), 'ban-tin.mp3').expect(400);
    expect(text.body.code).toBe('RECORDING_TYPE_UNSUPPORTED');
    const none = await http.post(`/api/v1/agencies/${ward.id}/recordings`).set(officer).field('x', '1').expect(400);
    expect(none.body.code).toBe('RECORDING_FILE_REQUIRED');
  });

  it('asks for a recording for a Hmong story, and with one the bulletin airs with the script as its transcript', async () => {
    const story = await http
      .post(`/api/v1/agencies/${ward.id}/stories`)
      .set(officer)
      .send({ title: 'Hnub Hloov Pauv Digital', summary: '', body: HMONG_BODY, language: 'hnj' })
      .expect(201);
    const [variant] = (
      await http
        .post(`/api/v1/stories/${story.body.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: [loudspeaker.id] })
        .expect(201)
    ).body as Array<{ id: string; content: LoudspeakerBulletin; problems: Array<{ code: string; message: string }> }>;

    expect(variant.content.language).toBe('hnj');
    expect(variant.content.script).toContain(HMONG_BODY);
    expect(variant.problems).toContainEqual({
      field: 'audio',
      code: 'LOUDSPEAKER_RECORDING_REQUIRED',
      message: expect.stringContaining('Chưa có giọng đọc máy cho tiếng Mông (hnj)'),
    });

    const recording = makeWav(12);
    const uploaded = await upload(recording, 'hnub-10-10.wav').expect(201);
    const edited = await http
      .patch(`/api/v1/variants/${variant.id}`)
      .set(officer)
      .send({ content: { ...variant.content, stations: ['to-dan-pho-1'], audio: { url: uploaded.body.url } } })
      .expect(200);
    const content = edited.body.content as LoudspeakerBulletin;
    expect(content.audio).toEqual({ url: uploaded.body.url });
    expect(edited.body.problems).toEqual([]);

    // The loudspeaker flow: the adapter fetches the recording from Nhịp's own address and pushes it.
    const channel = new LoudspeakerChannel({ http: localOutbound, tts: new EspeakNgTextToSpeech() });
    await channel.publish(
      accountFor(station),
      { ...content, level: 'emergency', airWindows: undefined },
      {
        idempotencyKey: `pub-${variant.id}-v1`,
      },
    );
    const [received] = station.bulletins();
    expect(received.audio.equals(recording)).toBe(true);
    expect(received.audioSeconds).toBeCloseTo(12, 1);
    expect(received.script).toContain(HMONG_BODY);
    expect(received.metadata).toMatchObject({ language: 'hnj', audio: { source: 'supplied' } });
  });
  it('previews a Vietnamese bulletin with the same voice the station gets, and refuses a Hmong one', async () => {
    const story = await http
      .post(`/api/v1/agencies/${ward.id}/stories`)
      .set(officer)
      .send({ title: 'Họp dân', summary: '', body: 'Sáng 10/10, UBND phường họp dân lúc 7h30.' })
      .expect(201);
    const [variant] = (
      await http
        .post(`/api/v1/stories/${story.body.id}/variants/generate`)
        .set(officer)
        .send({ channelAccountIds: [loudspeaker.id] })
        .expect(201)
    ).body as Array<{ id: string; content: LoudspeakerBulletin }>;
    const preview = await http
      .post(`/api/v1/variants/${variant.id}/audio-preview`)
      .set(officer)
      .send({})
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect({ status: preview.status, body: preview.status === 200 ? '' : String(preview.body) }).toEqual({
      status: 200,
      body: '',
    });
    expect(preview.headers['content-type']).toMatch(/^audio\/wav/);
    const voice = (loudspeaker.settings as { voice?: string }).voice ?? 'vi';
    const direct = await new EspeakNgTextToSpeech().synthesize(normaliseForSpeech(variant.content.script), {
      voice,
      syllablesPerMinute: DEFAULT_SYLLABLES_PER_MINUTE,
    });
    expect(Number(preview.headers['x-audio-duration-seconds'])).toBeCloseTo(direct.durationSeconds, 1);

    const refused = await http
      .post(`/api/v1/variants/${variant.id}/audio-preview`)
      .set(officer)
      .send({ content: { ...variant.content, language: 'hnj', script: 'Nyob zoo' } })
      .expect(400);
    expect(refused.body.code).toBe('AUDIO_PREVIEW_UNAVAILABLE');
    expect(refused.body.message).toContain('tiếng Mông');
  });
});
