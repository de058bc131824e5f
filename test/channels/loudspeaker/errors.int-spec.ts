import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LoudspeakerChannel } from '../../../libs/channels/src/adapters/loudspeaker';
import { ChannelError } from '../../../libs/channels/src/channel-error';
import type { LoudspeakerBulletin } from '../../../libs/channels/src/content/channel-content';
import { EspeakNgTextToSpeech } from '../../../libs/channels/src/tts';
import { FakeStation } from '../../fakes/loudspeaker/fake-station';
import { SHORT_SCRIPT, ToneTts, accountFor, windowFromNow } from './support';
import { localOutbound } from '../../support/outbound';

/** Runs `promise`, expecting a ChannelError, and returns it. */
async function channelError(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('loudspeaker: every station answer becomes a typed error', () => {
  let station: FakeStation;
  let channel: LoudspeakerChannel;
  const bulletin = (overrides: Partial<LoudspeakerBulletin> = {}): LoudspeakerBulletin => ({
    title: 'Họp dân thôn 2',
    script: SHORT_SCRIPT,
    level: 'normal',
    stations: ['cum-loa-1'],
    airWindows: [windowFromNow(30, 60)],
    ...overrides,
  });

  beforeEach(async () => {
    station = await FakeStation.start();
    channel = new LoudspeakerChannel({ http: localOutbound, tts: new ToneTts(), timeoutMs: 500 });
  });

  afterEach(async () => {
    await station.stop();
  });

  describe('publish', () => {
    it('401 → auth_expired', async () => {
      const error = await channelError(
        channel.publish(accountFor(station, {}, { apiKey: 'old-key' }), bulletin(), { idempotencyKey: 'k' }),
      );

      expect(error).toMatchObject({ kind: 'auth_expired', code: 'loudspeaker.unauthorized' });
      expect(error.message).toBe(
        'Hệ thống truyền thanh từ chối khóa API (sai hoặc đã hết hạn): Khóa API không hợp lệ hoặc đã hết hạn.',
      );
      expect(station.bulletins()).toHaveLength(0);
    });

    it('no API key on the account → auth_expired without calling the station', async () => {
      const error = await channelError(
        channel.publish(accountFor(station, {}, null), bulletin(), { idempotencyKey: 'k' }),
      );

      expect(error).toMatchObject({ kind: 'auth_expired', code: 'loudspeaker.credentials_missing' });
      expect(station.log).toHaveLength(0);
    });

    it('422 → permanent, with the station reason', async () => {
      const error = await channelError(
        channel.publish(accountFor(station), bulletin({ stations: ['cum-loa-1', 'thon-9'] }), { idempotencyKey: 'k' }),
      );

      expect(error).toMatchObject({ kind: 'permanent', code: 'loudspeaker.unknown_station' });
      expect(error.message).toBe('Hệ thống truyền thanh từ chối bản tin (HTTP 422): Cụm loa không tồn tại: thon-9.');
      expect(error.options.details).toMatchObject({ status: 422, stationCode: 'unknown_station', field: 'stations' });
    });

    it('400 → permanent, with the station reason', async () => {
      station.failNext('POST /bulletins', {
        kind: 'status',
        status: 400,
        body: { error: 'script_too_long', message: 'Kịch bản vượt 5.000 ký tự.' },
      });
      const error = await channelError(channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'k' }));

      expect(error).toMatchObject({ kind: 'permanent', code: 'loudspeaker.script_too_long' });
      expect(error.message).toContain('Kịch bản vượt 5.000 ký tự.');
    });

    it('a window the station finds already past → permanent', async () => {
      const past = {
        start: new Date(Date.now() - 2 * 3600_000).toISOString(),
        end: new Date(Date.now() - 3600_000).toISOString(),
      };
      const error = await channelError(
        channel.publish(accountFor(station), bulletin({ airWindows: [past] }), { idempotencyKey: 'k' }),
      );

      expect(error).toMatchObject({ kind: 'permanent', code: 'loudspeaker.air_window_past' });
    });

    it('429 → rate_limited with the Retry-After wait, and nothing stored', async () => {
      station.failNext('POST /bulletins', {
        kind: 'status',
        status: 429,
        retryAfter: '30',
        body: { error: 'rate_limited', message: 'Quá nhiều yêu cầu.' },
      });
      const error = await channelError(channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'k' }));

      expect(error).toMatchObject({ kind: 'rate_limited', code: 'loudspeaker.rate_limited', retryAfterMs: 30_000 });
      expect(station.bulletins()).toHaveLength(0);
    });

    it('429 without Retry-After → rate_limited with a default wait of a minute', async () => {
      station.failNext('POST /bulletins', { kind: 'status', status: 429 });
      const error = await channelError(channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'k' }));

      expect(error.retryAfterMs).toBe(60_000);
    });

    it.each([500, 502, 503])('%d → retryable, and the retry publishes exactly once', async (status) => {
      station.failNext('POST /bulletins', { kind: 'status', status });
      const error = await channelError(channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'k' }));
      expect(error).toMatchObject({ kind: 'retryable', code: `loudspeaker.http_${status}` });

      const result = await channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'k' });
      expect(station.bulletins().map((b) => b.id)).toEqual([result.externalId]);
    });

    it('connection refused → retryable', async () => {
      const gone = station.url;
      await station.stop();
      station = await FakeStation.start();
      const error = await channelError(channel.publish(accountFor({ url: gone }), bulletin(), { idempotencyKey: 'k' }));

      expect(error).toMatchObject({ kind: 'retryable', code: 'loudspeaker.unreachable' });
    });

    it('timeout after the station accepted → unknown; lookup then finds the bulletin, and publishing again does not duplicate it', async () => {
      station.failNext('POST /bulletins', { kind: 'hang-after-accept' });
      const error = await channelError(
        channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'pub-7-v1' }),
      );

      expect(error).toMatchObject({ kind: 'unknown', code: 'loudspeaker.timeout' });
      const [stored] = station.bulletins();
      const found = await channel.lookup(accountFor(station), 'pub-7-v1');
      expect(found).toMatchObject({
        externalId: stored.id,
        url: null,
        response: { status: 'scheduled', acknowledgedStations: ['cum-loa-1'] },
      });

      const again = await channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'pub-7-v1' });
      expect(again.externalId).toBe(stored.id);
      expect(station.bulletins()).toHaveLength(1);
    });

    it('connection cut after the station accepted → unknown', async () => {
      station.failNext('POST /bulletins', { kind: 'drop-after-accept' });
      const error = await channelError(channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'k' }));

      expect(error).toMatchObject({ kind: 'unknown', code: 'loudspeaker.connection_lost' });
      expect(station.bulletins()).toHaveLength(1);
    });

    it('a repeated idempotency key (409) → published, with the existing bulletin', async () => {
      const first = await channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'pub-9-v1' });
      const second = await channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'pub-9-v1' });

      expect(second.externalId).toBe(first.externalId);
      expect(second.response).toMatchObject({
        duplicate: true,
        status: 'scheduled',
        acknowledgedStations: ['cum-loa-1'],
      });
      expect(station.submissions).toBe(2);
      expect(station.log.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201, 409]);
      expect(station.bulletins()).toHaveLength(1);
    });

    it('content breaking the rules → permanent with the problems, without calling the station', async () => {
      const error = await channelError(
        channel.publish(accountFor(station), bulletin({ title: '', level: 'emergency' }), { idempotencyKey: 'k' }),
      );

      expect(error).toMatchObject({ kind: 'permanent', code: 'loudspeaker.invalid_content' });
      expect((error.options.details?.problems as Array<{ code: string }>).map((p) => p.code)).toEqual([
        'LOUDSPEAKER_TITLE_REQUIRED',
        'LOUDSPEAKER_EMERGENCY_WITH_AIR_WINDOWS',
      ]);
      expect(station.log).toHaveLength(0);
    });

    it('a script longer than the account slot → permanent BROADCAST_EXCEEDS_SLOT problem', async () => {
      const error = await channelError(
        channel.publish(accountFor(station, { slotSeconds: 5 }), bulletin(), { idempotencyKey: 'k' }),
      );

      expect(error).toMatchObject({ kind: 'permanent', code: 'loudspeaker.invalid_content' });
      expect(error.message).toContain('vượt khung phát 5 giây');
      expect(station.log).toHaveLength(0);
    });

    it('a settings mistake → permanent, naming the setting', async () => {
      const error = await channelError(
        channel.publish(accountFor(station, { endpoint: 'loa.xa-minh-thanh' }), bulletin(), { idempotencyKey: 'k' }),
      );

      expect(error).toMatchObject({ kind: 'permanent', code: 'loudspeaker.settings_invalid' });
      expect(error.message).toContain('địa chỉ nhận bản tin');
    });

    it('espeak-ng missing → permanent, saying how to install it, and nothing sent', async () => {
      const missing = new LoudspeakerChannel({
        http: localOutbound,
        tts: new EspeakNgTextToSpeech({ binary: '/nonexistent/espeak-ng' }),
      });
      const error = await channelError(missing.publish(accountFor(station), bulletin(), { idempotencyKey: 'k' }));

      expect(error).toMatchObject({ kind: 'permanent', code: 'tts.espeak-ng.missing' });
      expect(error.message).toContain('apt-get install espeak-ng');
      expect(station.log).toHaveLength(0);
    });

    it('a voice espeak-ng does not have → permanent', async () => {
      const espeak = new LoudspeakerChannel({ http: localOutbound, tts: new EspeakNgTextToSpeech() });
      const error = await channelError(
        espeak.publish(accountFor(station, { voice: 'banmai' }), bulletin(), { idempotencyKey: 'k' }),
      );

      expect(error).toMatchObject({ kind: 'permanent', code: 'tts.espeak-ng.voice_unsupported' });
    });
  });

  describe('lookup', () => {
    it('finds nothing for a key never used', async () => {
      await channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'used' });
      await expect(channel.lookup(accountFor(station), 'never-used')).resolves.toBeNull();
    });

    it('maps 401, 429 and 500', async () => {
      await expect(channel.lookup(accountFor(station, {}, { apiKey: 'x' }), 'k')).rejects.toMatchObject({
        kind: 'auth_expired',
      });
      station.failNext('GET /bulletins', { kind: 'status', status: 429, retryAfter: '5' });
      await expect(channel.lookup(accountFor(station), 'k')).rejects.toMatchObject({
        kind: 'rate_limited',
        retryAfterMs: 5000,
      });
      station.failNext('GET /bulletins', { kind: 'status', status: 500 });
      await expect(channel.lookup(accountFor(station), 'k')).rejects.toMatchObject({ kind: 'retryable' });
    });
  });

  describe('remove', () => {
    it('withdraws a bulletin, and withdrawing it again is not an error', async () => {
      const { externalId } = await channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'k' });
      await channel.remove(accountFor(station), externalId);
      expect(station.bulletins()).toHaveLength(0);
      await expect(channel.remove(accountFor(station), externalId)).resolves.toBeUndefined();
      await expect(channel.lookup(accountFor(station), 'k')).resolves.toBeNull();
    });

    it('refuses to withdraw a bulletin that has aired → permanent', async () => {
      const { externalId } = await channel.publish(accountFor(station), bulletin(), { idempotencyKey: 'k' });
      station.markAired(externalId);
      const error = await channelError(channel.remove(accountFor(station), externalId));

      expect(error).toMatchObject({ kind: 'permanent', code: 'loudspeaker.already_aired' });
      expect(station.bulletins()).toHaveLength(1);
    });
  });

  describe('checkConnection', () => {
    it('reports the stations when all is well', async () => {
      station.setOnline('cum-loa-2', false);
      const check = await channel.checkConnection(accountFor(station, { stationGroups: ['cum-loa-1'] }));

      expect(check).toEqual({
        ok: true,
        message: 'Kết nối tốt: 2 cụm loa, 1 cụm đang hoạt động.',
        details: { stations: 2, online: 1, offline: ['cum-loa-2'], missingStationGroups: [] },
      });
    });

    it('says in Vietnamese what is wrong', async () => {
      expect(await channel.checkConnection(accountFor(station, {}, { apiKey: 'sai' }))).toMatchObject({
        ok: false,
        message: 'Khóa API bị hệ thống truyền thanh từ chối (sai hoặc đã hết hạn). Hãy nhập lại khóa API.',
      });
      expect(await channel.checkConnection(accountFor(station, {}, null))).toEqual({
        ok: false,
        message: 'Tài khoản loa truyền thanh chưa có khóa API (apiKey).',
      });
      expect(
        await channel.checkConnection(accountFor(station, { stationGroups: ['cum-loa-1', 'thon-9'] })),
      ).toMatchObject({
        ok: false,
        message: 'Kết nối được, nhưng hệ thống truyền thanh không có các cụm loa mặc định: thon-9.',
      });
      expect(
        await channel.checkConnection(accountFor(station, { endpoint: `${station.url}/sai-duong-dan` })),
      ).toMatchObject({
        ok: false,
        message: `Địa chỉ ${station.url}/sai-duong-dan không có dịch vụ phát bản tin (HTTP 404). Kiểm tra lại địa chỉ nhận bản tin.`,
      });
      expect(await channel.checkConnection(accountFor(station, { endpoint: 'ftp://loa' }))).toMatchObject({
        ok: false,
        message: expect.stringContaining('địa chỉ nhận bản tin phải là địa chỉ http(s)'),
      });

      const port = new URL(station.url).port;
      await station.stop();
      station = await FakeStation.start();
      expect(await channel.checkConnection(accountFor({ url: `http://127.0.0.1:${port}` }))).toMatchObject({
        ok: false,
        message: `Không kết nối được tới hệ thống truyền thanh tại http://127.0.0.1:${port}. Kiểm tra địa chỉ và mạng.`,
      });
    });

    it('reports an endpoint that answers, but not with this protocol', async () => {
      const portal = createServer(
        (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Cổng thông tin xã</html>'),
      );
      await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
      try {
        expect(await channel.checkConnection(accountFor({ url }))).toMatchObject({
          ok: false,
          message: `Địa chỉ ${url} không trả lời theo giao thức phát bản tin (không có danh sách cụm loa).`,
        });
      } finally {
        await new Promise<void>((resolve) => portal.close(() => resolve()));
      }
    });
  });
});
