import axios from 'axios';
import { encodeMultipart } from '../../../libs/channels/src/adapters/loudspeaker/multipart';
import { makeMp3, makeWav } from '../../fakes/loudspeaker/audio-fixtures';
import { FakeStation } from '../../fakes/loudspeaker/fake-station';
import { windowFromNow } from './support';

/** The fake must refuse what PROTOCOL.md forbids, or the adapter tests prove nothing. */
describe('fake station enforces PROTOCOL.md', () => {
  let station: FakeStation;
  const http = axios.create({ validateStatus: () => true });

  beforeEach(async () => {
    station = await FakeStation.start();
  });

  afterEach(async () => {
    await station.stop();
  });

  function metadata(overrides: Record<string, unknown> = {}, audio = makeWav(3)) {
    return {
      externalRef: 'ref-1',
      title: 'Bản tin',
      script: 'Nội dung',
      level: 'normal',
      stations: ['cum-loa-1'],
      airWindows: [windowFromNow(10, 10)],
      audio: { mimeType: 'audio/wav', durationSeconds: 3, bytes: audio.length, source: 'supplied' },
      ...overrides,
    };
  }

  async function post(meta: unknown, audio: Buffer = makeWav(3), audioType = 'audio/wav', apiKey = 'station-key') {
    const { body, contentType } = encodeMultipart([
      { name: 'metadata', contentType: 'application/json', body: JSON.stringify(meta) },
      { name: 'audio', contentType: audioType, filename: 'a', body: audio },
    ]);
    const response = await http.post(`${station.url}/bulletins`, body, {
      headers: { 'Content-Type': contentType, Authorization: `Bearer ${apiKey}` },
    });
    return {
      status: response.status,
      error: (response.data as { error?: string }).error,
      data: response.data as Record<string, unknown>,
    };
  }

  it('accepts a valid bulletin and measures its audio', async () => {
    const response = await post(metadata());
    expect(response.status).toBe(201);
    expect(response.data).toMatchObject({
      status: 'scheduled',
      acknowledgedStations: ['cum-loa-1'],
      audio: { durationSeconds: 3 },
    });
    expect(station.bulletins()[0].audioSeconds).toBe(3);
  });

  it('accepts MP3 and measures it from its frames', async () => {
    const mp3 = makeMp3(10);
    const response = await post(
      metadata({ audio: { mimeType: 'audio/mpeg', durationSeconds: 10, bytes: mp3.length } }),
      mp3,
      'audio/mpeg',
    );
    expect(response.status).toBe(201);
    expect(station.bulletins()[0].audioSeconds).toBeCloseTo(10, 1);
  });

  it('refuses a wrong API key', async () => {
    expect((await post(metadata(), makeWav(3), 'audio/wav', 'other')).status).toBe(401);
    expect((await http.get(`${station.url}/stations`)).status).toBe(401);
  });

  it('refuses a body that is not multipart', async () => {
    const response = await http.post(`${station.url}/bulletins`, metadata(), {
      headers: { Authorization: 'Bearer station-key' },
    });
    expect(response.status).toBe(400);
    expect(response.data).toMatchObject({ error: 'multipart_required' });
  });

  it.each([
    ['not a WAV', Buffer.from('RIFX this is not a wave file at all'), 'audio_invalid'],
    [
      'a streamed header with wrong sizes',
      (() => {
        const w = makeWav(3);
        w.writeUInt32LE(0x7ffff000, 4);
        return w;
      })(),
      'audio_invalid',
    ],
    ['no audio samples', makeWav(0), 'audio_invalid'],
  ])('refuses audio that is %s', async (_name, audio, code) => {
    const response = await post(
      metadata({ audio: { mimeType: 'audio/wav', durationSeconds: 3, bytes: audio.length } }),
      audio,
    );
    expect(response).toMatchObject({ status: 422, error: code });
  });

  it('refuses audio of another type, or that does not match what the metadata declares', async () => {
    expect(
      await post(
        metadata({ audio: { mimeType: 'audio/ogg', durationSeconds: 3, bytes: 10 } }),
        Buffer.alloc(10),
        'audio/ogg',
      ),
    ).toMatchObject({ status: 422, error: 'audio_type_unsupported' });
    expect(
      await post(metadata({ audio: { mimeType: 'audio/wav', durationSeconds: 5, bytes: makeWav(3).length } })),
    ).toMatchObject({ status: 422, error: 'audio_duration_mismatch' });
    expect(await post(metadata({ audio: { mimeType: 'audio/wav', durationSeconds: 3, bytes: 1 } }))).toMatchObject({
      status: 422,
      error: 'audio_size_mismatch',
    });
  });

  it('enforces the level rules and the windows', async () => {
    expect(await post(metadata({ airWindows: undefined }))).toMatchObject({
      status: 422,
      error: 'air_windows_required',
    });
    expect(await post(metadata({ level: 'emergency' }))).toMatchObject({
      status: 422,
      error: 'emergency_with_air_windows',
    });
    expect(await post(metadata({ level: 'urgent' }))).toMatchObject({ status: 422, error: 'level_invalid' });
    const start = Date.now() + 600_000;
    expect(
      await post(
        metadata({ airWindows: [{ start: new Date(start).toISOString(), end: new Date(start + 1000).toISOString() }] }),
      ),
    ).toMatchObject({ status: 422, error: 'air_window_too_short' });
    expect(
      await post(metadata({ airWindows: [{ start: '2026-10-10 06:00', end: '2026-10-10 07:00' }] })),
    ).toMatchObject({ status: 422, error: 'air_window_invalid' });
    expect(await post(metadata({ level: 'priority', airWindows: undefined }))).toMatchObject({ status: 201 });
  });

  it('refuses unknown stations and a missing title', async () => {
    expect(await post(metadata({ stations: ['cum-loa-1', 'cum-loa-x'] }))).toMatchObject({
      status: 422,
      error: 'unknown_station',
    });
    expect(await post(metadata({ stations: [] }))).toMatchObject({ status: 422, error: 'stations_required' });
    expect(await post(metadata({ title: '' }))).toMatchObject({ status: 422, error: 'title_invalid' });
  });

  it('answers a repeated externalRef with 409 and the existing id', async () => {
    const first = await post(metadata());
    const second = await post(metadata({ title: 'Khác' }));
    expect(second).toMatchObject({ status: 409, error: 'duplicate_external_ref', data: { id: first.data.id } });
    expect(station.bulletins()).toHaveLength(1);
  });

  it('stops at the next request after an injected failure', async () => {
    station.failNext('POST /bulletins', { kind: 'status', status: 503 }, 2);
    expect((await post(metadata())).status).toBe(503);
    expect((await post(metadata())).status).toBe(503);
    expect((await post(metadata())).status).toBe(201);
  });
});
