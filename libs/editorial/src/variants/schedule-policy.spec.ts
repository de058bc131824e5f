import { checkOccurrenceTime, nextFreeSlot, occurrencesToPlan } from './schedule-policy';

const now = new Date('2026-10-05T01:00:00Z'); // 08:00 in Hà Nội

describe('schedule policy', () => {
  it('refuses a past time and a time too close for the channel, with the reason', () => {
    expect(() => checkOccurrenceTime('portal', 60, new Date('2026-10-05T00:59:00Z'), now)).toThrow(
      expect.objectContaining({ code: 'SCHEDULE_IN_PAST' }),
    );
    expect(() => checkOccurrenceTime('zalo', 120, new Date(now.getTime() + 90_000), now)).toThrow(
      expect.objectContaining({
        code: 'SCHEDULE_TOO_SOON',
        message: expect.stringContaining('Zalo cần ít nhất 2 phút'),
      }),
    );
    expect(() => checkOccurrenceTime('zalo', 120, new Date(now.getTime() + 121_000), now)).not.toThrow();
  });

  it('lets a channel with no lead time take the next second but holds others back their lead', () => {
    expect(() => checkOccurrenceTime('loudspeaker', 0, new Date(now.getTime() + 1000), now)).not.toThrow();
    expect(() => checkOccurrenceTime('loudspeaker', 300, new Date(now.getTime() + 60_000), now)).toThrow(
      expect.objectContaining({ code: 'SCHEDULE_TOO_SOON', message: expect.stringContaining('5 phút') }),
    );
  });

  it('finds the next free posting slot in Vietnam time, skipping taken ones', () => {
    const slots = ['17:00', '06:00'];
    expect(nextFreeSlot(slots, new Set(), now)?.toISOString()).toBe('2026-10-05T10:00:00.000Z'); // 17:00 today
    const taken = new Set([Date.parse('2026-10-05T10:00:00Z')]);
    expect(nextFreeSlot(slots, taken, now)?.toISOString()).toBe('2026-10-05T23:00:00.000Z'); // 06:00 tomorrow
    expect(nextFreeSlot([], taken, now)).toBeNull();
    expect(nextFreeSlot(['25:00'], taken, now)).toBeNull();
  });

  it('writes a weekly bulletin out for the next weeks only', () => {
    const at = new Date('2026-10-05T10:00:00Z'); // Monday 17:00
    const occurrences = occurrencesToPlan({ at, rrule: 'FREQ=WEEKLY;BYDAY=MO' }, now);
    expect(occurrences[0].toISOString()).toBe('2026-10-05T10:00:00.000Z');
    expect(occurrences).toHaveLength(5);
    expect(occurrencesToPlan({ at }, now)).toEqual([at]);
    expect(() => occurrencesToPlan({ at, rrule: 'FREQ=SECONDLY' }, now)).toThrow(
      expect.objectContaining({ code: 'RECURRENCE_TOO_FREQUENT' }),
    );
  });
});
