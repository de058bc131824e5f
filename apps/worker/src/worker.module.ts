import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@nhip/core';
import { DatabaseModule } from '@nhip/database';
import { EditorialModule } from '@nhip/editorial';
import { IdentityModule } from '@nhip/identity';
import { JobRunner, QueueModule } from '@nhip/queue';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { NotificationsProcessor } from './processors/notifications.processor';

/** Starts consuming only after every processor has registered its handlers. */
class StartJobRunner implements OnApplicationBootstrap {
  constructor(private readonly runner: JobRunner) {}

  async onApplicationBootstrap() {
    await this.runner.start();
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
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        DatabaseModule,
        QueueModule,
        IdentityModule,
        EditorialModule,
      ],
      providers: [MaintenanceProcessor, NotificationsProcessor, { provide: StartJobRunner, useFactory: (r: JobRunner) => new StartJobRunner(r), inject: [JobRunner] }],
    };
  }
}
