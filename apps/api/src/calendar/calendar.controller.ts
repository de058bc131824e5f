import { VIETNAM_TIME_ZONE } from '@nhip/vocabulary';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CalendarService,
  daysBetween,
  expandCalendarItems,
  GapService,
  isLocalDay,
  startOfLocalDay,
  addLocalDays,
} from '@nhip/calendar';
import { DomainError } from '@nhip/core';
import { AccessPolicy, AgencyService, Principal } from '@nhip/identity';
import { CurrentPrincipal, SignedIn } from '../http/auth.decorators';
import { CalendarQuery, CalendarRangeQuery, CalendarSummaryQuery } from './calendar-query.dto';

/**
 * Publications one calendar answer lists (≈800 bytes of JSON each, so under 1 MB); beyond, the caller
 * is sent to the per-day summary. A commune's month is about 120.
 */
const CALENDAR_MAX_PUBLICATIONS = 1000;

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly gapsService: GapService,
    private readonly access: AccessPolicy,
    private readonly agencies: AgencyService,
  ) {}

  /**
   * Publications, variants still in the workflow, plan tasks, peaks and report deadlines between two local
   * days, recurring ones expanded.
   */
  @Get()
  @SignedIn('reach: items of agencies the caller reaches')
  async entries(@Query() query: CalendarQuery, @CurrentPrincipal() principal: Principal) {
    const range = checkRange(query);
    const agencyIds = await this.scope(principal.userId, query.agency);
    const items = await this.calendar.items({
      agencyIds,
      range,
      maxPublications: CALENDAR_MAX_PUBLICATIONS,
      filters: {
        kinds: query.kind,
        channelTypes: query.channelType,
        campaignId: query.campaign,
        planTaskId: query.planTask,
        statuses: query.status,
      },
      workInProgress: true,
    });
    return { from: query.from, to: query.to, timeZone: VIETNAM_TIME_ZONE, entries: expandCalendarItems(items, range) };
  }

  /**
   * Publications counted per day × channel type × state: for an agency, its own and each direct
   * subordinate's (with everything below it); without one, each topmost agency the caller sees. Drill
   * down by asking again with a subordinate's id, and down to one commune's entries with GET /calendar.
   */
  @Get('summary')
  @SignedIn('reach: counts for agencies the caller reaches (viewer of the agency asked)')
  async summary(@Query() query: CalendarSummaryQuery, @CurrentPrincipal() principal: Principal) {
    const range = checkRange(query);
    let visible: string[] | undefined;
    if (query.agency) await this.access.assertRole(principal.userId, query.agency, 'viewer');
    else visible = [...(await this.access.reachableAgencies(principal.userId)).keys()];
    const units = await this.calendar.summary({
      agencyId: query.agency,
      visible,
      range,
      channelTypes: query.channelType,
    });
    return { from: query.from, to: query.to, timeZone: 'Asia/Ho_Chi_Minh', agency: query.agency ?? null, units };
  }

  /** Days of a peak where an agency's channel has fewer items scheduled than the peak's cadence asks. */
  @Get('gaps')
  @SignedIn('reach: agencies the caller reaches')
  async gaps(@Query() query: CalendarRangeQuery, @CurrentPrincipal() principal: Principal) {
    checkRange(query);
    const agencyIds = await this.scope(principal.userId, query.agency);
    return {
      from: query.from,
      to: query.to,
      gaps: await this.gapsService.gaps(agencyIds, { from: query.from, to: query.to }),
    };
  }

  /** The agencies whose calendar the caller sees: one agency and those below it, or everything in reach. */
  private async scope(userId: string, agencyId?: string): Promise<string[]> {
    if (agencyId) {
      await this.access.assertRole(userId, agencyId, 'viewer');
      return this.agencies.subtree(agencyId);
    }
    return [...(await this.access.reachableAgencies(userId)).keys()];
  }
}

export function checkRange(query: CalendarRangeQuery): { from: Date; to: Date } {
  if (!isLocalDay(query.from) || !isLocalDay(query.to)) {
    throw DomainError.invalid('CALENDAR_RANGE_INVALID', 'Ngày không tồn tại trong lịch.', {
      from: query.from,
      to: query.to,
    });
  }
  if (daysBetween(query.from, query.to) < 0)
    throw DomainError.invalid('CALENDAR_RANGE_INVALID', 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.', {
      from: query.from,
      to: query.to,
    });
  const [y, m, d] = query.from.split('-').map(Number);
  const yearLater = new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
  if (query.to >= yearLater) {
    throw DomainError.invalid(
      'CALENDAR_RANGE_TOO_LONG',
      `Mỗi lần chỉ xem được tối đa một năm: "to" phải trước ngày ${yearLater}.`,
      { from: query.from, to: query.to, latestTo: addLocalDays(yearLater, -1) },
    );
  }
  return { from: startOfLocalDay(query.from), to: startOfLocalDay(addLocalDays(query.to, 1)) };
}
