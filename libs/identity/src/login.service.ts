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

/** Failures across everyone are counted per minute, so a storm blocks logins for a minute at most. */
const GLOBAL_WINDOW_SECONDS = 60;

interface Counter {
  limiter: RateLimiterRedis;
  key: (username: string, clientIp: string) => string;
}

/**
 * Password login. Failures are counted in Redis, so the limits hold across every api instance: per
 * username and address (cleared by a success), per address whatever the username (spraying many
 * usernames), per username from any address (one account attacked from many), and across everyone.
 * While any of them is exhausted, every attempt it covers is refused, a correct password included.
 */
@Injectable()
export class LoginService {
  private readonly counters: Counter[];
  private dummyHash?: Promise<string>;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    redis: RedisService,
    config: AppConfig,
  ) {
    const counter = (keyPrefix: string, points: number, key: Counter['key'], duration = config.loginWindowSeconds) => ({
      limiter: new RateLimiterRedis({ storeClient: redis.client, keyPrefix, points, duration }),
      key,
    });
    this.counters = [
      counter('login-failures', config.loginMaxAttempts, (username, ip) => `${username}|${ip}`),
      counter('login-failures-address', config.loginMaxPerAddress, (_username, ip) => ip),
      counter('login-failures-username', config.loginMaxPerUsername, (username) => username),
      counter('login-failures-global', config.loginMaxGlobal, () => 'all', GLOBAL_WINDOW_SECONDS),
    ];
  }

  async login(username: string, password: string, clientIp: string, requestId?: string): Promise<IssuedToken> {
    const normalized = username.normalize('NFC').trim().toLowerCase();
    const states = await Promise.all(
      this.counters.map(({ limiter, key }) => limiter.get(key(normalized, clientIp))),
    ).catch(unavailable);
    const blocked = exhausted(states);
    if (blocked) throw tooMany(blocked);

    const user = await this.users.findOne({ where: { username: normalized } });
    // Verify against a throwaway hash when the user is unknown, so timing does not reveal which usernames exist.
    const hash = user?.passwordHash ?? (await (this.dummyHash ??= this.hasher.hash('nhip-dummy-password')));
    const valid = (await this.hasher.verify(hash, password)) && !!user?.isActive;
    if (!valid || !user) {
      const after = await Promise.all(
        this.counters.map(({ limiter, key }) => limiter.penalty(key(normalized, clientIp))),
      ).catch(unavailable);
      await this.audit.record({
        action: 'auth.login_failed',
        subjectType: 'user',
        subjectId: user?.id ?? null,
        data: { username: normalized, clientIp },
        requestId,
      });
      const now = exhausted(after);
      if (now) throw tooMany(now);
      throw INVALID();
    }
    const [pair] = this.counters;
    await pair.limiter.delete(pair.key(normalized, clientIp)).catch(unavailable);
    return this.tokens.issueSession(user.id, { clientIp, requestId });
  }
}

/** The exhausted counter that frees up last, if any. */
function exhausted(states: Array<RateLimiterRes | null>): RateLimiterRes | null {
  return states
    .filter((state): state is RateLimiterRes => state !== null && state.remainingPoints <= 0)
    .reduce<RateLimiterRes | null>(
      (last, state) => (!last || state.msBeforeNext > last.msBeforeNext ? state : last),
      null,
    );
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
