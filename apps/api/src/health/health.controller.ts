import { Controller, Get, HttpException, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { QueueName, QueueService } from '@nhip/queue';
import { Public } from '../http/auth.decorators';
import { RedisHealthIndicator } from './redis.health';

/** 200 only when both Postgres and Redis answer; the worker count is reported but does not gate it. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queues: QueueService,
  ) {}

  @Public()
  @Get()
  async check(@Res({ passthrough: true }) res: Response) {
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: 2000 }),
        () => this.redis.isHealthy('redis', 2000),
      ]);
      const workers = await this.queues.workerCount(QueueName.Maintenance).catch(() => null);
      return { ...result, workers };
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      res.status(503);
      return {
        code: 'UNHEALTHY',
        message: 'Hệ thống chưa sẵn sàng: cơ sở dữ liệu hoặc Redis không phản hồi.',
        details: error.getResponse(),
      };
    }
  }
}
