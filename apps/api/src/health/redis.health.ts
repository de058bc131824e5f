import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisService } from '@nhip/queue';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly redis: RedisService,
  ) {}

  async isHealthy(key: string, timeoutMs: number) {
    const indicator = this.health.check(key);
    try {
      const timeout = new Promise<boolean>((_, reject) =>
        setTimeout(() => reject(new Error('timeout')), timeoutMs).unref(),
      );
      return (await Promise.race([this.redis.ping(), timeout]))
        ? indicator.up()
        : indicator.down({ message: 'no PONG' });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
