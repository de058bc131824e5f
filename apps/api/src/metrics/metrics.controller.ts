import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublishingMetrics } from '@nhip/publishing';
import { Public } from '../http/auth.decorators';

/** Prometheus scrape endpoint; like /health it sits outside /api/v1 and needs no token (expose it only inside the network). */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: PublishingMetrics) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response) {
    res.type(this.metrics.contentType).send(await this.metrics.render());
  }
}
