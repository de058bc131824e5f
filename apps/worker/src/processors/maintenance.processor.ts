import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { TokenService } from '@nhip/identity';
import { JobName, JobRunner } from '@nhip/queue';

/** Housekeeping that keeps the tables small: expired sessions and revoked tokens. */
@Injectable()
export class MaintenanceProcessor implements OnModuleInit {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly runner: JobRunner,
    private readonly tokens: TokenService,
  ) {}

  onModuleInit() {
    this.runner.register(JobName.PurgeExpiredTokens, async ({ olderThanHours }) => {
      const removed = await this.tokens.purgeExpired(olderThanHours);
      this.logger.log({ removed }, 'purged expired tokens');
      return { removed };
    });
  }
}
