import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { Repository } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { AppConfig, DomainError } from '@nhip/core';
import { UserEntity } from '@nhip/database';
import { RedisService } from '@nhip/queue';
import { PasswordHasher } from './password-hasher';
import { IssuedToken, TokenService } from './token.service';

const INVALID = () =>
  new DomainError('unauthenticated', 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');

/**
 * Password login. Failures are counted per username and client address in Redis, so the limit holds
 * across every api instance; a success clears the count.
 */
@Injectable()
export class LoginService {
  private readonly failures: RateLimiterRedis;
  private dummyHash?: Promise<string>;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    redis: RedisService,
    config: AppConfig,
  ) {
    this.failures = new RateLimiterRedis({
      storeClient: redis.client,
      keyPrefix: 'login-failures',
      points: config.loginMaxAttempts,
      duration: config.loginWindowSeconds,
      blockDuration: config.loginWindowSeconds,
    });
  }

  async login(username: string, password: string, clientIp: string, requestId?: string): Promise<IssuedToken> {
    const normalized = username.normalize('NFC').trim().toLowerCase();
    const key = `${normalized}|${clientIp}`;
    const state = await this.failures.get(key).catch(unavailable);
    if (state && state.remainingPoints <= 0) throw tooMany(state);

    const user = await this.users.findOne({ where: { username: normalized } });
    // Verify against a throwaway hash when the user is unknown, so timing does not reveal which usernames exist.
    const hash = user?.passwordHash ?? (await (this.dummyHash ??= this.hasher.hash('nhip-dummy-password')));
    const valid = (await this.hasher.verify(hash, password)) && !!user?.isActive;
    if (!valid || !user) {
      const after = await this.failures.penalty(key).catch(unavailable);
      await this.audit.record({
        action: 'auth.login_failed',
        subjectType: 'user',
        subjectId: user?.id ?? null,
        data: { username: normalized, clientIp },
        requestId,
      });
      if (after.remainingPoints <= 0) throw tooMany(after);
      throw INVALID();
    }
    await this.failures.delete(key).catch(unavailable);
    const session = await this.tokens.issueSession(user.id);
    await this.audit.record({
      action: 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
      actorUserId: user.id,
      data: { clientIp },
      requestId,
    });
    return session;
  }
}

function tooMany(state: RateLimiterRes) {
  const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new DomainError(
    'rate_limited',
    'LOGIN_RATE_LIMITED',
    `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
    { retryAfterSeconds },
  );
}

function unavailable(error: unknown): never {
  if (error instanceof RateLimiterRes) throw tooMany(error);
  throw new DomainError(
    'unavailable',
    'SERVICE_UNAVAILABLE',
    'Hệ thống tạm thời không sẵn sàng, vui lòng thử lại sau.',
  );
}
