import { LoudspeakerChannel } from '../../../libs/channels/src/adapters/loudspeaker';
import type { LoudspeakerBulletin } from '../../../libs/channels/src/content/channel-content';
import { FakeStation } from '../../fakes/loudspeaker/fake-station';
import { SHORT_SCRIPT, ToneTts, accountFor, windowFromNow } from './support';
import { localOutbound } from '../../support/outbound';

describe('loudspeaker: the three levels of Circular 39/2020/TT-BTTTT', () => {
  let station: FakeStation;
  const channel = new LoudspeakerChannel({ http: localOutbound, tts: new ToneTts() });
  const bulletin = (overrides: Partial<LoudspeakerBulletin>): LoudspeakerBulletin => ({
    title: 'Thông báo họp dân',
    script: SHORT_SCRIPT,
    level: 'normal',
    stations: ['cum-loa-1', 'cum-loa-2'],
    ...overrides,
  });

  beforeEach(async () => {
    station = await FakeStation.start();
  });

  afterEach(async () => {
    await station.stop();
  });

  describe('emergency', () => {
    it('airs at once: sent without windows and answered "airing"', async () => {
      const result = await channel.publish(accountFor(station), bulletin({ level: 'emergency' }), {
        idempotencyKey: 'bao-lu',
        publishAt: new Date(Date.now() + 3600_000),
      });

      const [received] = station.bulletins();
      expect(received.metadata).not.toHaveProperty('airWindows');
      expect(result.response).toMatchObject({
        status: 'airing',
        level: 'emergency',
        acknowledgedStations: ['cum-loa-1', 'cum-loa-2'],
      });
    });

    it('refuses air windows before anything is rendered or sent', async () => {
      const tts = new ToneTts();
      const strict = new LoudspeakerChannel({ http: localOutbound, tts });
      await expect(
        strict.publish(accountFor(station), bulletin({ level: 'emergency', airWindows: [windowFromNow(5, 30)] }), {
          idempotencyKey: 'k',
        }),
      ).rejects.toMatchObject({
        kind: 'permanent',
        message: 'Bản tin khẩn cấp được phát ngay, không được đặt khung giờ phát.',
      });
      expect(tts.calls).toHaveLength(0);
      expect(station.submissions).toBe(0);
    });
  });

  describe('priority', () => {
    it('is slotted into the programme by the station: sent without windows when it has none', async () => {
      const result = await channel.publish(accountFor(station), bulletin({ level: 'priority' }), {
        idempotencyKey: 'k',
        publishAt: new Date(),
      });

      expect(station.bulletins()[0].metadata).not.toHaveProperty('airWindows');
      expect(result.response).toMatchObject({ status: 'scheduled', level: 'priority' });
    });

    it('keeps the windows it was given', async () => {
      const window = windowFromNow(15, 45);
      await channel.publish(accountFor(station), bulletin({ level: 'priority', airWindows: [window] }), {
        idempotencyKey: 'k',
      });

      expect(station.bulletins()[0].airWindows).toEqual([window]);
    });
  });

  describe('normal', () => {
    it('carries its own windows', async () => {
      const windows = [windowFromNow(60, 30), windowFromNow(600, 30)];
      const result = await channel.publish(accountFor(station), bulletin({ airWindows: windows }), {
        idempotencyKey: 'k',
      });

      expect(station.bulletins()[0].airWindows).toEqual(windows);
      expect(result.response).toMatchObject({ status: 'scheduled', level: 'normal' });
    });

    it('without windows gets one from publishAt, as long as the account says (two hours by default)', async () => {
      const publishAt = new Date(Date.now() + 24 * 3600_000);
      await channel.publish(accountFor(station), bulletin({}), { idempotencyKey: 'a', publishAt });
      await channel.publish(accountFor(station, { airWindowMinutes: 30 }), bulletin({}), {
        idempotencyKey: 'b',
        publishAt,
      });

      const [a, b] = station.bulletins();
      expect(a.airWindows).toEqual([
        { start: publishAt.toISOString(), end: new Date(publishAt.getTime() + 120 * 60_000).toISOString() },
      ]);
      expect(b.airWindows).toEqual([
        { start: publishAt.toISOString(), end: new Date(publishAt.getTime() + 30 * 60_000).toISOString() },
      ]);
    });

    it('without windows or publishAt gets one from now, never shorter than the audio', async () => {
      const now = new Date();
      const clocked = new LoudspeakerChannel({ http: localOutbound, tts: new ToneTts(), now: () => now });
      await clocked.publish(accountFor(station, { airWindowMinutes: 0.1 }), bulletin({}), { idempotencyKey: 'k' });

      const [received] = station.bulletins();
      const [window] = received.airWindows!;
      expect(window.start).toBe(now.toISOString());
      expect((Date.parse(window.end) - Date.parse(window.start)) / 1000).toBe(Math.ceil(received.audioSeconds));
    });
  });
});
