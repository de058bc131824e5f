import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { CalendarModule } from '@nhip/calendar';
import { NotificationsModule } from '@nhip/notifications';
import { ReportBuilder } from './model/report-builder.service';
import { ReportDataRepository } from './model/report-data.repository';
import { ReportReminderService } from './reminders/report-reminder.service';
import { ReportService } from './report.service';
import { TargetValueService } from './targets/target-value.service';

/** Half-yearly reports, hand-entered target values and report deadline reminders. */
@Module({
  imports: [AuditModule, CalendarModule, NotificationsModule],
  providers: [ReportDataRepository, ReportBuilder, ReportService, TargetValueService, ReportReminderService],
  exports: [ReportService, TargetValueService, ReportReminderService],
})
export class ReportingModule {}
