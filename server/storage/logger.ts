/** The logging the adapters need: a pino-compatible subset, so the server's logger can be passed as is. */
export interface StoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Used when no logger is given: the store stays silent rather than writing to stdout behind pino's back. */
export const silentLogger: StoreLogger = {
  info() {},
  warn() {},
  error() {},
};
