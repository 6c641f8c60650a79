import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from '../../shared/limits';
import { ConfigError, loadConfig, parseEnv } from './load';

describe('parseEnv', () => {
  it('applies the defaults on an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: './data', ALLOWED_ORIGINS: [], SEED_DEMO: true });
    expect(env.MONGODB_URI).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ MONGODB_URI: '', SESSION_SECRET: '', PUBLIC_ORIGIN: '' })).toMatchObject({
      MONGODB_URI: undefined,
      SESSION_SECRET: undefined,
      PUBLIC_ORIGIN: undefined,
    });
  });

  it('normalises origins', () => {
    const env = parseEnv({ PUBLIC_ORIGIN: 'https://ent.example.fr/path', ALLOWED_ORIGINS: 'http://localhost:5173/, https://a.fr' });
    expect(env.PUBLIC_ORIGIN).toBe('https://ent.example.fr');
    expect(env.ALLOWED_ORIGINS).toEqual(['http://localhost:5173', 'https://a.fr']);
  });

  it('reads TRUST_PROXY as a number of proxies, `true` meaning one and `false` none', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
  });

  it('refuses the injectable clock (CLOCK_FILE) in production, and reads SMTP_URL as smtp:// or smtps:// only', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', CLOCK_FILE: '/tmp/clock' })).toThrow(/^Invalid configuration: CLOCK_FILE is for tests only/);
    expect(parseEnv({ NODE_ENV: 'test', CLOCK_FILE: '/tmp/clock' }).CLOCK_FILE).toBe('/tmp/clock');
    expect(() => parseEnv({ SMTP_URL: 'http://mail.example.fr' })).toThrow(/^Invalid configuration: SMTP_URL must start with smtp/);
    expect(parseEnv({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it('reads session lifetimes in seconds (decimals allowed), by default those of shared/limits.ts', () => {
    expect(parseEnv({})).toMatchObject({ SESSION_IDLE_TIMEOUT_SECONDS: SESSION_IDLE_TIMEOUT_MS, SESSION_ABSOLUTE_TIMEOUT_SECONDS: SESSION_ABSOLUTE_TIMEOUT_MS });
    expect(parseEnv({ SESSION_IDLE_TIMEOUT_SECONDS: '1.5', SESSION_ABSOLUTE_TIMEOUT_SECONDS: '3600' })).toMatchObject({ SESSION_IDLE_TIMEOUT_SECONDS: 1_500, SESSION_ABSOLUTE_TIMEOUT_SECONDS: 3_600_000 });
  });

  it('reads PEERTUBE_HOSTS as lower-case host names, and refuses a scheme, a port, a path or a wildcard', () => {
    expect(parseEnv({}).PEERTUBE_HOSTS).toEqual([]);
    expect(parseEnv({ PEERTUBE_HOSTS: 'Tube.AC-Lyon.fr, peertube.fr' }).PEERTUBE_HOSTS).toEqual(['tube.ac-lyon.fr', 'peertube.fr']);
    for (const bad of ['https://peertube.fr', 'peertube.fr:8443', 'peertube.fr/w', '*.peertube.fr']) {
      expect(() => parseEnv({ PEERTUBE_HOSTS: bad })).toThrow(/^Invalid configuration: PEERTUBE_HOSTS must list host names/);
    }
  });

  it('reads rate limit overrides by name', () => {
    expect(parseEnv({ RATE_LIMITS: '{"collabUpdate":{"points":5,"durationSeconds":2}}' }).RATE_LIMITS).toEqual({ collabUpdate: { points: 5, durationSeconds: 2 } });
    expect(parseEnv({}).RATE_LIMITS).toEqual({});
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '65536' }, 'PORT'],
    [{ PORT: '3.5' }, 'PORT'],
    [{ MONGODB_URI: 'postgres://x' }, 'MONGODB_URI'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://x' }, 'SESSION_SECRET'],
    [{ ALLOWED_ORIGINS: 'nope' }, 'ALLOWED_ORIGINS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '11' }, 'TRUST_PROXY'],
    [{ RATE_LIMITS: '{nope' }, 'RATE_LIMITS'],
    [{ SESSION_IDLE_TIMEOUT_SECONDS: 'soon' }, 'SESSION_IDLE_TIMEOUT_SECONDS'],
    [{ SESSION_ABSOLUTE_TIMEOUT_SECONDS: '0' }, 'SESSION_ABSOLUTE_TIMEOUT_SECONDS'],
    [{ RATE_LIMITS: '{"unknownLimit":{"points":1,"durationSeconds":1}}' }, 'RATE_LIMITS'],
    [{ RATE_LIMITS: '{"collabUpdate":{"points":0,"durationSeconds":1}}' }, 'RATE_LIMITS'],
  ])('rejects %o with one line naming %s', (source, variable) => {
    try {
      parseEnv(source);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    }
  });
});

describe('loadConfig', () => {
  it('generates the session secret once and keeps it in DATA_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preau-cfg-'));
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first.sessionSecret);
    rmSync(dir, { recursive: true, force: true });
  });

  it('requires SESSION_SECRET when REDIS_URL is set: several nodes must share it, none may generate its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preau-cfg-'));
    for (const secret of [undefined, '']) {
      const source = { DATA_DIR: dir, REDIS_URL: 'redis://127.0.0.1:6379', ...(secret === undefined ? {} : { SESSION_SECRET: secret }) };
      expect(() => loadConfig(source)).toThrow(ConfigError);
      expect(() => loadConfig(source)).toThrow(/^Invalid configuration: SESSION_SECRET is required when REDIS_URL is set \(/);
    }
    expect(existsSync(join(dir, 'session-secret'))).toBe(false);
    expect(() => parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379', SESSION_SECRET: 'short' })).toThrow(/^Invalid configuration: SESSION_SECRET must be at least 32/);
    const secret = 'r'.repeat(32);
    expect(loadConfig({ DATA_DIR: dir, REDIS_URL: 'redis://127.0.0.1:6379', SESSION_SECRET: secret })).toMatchObject({ sessionSecret: secret, redisUrl: 'redis://127.0.0.1:6379' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('prefers SESSION_SECRET from the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preau-cfg-'));
    const secret = 's'.repeat(40);
    expect(loadConfig({ DATA_DIR: dir, SESSION_SECRET: secret }).sessionSecret).toBe(secret);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the audit key apart from the session secret: generated once in DATA_DIR, or AUDIT_KEY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preau-cfg-'));
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.auditKey.length).toBeGreaterThanOrEqual(32);
    expect(first.auditKey).not.toBe(first.sessionSecret);
    expect(loadConfig({ DATA_DIR: dir }).auditKey).toBe(first.auditKey);
    expect(readFileSync(join(dir, 'audit-key'), 'utf8').trim()).toBe(first.auditKey);
    expect(first.auditCheckpointDir).toBe(join(dir, 'audit-checkpoints'));
    const key = 'k'.repeat(32);
    expect(loadConfig({ DATA_DIR: dir, AUDIT_KEY: key, AUDIT_CHECKPOINT_DIR: join(dir, 'elsewhere') })).toMatchObject({ auditKey: key, auditCheckpointDir: join(dir, 'elsewhere') });
    expect(() => parseEnv({ AUDIT_KEY: 'short' })).toThrow(/^Invalid configuration: AUDIT_KEY /);
    rmSync(dir, { recursive: true, force: true });
  });
});
