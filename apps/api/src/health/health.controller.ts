import { Controller, Get, HttpException, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { QueueName, QueueService } from '@nhip/queue';
import { Public } from '../http/auth.decorators';
import { ReconcilerHealthIndicator } from './reconciler.health';
import { RedisHealthIndicator } from './redis.health';

/**
 * 200 only when Postgres and Redis answer and the reconciler has run within its stall window; the
 * worker count is reported but does not gate it. A stalled reconciler with both stores up is
 * "degraded": the api answers, but due publications may be going nowhere.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly reconciler: ReconcilerHealthIndicator,
    private readonly queues: QueueService,
  ) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) res: Response) {
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2000 }),
        () => this.redis.isHealthy('redis', 2000),
        () => this.reconciler.isHealthy('reconciler'),
      ]);
      const workers = await this.queues.workerCount(QueueName.Maintenance).catch(() => null);
      return { ...result, workers };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      res.status(503);
      const details = error.getResponse() as { error?: Record<string, { message?: string }> };
      const down = Object.keys(details.error ?? {});
      if (down.length === 1 && down[0] === 'reconciler')
        return {
          code: 'RECONCILER_STALLED',
          message: details.error!.reconciler.message ?? 'Bộ đối soát xuất bản không chạy.',
          details,
        };
      return {
        code: 'UNHEALTHY',
        message: 'Hệ thống chưa sẵn sàng: cơ sở dữ liệu hoặc Redis không phản hồi.',
        details,
      };
    }
  }
}
