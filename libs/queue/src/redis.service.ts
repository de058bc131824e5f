import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '@nhip/core';
import { createRedisClient } from './redis-connection';

/** The process's plain Redis client, for everything that is not a queue (rate limits, health). */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(config: AppConfig) {
    this.client = createRedisClient(config.redisUrl, { keyPrefix: `${config.queuePrefix}:` });
    this.client.on('error', () => undefined); // reconnects on its own; health reports the outage
  }

  async ping(): Promise<boolean> {
    return (await this.client.ping()) === 'PONG';
  }

  async onApplicationShutdown() {
    this.client.disconnect();
  }
}
