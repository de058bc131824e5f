import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import ipaddr from 'ipaddr.js';

@ValidatorConstraint({ name: 'isProxyAddress' })
class IsProxyAddress implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    if (ipaddr.isValid(value)) return true;
    try {
      ipaddr.parseCIDR(value);
      return true;
    } catch {
      return false;
    }
  }
}

function IntRange(min: number, max: number) {
  const message = `phải là số nguyên từ ${min} đến ${max}`;
  return applyDecorators(
    Type(() => Number),
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
  );
}

/** A publish call may make several requests (media first, then the post): its deadline is this many channel timeouts. */
export const CHANNEL_CALL_TIMEOUTS = 3;

/** How long one publish call may take before its outcome is taken as unknown. */
export const channelCallDeadlineMs = (config: Pick<AppConfig, 'channelTimeoutSeconds'>) =>
  config.channelTimeoutSeconds * CHANNEL_CALL_TIMEOUTS * 1000;

export const TTS_PROVIDERS = ['espeak-ng', 'fpt.ai'] as const;
export type TtsProvider = (typeof TTS_PROVIDERS)[number];

/** The one typed configuration object. Every field has a default in config/default.json and an env override. */
export class AppConfig {
  @IntRange(1, 65535)
  port: number;

  @IsString()
  @MinLength(1, { message: 'không được để trống' })
  host: string;

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'phải là URL dạng postgres://user@host:port/db' })
  databaseUrl: string;

  /** True when DATABASE_URL was given; only then is an embedded database never started. */
  @IsBoolean({ message: 'phải là true hoặc false' })
  databaseUrlExplicit: boolean;

  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'phải là tên schema Postgres (chữ thường, số, _)' })
  databaseSchema: string;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'phải là URL dạng redis://host:port' })
  redisUrl: string;

  @IsBoolean({ message: 'phải là true hoặc false' })
  redisUrlExplicit: boolean;

  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'chỉ gồm chữ, số, - và _' })
  queuePrefix: string;

  @IsString()
  @MinLength(1, { message: 'không được để trống' })
  dataDir: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'phải là một trong: $constraint1' })
  logLevel: string;

  @IntRange(1, 24 * 90)
  sessionTtlHours: number;

  @IntRange(1, 1000)
  loginMaxAttempts: number;

  @IntRange(1, 86400)
  loginWindowSeconds: number;

  /** Failed logins from one address, whatever the usernames, before the address is blocked for the window. */
  @IntRange(1, 100000)
  loginMaxPerAddress: number;

  /** Failed logins for one username, from any address, before the username is blocked for the window. */
  @IntRange(1, 100000)
  loginMaxPerUsername: number;

  /** Failed logins across everyone before every login is refused for the window (a storm from many addresses). */
  @IntRange(1, 10000000)
  loginMaxGlobal: number;

  /**
   * Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, comma-separated); empty: none,
   * the client address is the connection's.
   */
  @IsString({ each: true })
  @Validate(IsProxyAddress, { each: true, message: 'phải là địa chỉ IP hoặc dải CIDR, cách nhau bằng dấu phẩy' })
  trustedProxies: string[];

  /** Outbound requests may go to private, loopback and link-local hosts (a portal on the LAN). Off by default. */
  @IsBoolean({ message: 'phải là true hoặc false' })
  outboundAllowPrivate: boolean;

  @IsBoolean({ message: 'phải là true hoặc false' })
  demoData: boolean;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'phải có ít nhất 8 ký tự' })
  adminPassword?: string;

  /** 32 bytes, base64; the AES-256-GCM key for channel credentials. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'phải là 32 byte mã hóa base64 (44 ký tự)' })
  credentialsKey: string;

  @IntRange(1024, 65535)
  embeddedPostgresPort: number;

  @IntRange(1024, 65535)
  embeddedRedisPort: number;

  @IntRange(1, 600)
  shutdownGraceSeconds: number;

  /** Publications due within this many hours are queued in Redis; later ones wait in Postgres. */
  @IntRange(1, 24 * 30)
  publishHorizonHours: number;

  /** A publication still "publishing" this long after its claim is taken to have crashed mid-call. */
  @IntRange(5, 3600)
  publishLeaseSeconds: number;

  @IntRange(1, 20)
  publishMaxAttempts: number;

  /** Publish jobs one worker process runs at once (per-account limits apply on top). */
  @IntRange(1, 500)
  publishConcurrency: number;

  @IntRange(1, 3600)
  reconcileEverySeconds: number;

  /** One HTTP request to a channel; a whole publish call (uploads, then the post) gets CHANNEL_CALL_TIMEOUTS of them. */
  @IntRange(1, 600)
  channelTimeoutSeconds: number;

  /** First retry delay after a retryable failure; doubles each attempt (with jitter), capped at 30 min. */
  @IntRange(1, 3600)
  publishRetryBaseSeconds: number;

  /** Wait before asking the channel what became of a call with an unknown outcome. */
  @IntRange(1, 3600)
  publishLookupDelaySeconds: number;

  /** Graph API root, with its version: moving to a new Graph version is a setting, not a release. */
  @Matches(/^https?:\/\/\S+$/, { message: 'phải là URL http(s)' })
  facebookGraphUrl: string;

  @Matches(/^https?:\/\/\S+$/, { message: 'phải là URL http(s)' })
  zaloApiUrl: string;

  @Matches(/^https?:\/\/\S+$/, { message: 'phải là URL http(s)' })
  zaloOauthUrl: string;

  /** How long Zalo may take to process an article before it is listed: "not found" is believed only after. */
  @IntRange(0, 86400)
  zaloProcessingWindowSeconds: number;

  /** First wait when a channel temporarily blocks an account (Facebook 368); doubles while the block lasts. */
  @IntRange(1, 86400)
  accountBlockedWaitSeconds: number;

  /** How long a temporary block is waited out before a person is asked (the account is paused). */
  @IntRange(1, 2592000)
  accountBlockedMaxSeconds: number;

  /**
   * Where the api is reached from outside, without a trailing slash: uploaded pictures get addresses
   * under it, and Facebook, Zalo and WordPress fetch them from there. Default: http://127.0.0.1:<PORT>.
   */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*[^\s/])?$/, { message: 'phải là URL http(s), không có dấu / ở cuối' })
  publicUrl: string;

  /** Which text-to-speech renders loudspeaker bulletins: espeak-ng on this machine, or FPT.AI's service. */
  @IsIn(TTS_PROVIDERS, { message: 'phải là một trong: $constraint1' })
  ttsProvider: TtsProvider;

  /** The vendor's key; required for every provider but espeak-ng. */
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'không được để trống' })
  ttsApiKey?: string;

  /** The vendor's synthesis endpoint, when it is not the vendor's public one (a proxy, a private install). */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'phải là URL http(s)' })
  ttsUrl?: string;

  /**
   * The Facebook app's secret: every Graph call then carries `appsecret_proof` (HMAC-SHA256 of the token),
   * which an app set to "Require App Secret" demands and which makes a leaked token useless elsewhere.
   */
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'không được để trống' })
  facebookAppSecret?: string;
}

/** Environment variable for each setting; the error on a bad value names the variable. */
export const ENV_NAMES: Record<string, string> = {
  port: 'PORT',
  publicUrl: 'NHIP_PUBLIC_URL',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  databaseSchema: 'DATABASE_SCHEMA',
  redisUrl: 'REDIS_URL',
  queuePrefix: 'NHIP_QUEUE_PREFIX',
  dataDir: 'NHIP_DATA_DIR',
  logLevel: 'LOG_LEVEL',
  sessionTtlHours: 'NHIP_SESSION_TTL_HOURS',
  loginMaxAttempts: 'NHIP_LOGIN_MAX_ATTEMPTS',
  loginWindowSeconds: 'NHIP_LOGIN_WINDOW_SECONDS',
  loginMaxPerAddress: 'NHIP_LOGIN_MAX_PER_ADDRESS',
  loginMaxPerUsername: 'NHIP_LOGIN_MAX_PER_USERNAME',
  loginMaxGlobal: 'NHIP_LOGIN_MAX_GLOBAL',
  trustedProxies: 'NHIP_TRUSTED_PROXIES',
  outboundAllowPrivate: 'NHIP_OUTBOUND_ALLOW_PRIVATE',
  demoData: 'NHIP_DEMO_DATA',
  adminPassword: 'NHIP_ADMIN_PASSWORD',
  credentialsKey: 'NHIP_CREDENTIALS_KEY',
  embeddedPostgresPort: 'NHIP_EMBEDDED_POSTGRES_PORT',
  embeddedRedisPort: 'NHIP_EMBEDDED_REDIS_PORT',
  shutdownGraceSeconds: 'NHIP_SHUTDOWN_GRACE_SECONDS',
  publishHorizonHours: 'NHIP_PUBLISH_HORIZON_HOURS',
  publishLeaseSeconds: 'NHIP_PUBLISH_LEASE_SECONDS',
  publishMaxAttempts: 'NHIP_PUBLISH_MAX_ATTEMPTS',
  publishConcurrency: 'NHIP_PUBLISH_CONCURRENCY',
  reconcileEverySeconds: 'NHIP_RECONCILE_EVERY_SECONDS',
  channelTimeoutSeconds: 'NHIP_CHANNEL_TIMEOUT_SECONDS',
  publishRetryBaseSeconds: 'NHIP_PUBLISH_RETRY_BASE_SECONDS',
  publishLookupDelaySeconds: 'NHIP_PUBLISH_LOOKUP_DELAY_SECONDS',
  facebookGraphUrl: 'NHIP_FACEBOOK_GRAPH_URL',
  zaloApiUrl: 'NHIP_ZALO_API_URL',
  zaloOauthUrl: 'NHIP_ZALO_OAUTH_URL',
  ttsProvider: 'NHIP_TTS_PROVIDER',
  ttsApiKey: 'NHIP_TTS_API_KEY',
  ttsUrl: 'NHIP_TTS_URL',
  facebookAppSecret: 'NHIP_FACEBOOK_APP_SECRET',
  zaloProcessingWindowSeconds: 'NHIP_ZALO_PROCESSING_WINDOW_SECONDS',
  accountBlockedWaitSeconds: 'NHIP_ACCOUNT_BLOCKED_WAIT_SECONDS',
  accountBlockedMaxSeconds: 'NHIP_ACCOUNT_BLOCKED_MAX_SECONDS',
};
