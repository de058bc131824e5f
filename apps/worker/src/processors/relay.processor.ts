import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { EditorialModule, RelayService } from '@nhip/editorial';
import { JobName, JobRunner, QueueModule } from '@nhip/queue';

/** Reminds agencies that have not answered a relayed story before its window closes; scheduled every 10 minutes. */
@Injectable()
class RelayProcessor implements OnModuleInit {
  private readonly logger = new Logger(RelayProcessor.name);

  constructor(
    private readonly runner: JobRunner,
    private readonly relays: RelayService,
  ) {}

  onModuleInit() {
    this.runner.register(JobName.RemindRelays, async () => {
      const run = await this.relays.remindWaiting();
      if (run.reminded > 0) this.logger.log(run, 'relay reminders sent');
      return run;
    });
  }
}

@Module({ imports: [QueueModule, EditorialModule], providers: [RelayProcessor] })
export class RelayProcessorModule {}
