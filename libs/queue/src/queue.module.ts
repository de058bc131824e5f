import { Module } from '@nestjs/common';
import { JobRunner } from './job-runner';
import { QueueService } from './queue.service';
import { RedisService } from './redis.service';

@Module({ providers: [QueueService, RedisService, JobRunner], exports: [QueueService, RedisService, JobRunner] })
export class QueueModule {}
