import type { Config } from '../config/load';

/** Decides which browser origins may call the API and open sockets. */
export interface OriginPolicy {
  /** The origin links and redirects should use. */
  readonly publicOrigin: string;
  /**
   * True for an allowed origin. A request with no Origin header comes from a non-browser client (scripts,
   * tests, server-to-server) and cannot be a cross-site browser request, so it is allowed here; cookie-based
   * CSRF defences check more.
   */
  isAllowed(origin: string | undefined): boolean;
}

/** Builds the origin policy once the listening port is known. */
export function createOriginPolicy(config: Pick<Config, 'publicOrigin' | 'allowedOrigins'>, port: number): OriginPolicy {
  const local = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`];
  const publicOrigin = config.publicOrigin ?? local[0]!;
  const allowed = new Set([publicOrigin, ...config.allowedOrigins, ...(config.publicOrigin ? [] : local)]);
  return {
    publicOrigin,
    isAllowed(origin) {
      if (origin === undefined) return true;
      return allowed.has(origin);
    },
  };
}
