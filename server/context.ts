import type { Config } from './config/load';
import type { OriginPolicy } from './http/origins';
import type { Logger } from './logger';
import type { Services } from './services';
import type { Store } from './storage/port';

/** What every part of the server is built from: configuration, the store, the logger. */
export interface ServerContext {
  config: Config;
  store: Store;
  logger: Logger;
  origins: OriginPolicy;
  version: string;
  services: Services;
}
