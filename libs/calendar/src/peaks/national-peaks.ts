import type { ChannelType } from '@nhip/vocabulary';

/** Items per day per agency that runs a channel of that type, during a peak's lead-up window and on the day. */
export type CadenceTargets = Partial<Record<ChannelType, number>>;

export type NationalPeakKey = 'science-technology-day' | 'innovation-day' | 'digital-transformation-day';

export interface NationalPeak {
  key: NationalPeakKey;
  name: string;
  /** Other names the plans use for the same day. */
  aliases: string[];
  month: number;
  day: number;
  /** Days of build-up before the day itself. */
  leadUpDays: number;
  cadence: CadenceTargets;
}

export interface PeakOccurrence {
  key: string;
  name: string;
  /** The peak day, `YYYY-MM-DD` local. */
  date: string;
  /** Lead-up window through the peak day, inclusive local days. */
  start: string;
  end: string;
  leadUpDays: number;
  cadence: CadenceTargets;
}

export const NATIONAL_PEAKS: readonly NationalPeak[] = [
  {
    key: 'science-technology-day',
    name: 'Ngày Khoa học và Công nghệ Việt Nam',
    aliases: ['Ngày KH&CN Việt Nam (18/5)'],
    month: 5,
    day: 18,
    leadUpDays: 7,
    cadence: { portal: 1, facebook: 1, zalo: 1, loudspeaker: 1 },
  },
  {
    key: 'innovation-day',
    name: 'Ngày Đổi mới sáng tạo quốc gia',
    aliases: ['Ngày hội Đổi mới sáng tạo quốc gia (01/10)'],
    month: 10,
    day: 1,
    leadUpDays: 7,
    cadence: { portal: 1, facebook: 1, zalo: 1, loudspeaker: 1 },
  },
  {
    key: 'digital-transformation-day',
    name: 'Ngày Chuyển đổi số quốc gia',
    aliases: ['Ngày hội toàn dân học tập số', 'Ngày Chuyển đổi số quốc gia (10/10)'],
    month: 10,
    day: 10,
    leadUpDays: 7,
    // The plans' heaviest week: one portal article and two commune loudspeaker bulletins a day.
    cadence: { portal: 1, facebook: 2, zalo: 1, loudspeaker: 2 },
  },
];

export function findNationalPeak(key: string): NationalPeak | undefined {
  return NATIONAL_PEAKS.find((peak) => peak.key === key);
}

export function isNationalPeakKey(key: string): key is NationalPeakKey {
  return findNationalPeak(key) !== undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Shifts a local day by whole days; pure calendar arithmetic, so no time zone can move it. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface PeakOverrides {
  leadUpDays?: number;
  cadence?: CadenceTargets;
}

/** The built-in peaks of every year from fromYear to toYear inclusive, in date order. */
export function nationalPeakOccurrences(
  fromYear: number,
  toYear: number,
  overrides: Partial<Record<NationalPeakKey, PeakOverrides>> = {},
): PeakOccurrence[] {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`Khoảng năm ${fromYear}–${toYear} không hợp lệ.`);
  }
  if (toYear - fromYear > 100) throw new RangeError('Khoảng năm của các đợt cao điểm không được quá 100 năm.');
  const occurrences: PeakOccurrence[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    for (const peak of NATIONAL_PEAKS) {
      const override = overrides[peak.key] ?? {};
      const leadUpDays = override.leadUpDays ?? peak.leadUpDays;
      const date = `${year}-${pad(peak.month)}-${pad(peak.day)}`;
      occurrences.push({
        key: peak.key,
        name: peak.name,
        date,
        start: addDays(date, -leadUpDays),
        end: date,
        leadUpDays,
        cadence: { ...(override.cadence ?? peak.cadence) },
      });
    }
  }
  return occurrences.sort((a, b) => a.date.localeCompare(b.date));
}
