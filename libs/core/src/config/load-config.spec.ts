import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const base = () => ({ NHIP_DATA_DIR: mkdtempSync(join(tmpdir(), 'nhip-cfg-')), NHIP_CREDENTIALS_KEY: KEY });

describe('loadConfig', () => {
  it('starts from config/default.json and applies environment overrides', () => {
    const config = loadConfig({
      ...base(),
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/x',
      NHIP_DEMO_DATA: 'false',
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://u@db:5432/x');
    expect(config.databaseUrlExplicit).toBe(true);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.redisUrlExplicit).toBe(false);
    expect(config.demoData).toBe(false);
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ ...base(), NHIP_PUBLIC_URL: 'https://nhip.quangngai.gov.vn' }).publicUrl).toBe(
      'https://nhip.quangngai.gov.vn',
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost' }, 'REDIS_URL'],
    [{ NHIP_DEMO_DATA: 'maybe' }, 'NHIP_DEMO_DATA'],
    [{ NHIP_CREDENTIALS_KEY: 'short' }, 'NHIP_CREDENTIALS_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NHIP_PUBLIC_URL: 'https://nhip.example.vn/' }, 'NHIP_PUBLIC_URL'],
    [{ NHIP_PUBLIC_URL: 'nhip.example.vn' }, 'NHIP_PUBLIC_URL'],
    [{ NHIP_PUBLISH_LEASE_SECONDS: '60', NHIP_CHANNEL_TIMEOUT_SECONDS: '20' }, 'NHIP_PUBLISH_LEASE_SECONDS'],
    [{ NHIP_TTS_PROVIDER: 'google' }, 'NHIP_TTS_PROVIDER'],
    [{ NHIP_TTS_PROVIDER: 'fpt.ai' }, 'NHIP_TTS_API_KEY'],
    [{ NHIP_TTS_PROVIDER: 'fpt.ai', NHIP_TTS_API_KEY: 'k', NHIP_TTS_URL: 'api.fpt.ai' }, 'NHIP_TTS_URL'],
    [{ NHIP_TRUSTED_PROXIES: '10.0.0.1, loopback' }, 'NHIP_TRUSTED_PROXIES'],
    [{ NHIP_OUTBOUND_ALLOW_PRIVATE: 'lan' }, 'NHIP_OUTBOUND_ALLOW_PRIVATE'],
    [{ NHIP_LOGIN_MAX_PER_ADDRESS: '0' }, 'NHIP_LOGIN_MAX_PER_ADDRESS'],
  ])('refuses %j with one line naming %s', (env, name) => {
    let error: unknown;
    try {
      loadConfig({ ...base(), ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('renders bulletins with espeak-ng unless a text-to-speech vendor and its key are configured', () => {
    expect(loadConfig(base()).ttsProvider).toBe('espeak-ng');
    const fpt = loadConfig({ ...base(), NHIP_TTS_PROVIDER: 'fpt.ai', NHIP_TTS_API_KEY: 'k' });
    expect(fpt).toMatchObject({ ttsProvider: 'fpt.ai', ttsApiKey: 'k' });
  });

  it('trusts no proxy and refuses private outbound hosts unless told; lists are comma-separated', () => {
    const defaults = loadConfig(base());
    expect(defaults.trustedProxies).toEqual([]);
    expect(defaults.outboundAllowPrivate).toBe(false);
    const set = loadConfig({
      ...base(),
      NHIP_TRUSTED_PROXIES: '10.0.0.1, 172.16.0.0/12,::1',
      NHIP_OUTBOUND_ALLOW_PRIVATE: 'true',
    });
    expect(set.trustedProxies).toEqual(['10.0.0.1', '172.16.0.0/12', '::1']);
    expect(set.outboundAllowPrivate).toBe(true);
  });

  it('accepts a publish lease longer than a whole channel call', () => {
    expect(
      loadConfig({ ...base(), NHIP_PUBLISH_LEASE_SECONDS: '61', NHIP_CHANNEL_TIMEOUT_SECONDS: '20' })
        .publishLeaseSeconds,
    ).toBe(61);
  });

  it('creates and then reuses a local credentials key when none is configured', () => {
    const env = { NHIP_DATA_DIR: mkdtempSync(join(tmpdir(), 'nhip-cfg-')) };
    const first = loadConfig(env).credentialsKey;
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect(loadConfig(env).credentialsKey).toBe(first);
  });
});
