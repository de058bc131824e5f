import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ReconcilerLiveness } from '@nhip/publishing';

/** Down when no reconciler run completed within its stall window: publications due may be going nowhere. */
@Injectable()
export class ReconcilerHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly liveness: ReconcilerLiveness,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.health.check(key);
    try {
      const status = await this.liveness.status();
      const lastRunAt = status.lastRunAt?.toISOString() ?? null;
      return status.stalled ? indicator.down({ message: status.reason, lastRunAt }) : indicator.up({ lastRunAt });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
