import { pino, type Logger } from 'pino';

export type { Logger };

/** The structured logger; control characters in messages are escaped by JSON encoding. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'preau' },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password'], remove: true },
  });
}
