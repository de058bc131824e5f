import { Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuditModule } from '@nhip/audit';
import { CalendarModule } from '@nhip/calendar';
import { ChannelsModule } from '@nhip/channels';
import { AppConfig, ConfigModule } from '@nhip/core';
import { DatabaseModule } from '@nhip/database';
import { EditorialModule } from '@nhip/editorial';
import { NotificationsModule } from '@nhip/notifications';
import { PublishingModule, ReconcilerLiveness } from '@nhip/publishing';
import { IdentityModule } from '@nhip/identity';
import { QueueModule, QueueService, recurringJobs } from '@nhip/queue';
import { ReportingModule } from '@nhip/reporting';
import { AgenciesController } from './agencies/agencies.controller';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { CalendarController } from './calendar/calendar.controller';
import { RecurrenceController } from './calendar/recurrence.controller';
import { CampaignsController } from './campaigns/campaigns.controller';
import { ChannelAccountsController } from './channel-accounts/channel-accounts.controller';
import { FeedsController } from './feeds/feeds.controller';
import { HealthController } from './health/health.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { MetricsController } from './metrics/metrics.controller';
import { PlansController } from './plans/plans.controller';
import { PublicationsController } from './publications/publications.controller';
import { QueueController } from './queue/queue.controller';
import { ReportsController, TargetValuesController } from './reports';
import { MediaController } from './media/media.controller';
import { SandboxController } from './sandbox/sandbox.controller';
import { StoriesController } from './stories/stories.controller';
import { RelayController } from './relay/relay.controller';
import { VariantsController } from './variants/variants.controller';
import { ReconcilerHealthIndicator } from './health/reconciler.health';
import { RedisHealthIndicator } from './health/redis.health';
import { AgencyAccessGuard } from './http/agency-access.guard';
import { AllExceptionsFilter } from './http/all-exceptions.filter';
import { AuthGuard } from './http/auth.guard';
import { loggerParams } from './http/logging';
import { UsersController } from './users/users.controller';

/** Schedules recurring maintenance; idempotent, so every api instance may do it at boot. */
class MaintenanceSchedule implements OnApplicationBootstrap {
  constructor(
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    for (const job of recurringJobs(this.config)) await this.queues.scheduleRecurring(job);
  }
}

/**
 * Once per reconciler tick, tells the administrators if the reconciler has stalled (once per stall across
 * every instance). The api does it too because a stall with every worker gone has no worker to notice.
 */
@Injectable()
class ReconcilerWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcilerWatchdog.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly liveness: ReconcilerLiveness,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(
      () =>
        void this.liveness
          .notifyIfStalled()
          .catch((e: Error) => this.logger.warn({ error: e.message }, 'reconciler liveness not checked')),
      this.config.reconcileEverySeconds * 1000,
    );
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }
}

export interface ApiModuleOptions {
  config: AppConfig;
  logStream?: DestinationStream;
}

@Module({})
export class ApiModule {
  static forRoot({ config, logStream }: ApiModuleOptions) {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, logStream)),
        DatabaseModule,
        QueueModule,
        AuditModule,
        IdentityModule,
        ChannelsModule,
        CalendarModule,
        EditorialModule,
        NotificationsModule,
        PublishingModule,
        ReportingModule,
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [
        AuthController,
        AgenciesController,
        UsersController,
        ChannelAccountsController,
        CampaignsController,
        PlansController,
        CalendarController,
        RecurrenceController,
        FeedsController,
        StoriesController,
        RelayController,
        MediaController,
        SandboxController,
        VariantsController,
        QueueController,
        NotificationsController,
        AuditController,
        PublicationsController,
        MetricsController,
        ReportsController,
        TargetValuesController,
        HealthController,
      ],
      providers: [
        RedisHealthIndicator,
        ReconcilerHealthIndicator,
        ReconcilerWatchdog,
        {
          provide: MaintenanceSchedule,
          useFactory: (q: QueueService, c: AppConfig) => new MaintenanceSchedule(q, c),
          inject: [QueueService, AppConfig],
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: AgencyAccessGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
