/**
 * Chooses the storage adapter: MongoDB when a URI is configured (production), the embedded SQLite store in
 * the data directory otherwise (development, small schools, tests). Adapters are imported lazily so an
 * embedded deployment never loads mongoose, and a MongoDB one never loads the native SQLite module.
 */
import type { Store } from './port';
import type { StoreLogger } from './logger';

export interface OpenStoreOptions {
  /** An empty string counts as unset, so `MONGODB_URI=` in an env file selects the embedded store. */
  mongodbUri?: string | undefined;
  dataDir: string;
  logger?: StoreLogger;
  /** Embedded store only: NORMAL survives a process crash, FULL also survives power loss. */
  synchronous?: 'NORMAL' | 'FULL';
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const uri = opts.mongodbUri?.trim();
  if (uri) {
    const { openMongoStore } = await import('./mongo/adapter');
    return openMongoStore({ uri, ...(opts.logger ? { logger: opts.logger } : {}) });
  }
  const { openEmbeddedStore } = await import('./embedded/store');
  return openEmbeddedStore({
    dataDir: opts.dataDir,
    ...(opts.synchronous ? { synchronous: opts.synchronous } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
}
