import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import defaults from '../../../../config/default.json';
import { AppConfig, CHANNEL_CALL_TIMEOUTS, channelCallDeadlineMs, ENV_NAMES } from './app-config';

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    reason: string,
  ) {
    super(`Cấu hình không hợp lệ: ${setting} ${reason}`);
    this.name = 'ConfigError';
  }
}

const BOOLEAN_SETTINGS = new Set(['demoData', 'outboundAllowPrivate']);
const LIST_SETTINGS = new Set(['trustedProxies']);

const parseList = (raw: string) =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function parseBoolean(setting: string, raw: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(setting, `— "${raw}" không phải true/false`);
}

/**
 * Builds the configuration from config/default.json and the environment, validates it, and throws a
 * ConfigError whose message is one line naming the offending variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = { ...defaults };
  for (const [key, envName] of Object.entries(ENV_NAMES)) {
    const value = env[envName];
    if (value === undefined || value === '') continue;
    raw[key] = BOOLEAN_SETTINGS.has(key)
      ? parseBoolean(envName, value)
      : LIST_SETTINGS.has(key)
        ? parseList(value)
        : value;
  }
  raw.databaseUrlExplicit = Boolean(env.DATABASE_URL);
  raw.redisUrlExplicit = Boolean(env.REDIS_URL);
  raw.dataDir = resolve(String(raw.dataDir));
  raw.publicUrl ??= `http://127.0.0.1:${raw.port}`;
  raw.credentialsKey ??= readOrCreateLocalKey(String(raw.dataDir));

  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    const first = errors[0];
    const reason = Object.values(first.constraints ?? {})[0] ?? 'không hợp lệ';
    throw new ConfigError(ENV_NAMES[first.property] ?? first.property, `— ${reason}`);
  }
  // A claim older than the lease is taken for a crashed worker; a live call must always end before that.
  if (config.publishLeaseSeconds * 1000 <= channelCallDeadlineMs(config)) {
    throw new ConfigError(
      ENV_NAMES.publishLeaseSeconds,
      `— phải lớn hơn ${CHANNEL_CALL_TIMEOUTS} × ${ENV_NAMES.channelTimeoutSeconds} (${channelCallDeadlineMs(config) / 1000} giây), thời gian tối đa của một lần gọi kênh`,
    );
  }
  if (config.ttsProvider !== 'espeak-ng' && !config.ttsApiKey) {
    throw new ConfigError(ENV_NAMES.ttsApiKey, `— cần khóa API khi ${ENV_NAMES.ttsProvider}=${config.ttsProvider}`);
  }
  return config;
}

/**
 * A single-machine install keeps its credentials key beside its data so that `npm start` works with no
 * setup; a multi-instance deployment must share one key through NHIP_CREDENTIALS_KEY.
 */
function readOrCreateLocalKey(dataDir: string): string {
  const file = join(dataDir, 'credentials.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}
