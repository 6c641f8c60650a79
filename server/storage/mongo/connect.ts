/**
 * Connecting to MongoDB through mongoose, with bounded retries at start-up (a container orchestrator often
 * starts the app before the database answers) and connection events logged for operators.
 */
import mongoose, { type ConnectOptions, type Connection } from 'mongoose';
import { silentLogger, type StoreLogger } from '../logger';
import { redactUri } from './convert';
import { WRITE_CONCERN } from './write-concern';

export interface MongoConnectOptions {
  uri: string;
  /** Overrides the database named in the URI (tests use a fresh one per run). */
  dbName?: string;
  logger?: StoreLogger;
  /** How long one attempt waits for a usable server. */
  serverSelectionTimeoutMS?: number;
  /** Attempts before giving up (default 5). */
  maxAttempts?: number;
  /** First delay between attempts, doubled each time up to `maxBackoffMs` (defaults 500 ms, 10 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** The connection's settings: every write with WRITE_CONCERN (majority, journaled, bounded: `write-concern.ts`). */
export function connectionOptions(opts: MongoConnectOptions): ConnectOptions {
  return {
    ...(opts.dbName ? { dbName: opts.dbName } : {}),
    appName: 'preau',
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 10_000,
    retryWrites: true,
    retryReads: true,
    writeConcern: { ...WRITE_CONCERN },
    readPreference: 'primary',
    // Binary comes back as Buffer (converted to Uint8Array) rather than BSON Binary.
    promoteBuffers: true,
    // `undefined` members are absent, as on the embedded store (the port normalises them away anyway).
    ignoreUndefined: true,
    maxPoolSize: 20,
    // Fail fast when disconnected instead of queueing operations in memory; no mongoose models are used.
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
  };
}

/** Authentication or configuration errors will not heal by waiting. */
function isRetryable(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown };
  if (e.name === 'MongoParseError' || e.name === 'MongoAPIError' || e.name === 'MongoInvalidArgumentError') return false;
  return e.code !== 18 && e.code !== 8000; // AuthenticationFailed, Atlas auth failure
}

function errorInfo(error: unknown): { name?: string; message: string; code?: unknown } {
  const e = error as { name?: string; message?: string; code?: unknown };
  return { name: e.name, message: String(e.message ?? error), code: e.code };
}

function logEvents(connection: Connection, logger: StoreLogger, target: string): void {
  connection.on('disconnected', () => logger.warn({ target }, 'MongoDB disconnected'));
  connection.on('reconnected', () => logger.info({ target }, 'MongoDB reconnected'));
  connection.on('close', () => logger.info({ target }, 'MongoDB connection closed'));
  // Without an 'error' listener an emitted error would crash the process.
  connection.on('error', (error: unknown) => logger.error({ target, err: errorInfo(error) }, 'MongoDB connection error'));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a connection, retrying with exponential backoff and jitter. */
export async function connectMongo(opts: MongoConnectOptions): Promise<Connection> {
  const logger = opts.logger ?? silentLogger;
  const target = redactUri(opts.uri);
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
  let delay = opts.initialBackoffMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    let connection: Connection | undefined;
    try {
      connection = mongoose.createConnection(opts.uri, connectionOptions(opts));
      // A failed attempt is logged once below; events are only worth logging for a live connection. The
      // 'error' listener must exist from the start: an unheard 'error' event would crash the process.
      connection.on('error', () => undefined);
      await connection.asPromise();
      logEvents(connection, logger, target);
      logger.info({ target, db: connection.name, attempt }, 'MongoDB store ready');
      return connection;
    } catch (error) {
      await connection?.close(true).catch(() => undefined);
      if (attempt >= maxAttempts || !isRetryable(error)) {
        logger.error({ target, attempt, err: errorInfo(error) }, 'MongoDB connection failed; giving up');
        throw error;
      }
      const wait = Math.round(delay * (0.5 + Math.random() / 2));
      logger.warn({ target, attempt, retryInMs: wait, err: errorInfo(error) }, 'MongoDB connection failed; retrying');
      await sleep(wait);
      delay = Math.min(delay * 2, opts.maxBackoffMs ?? 10_000);
    }
  }
}
