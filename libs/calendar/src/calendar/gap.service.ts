import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ChannelType } from '@nhip/database';
import { CadenceTargets, nationalPeakOccurrences } from '../peaks/national-peaks';
import { addLocalDays, eachLocalDay, localDayOf, startOfLocalDay } from './local-days';

export interface CadenceGap {
  /** Local day, YYYY-MM-DD. */
  date: string;
  peak: { key: string; name: string };
  agency: { id: string; code: string; name: string };
  channelType: ChannelType;
  expected: number;
  scheduled: number;
  missing: number;
}

interface PeakDay {
  key: string;
  name: string;
  cadence: CadenceTargets;
}

/** Publications that still count towards a cadence: failed and cancelled ones do not. */
const COUNTING_STATES = ['scheduled', 'publishing', 'published', 'unknown'];

/**
 * Where a peak's cadence (items per day per agency and channel type) is not met by what is scheduled:
 * one gap per day, agency and channel type the agency actually runs.
 */
@Injectable()
export class GapService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async gaps(agencyIds: string[], range: { from: string; to: string }): Promise<CadenceGap[]> {
    const peakDays = this.peakDays(range);
    if (peakDays.size === 0 || agencyIds.length === 0) return [];

    const accounts: Array<{ agency_id: string; code: string; name: string; type: ChannelType }> = await this.db.query(
      `SELECT DISTINCT a.id AS agency_id, a.code, a.name, ca.type
         FROM channel_accounts ca JOIN agencies a ON a.id = ca.agency_id
        WHERE ca.agency_id = ANY($1) AND ca.status <> 'needs_reconnection'
        ORDER BY a.name, ca.type`,
      [agencyIds],
    );
    const counted: Array<{ agency_id: string; type: ChannelType; occurrence_at: Date }> = await this.db.query(
      `SELECT ca.agency_id, ca.type, pub.occurrence_at
         FROM publications pub JOIN channel_accounts ca ON ca.id = pub.channel_account_id
        WHERE ca.agency_id = ANY($1) AND pub.state = ANY($2) AND pub.occurrence_at >= $3 AND pub.occurrence_at < $4`,
      [agencyIds, COUNTING_STATES, startOfLocalDay(range.from), startOfLocalDay(addLocalDays(range.to, 1))],
    );
    const scheduled = new Map<string, number>();
    for (const row of counted) {
      const key = `${row.agency_id}|${row.type}|${localDayOf(row.occurrence_at)}`;
      scheduled.set(key, (scheduled.get(key) ?? 0) + 1);
    }

    const gaps: CadenceGap[] = [];
    for (const [date, peak] of [...peakDays].sort(([a], [b]) => a.localeCompare(b))) {
      for (const account of accounts) {
        const expected = peak.cadence[account.type] ?? 0;
        if (expected === 0) continue;
        const have = scheduled.get(`${account.agency_id}|${account.type}|${date}`) ?? 0;
        if (have >= expected) continue;
        gaps.push({
          date,
          peak: { key: peak.key, name: peak.name },
          agency: { id: account.agency_id, code: account.code, name: account.name },
          channelType: account.type,
          expected,
          scheduled: have,
          missing: expected - have,
        });
      }
    }
    return gaps;
  }

  /** Each local day in range that falls in a national peak's lead-up or day; the higher cadence wins where peaks overlap. */
  private peakDays(range: { from: string; to: string }): Map<string, PeakDay> {
    const days = new Map<string, PeakDay>();
    const fromYear = Number(range.from.slice(0, 4));
    const toYear = Number(range.to.slice(0, 4));
    for (const peak of nationalPeakOccurrences(fromYear, toYear)) {
      for (const day of eachLocalDay(peak.start, peak.end)) {
        if (day < range.from || day > range.to) continue;
        const current = days.get(day);
        const total = (c: CadenceTargets) => Object.values(c).reduce((a, b) => a + (b ?? 0), 0);
        if (!current || total(peak.cadence) > total(current.cadence))
          days.set(day, { key: peak.key, name: peak.name, cadence: peak.cadence });
      }
    }
    return days;
  }
}
