import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { CalendarService } from './calendar/calendar.service';
import { GapService } from './calendar/gap.service';
import { CampaignService } from './campaigns/campaign.service';
import { FeedTokenService } from './feeds/feed-token.service';
import { PlanImportService } from './plans/plan-import.service';
import { PlanQueryService } from './plans/plan-query.service';

@Module({
  imports: [AuditModule],
  providers: [CampaignService, PlanImportService, PlanQueryService, CalendarService, GapService, FeedTokenService],
  exports: [CampaignService, PlanImportService, PlanQueryService, CalendarService, GapService, FeedTokenService],
})
export class CalendarModule {}
