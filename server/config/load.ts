import { randomBytes } from 'node:crypto';
import type { RateLimit, RateLimitName } from '../../shared/ratelimit/limits';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { envSchema, type Env } from './schema';

/** The validated configuration the server runs with. */
export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  mongodbUri: string | undefined;
  dataDir: string;
  sessionSecret: string;
  /** The audit log's signing key (AUDIT_KEY, or generated in DATA_DIR/audit-key): never in the store. */
  auditKey: string;
  /** Where the audit chain's signed checkpoints are written, apart from the store. */
  auditCheckpointDir: string;
  /** The origin users reach Préau at; `undefined` means "the local address with the listening port". */
  publicOrigin: string | undefined;
  /** Extra origins allowed to call the API and open sockets (for example Vite's dev server). */
  allowedOrigins: string[];
  /** The number of reverse proxies in front of Préau (0: none); the client IP is the address the outermost one saw. */
  trustProxy: number;
  redisUrl: string | undefined;
  /** Overrides of the named rate limits of `shared/ratelimit/limits.ts`. */
  rateLimits: Partial<Record<RateLimitName, RateLimit>>;
  embeddedSync: 'NORMAL' | 'FULL';
  /** How long a session lives without activity, and at most (SESSION_*_TIMEOUT_SECONDS; shared/limits.ts by default). */
  sessionTimeouts: { idleMs: number; absoluteMs: number };
  logLevel: Env['LOG_LEVEL'];
  seedDemo: boolean;
  /** How long the demo seed is held back (SEED_DELAY_SECONDS, for tests of readiness); 0 by default. */
  seedDelayMs: number;
  /** How long a pad stays in memory after its last connection leaves (PAD_UNLOAD_GRACE_MS). */
  padUnloadGraceMs: number;
  /** A pad's update log is compacted past this many rows (PAD_COMPACT_AFTER_ROWS). */
  padCompactAfterRows: number;
  /** A wall's changes for the same viewers within this long leave as one frame (WALL_BROADCAST_WINDOW_MS; 0: at once). */
  wallBroadcastWindowMs: number;
  /** How often the periodic purges run (SESSION_PURGE_INTERVAL_MS, EVIDENCE_PURGE_INTERVAL_MS). */
  purgeIntervals: { sessionsMs: number; evidenceMs: number };
  /** How often held notifications are released and e-mail summaries sent (NOTIFICATION_RELEASE_INTERVAL_MS). */
  notificationReleaseIntervalMs: number;
  /** Tests only: the file holding serverNow's time in ms (CLOCK_FILE); undefined: the real time. */
  clockFile: string | undefined;
  /** E-mail (SMTP_URL, SMTP_FROM); undefined: Préau sends no e-mail. */
  smtp: { url: string; from: string | undefined } | undefined;
  /** The PeerTube hosts whose videos cards may frame (PEERTUBE_HOSTS), also in the CSP's frame-src. */
  peertubeHosts: string[];
}

/** A configuration problem, already phrased as the one line printed before exiting with code 1. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates the environment; throws a ConfigError naming the first bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? 'environment');
  const raw = source[variable];
  const got = raw === undefined ? '' : ` (got ${JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw)})`;
  throw new ConfigError(`Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}${got}`);
}

const SECRET_FILE = 'session-secret';
const AUDIT_KEY_FILE = 'audit-key';

/** The secret in the file, or null when there is none (or one too short to be ours). */
function readSecret(file: string): string | null {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    return existing.length >= 32 ? existing : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return null;
  }
}

/**
 * Reads a secret kept in DATA_DIR (the session secret, the audit key), creating it on first start. Two
 * processes starting at once on a fresh DATA_DIR agree on one secret: each writes a whole candidate file, and
 * only the first `link` to the real name wins (atomic, never a half-written file); everyone then reads the winner.
 */
function loadOrCreateSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  const existing = readSecret(file);
  if (existing) return existing;
  const candidate = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(candidate, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600 });
  try {
    linkSync(candidate, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A file too short to be a secret (an interrupted write of an older version) is replaced.
    if (!readSecret(file)) renameSync(candidate, file);
  } finally {
    rmSync(candidate, { force: true });
  }
  const secret = readSecret(file);
  if (!secret) throw new ConfigError(`Invalid configuration: ${file} holds no usable secret`);
  return secret;
}

/** Loads the whole configuration: validates the environment, prepares DATA_DIR and the session secret. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = parseEnv(source);
  const dataDir = resolve(env.DATA_DIR);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigError(`Invalid configuration: DATA_DIR cannot be created (${(error as Error).message})`);
  }
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    mongodbUri: env.MONGODB_URI,
    dataDir,
    sessionSecret: env.SESSION_SECRET ?? loadOrCreateSecret(dataDir, SECRET_FILE),
    auditKey: env.AUDIT_KEY ?? loadOrCreateSecret(dataDir, AUDIT_KEY_FILE),
    auditCheckpointDir: resolve(env.AUDIT_CHECKPOINT_DIR ?? join(dataDir, 'audit-checkpoints')),
    publicOrigin: env.PUBLIC_ORIGIN,
    allowedOrigins: env.ALLOWED_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    redisUrl: env.REDIS_URL,
    rateLimits: env.RATE_LIMITS,
    embeddedSync: env.EMBEDDED_SYNC,
    sessionTimeouts: { idleMs: env.SESSION_IDLE_TIMEOUT_SECONDS, absoluteMs: env.SESSION_ABSOLUTE_TIMEOUT_SECONDS },
    logLevel: env.LOG_LEVEL,
    seedDemo: env.SEED_DEMO,
    seedDelayMs: env.SEED_DELAY_SECONDS,
    padUnloadGraceMs: env.PAD_UNLOAD_GRACE_MS,
    padCompactAfterRows: env.PAD_COMPACT_AFTER_ROWS,
    wallBroadcastWindowMs: env.WALL_BROADCAST_WINDOW_MS,
    purgeIntervals: { sessionsMs: env.SESSION_PURGE_INTERVAL_MS, evidenceMs: env.EVIDENCE_PURGE_INTERVAL_MS },
    notificationReleaseIntervalMs: env.NOTIFICATION_RELEASE_INTERVAL_MS,
    clockFile: env.CLOCK_FILE === undefined ? undefined : resolve(env.CLOCK_FILE),
    smtp: env.SMTP_URL === undefined ? undefined : { url: env.SMTP_URL, from: env.SMTP_FROM },
    peertubeHosts: env.PEERTUBE_HOSTS,
  };
}
