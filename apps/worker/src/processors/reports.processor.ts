import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { isLocalDay } from '@nhip/calendar';
import { atVietnamWallTime } from '@nhip/core';
import { JobName, JobRunner, QueueModule } from '@nhip/queue';
import { ReportingModule, ReportReminderService } from '@nhip/reporting';

/** Reminds responsible officers 7 and 2 days before each plan's report deadline; the api schedules it daily. */
@Injectable()
class ReportsProcessor implements OnModuleInit {
  private readonly logger = new Logger(ReportsProcessor.name);

  constructor(
    private readonly runner: JobRunner,
    private readonly reminders: ReportReminderService,
  ) {}

  onModuleInit() {
    this.runner.register(JobName.RemindReportDeadlines, async ({ today }) => {
      if (today !== undefined && !isLocalDay(today)) throw new Error(`Invalid day "${today}" for report reminders`);
      const run = await this.reminders.remind(today ? atVietnamWallTime(today, '12:00') : new Date());
      this.logger.log(run, 'report deadline reminders');
      return run;
    });
  }
}

/** The reports processor with what it needs, so the worker adds it with one import. */
@Module({ imports: [QueueModule, ReportingModule], providers: [ReportsProcessor] })
export class ReportsProcessorModule {}
