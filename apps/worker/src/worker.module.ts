import { Module, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@nhip/core';
import { DatabaseModule } from '@nhip/database';
import { NotificationsModule } from '@nhip/notifications';
import { PublishingModule } from '@nhip/publishing';
import { IdentityModule } from '@nhip/identity';
import { JobRunner, QueueModule, QueueName } from '@nhip/queue';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { NotificationsProcessor } from './processors/notifications.processor';
import { PublishingProcessor } from './processors/publishing.processor';
import { RelayProcessorModule } from './processors/relay.processor';
import { ReportsProcessorModule } from './processors/reports.processor';
import { RecurringJobsKeeper } from './recurring-jobs.keeper';

/** Starts consuming only after every processor has registered its handlers. */
class StartJobRunner implements OnApplicationBootstrap {
  constructor(
    private readonly runner: JobRunner,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    await this.runner.start({ [QueueName.Publishing]: this.config.publishConcurrency, [QueueName.Notifications]: 5 });
  }
}

/** The worker: the same library modules as the api, plus the processors; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig) {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: { level: config.logLevel },
        }),
        DatabaseModule,
        QueueModule,
        IdentityModule,
        NotificationsModule,
        PublishingModule,
        ReportsProcessorModule,
        RelayProcessorModule,
      ],
      providers: [
        MaintenanceProcessor,
        NotificationsProcessor,
        PublishingProcessor,
        RecurringJobsKeeper,
        {
          provide: StartJobRunner,
          useFactory: (r: JobRunner, c: AppConfig) => new StartJobRunner(r, c),
          inject: [JobRunner, AppConfig],
        },
      ],
    };
  }
}
