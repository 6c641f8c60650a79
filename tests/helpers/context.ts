import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config/load';
import type { ServerContext } from '../../server/context';
import { createOriginPolicy } from '../../server/http/origins';
import { createLogger } from '../../server/logger';
import { createServices } from '../../server/services';
import { dropTestDatabase, openTestStore, serverMongoUri } from './store';

/**
 * A real ServerContext on a fresh store (embedded, or with MONGODB_URI a fresh database there), in this process,
 * for tests that call services directly.
 */
export async function createTestContext(): Promise<{ ctx: ServerContext; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'preau-ctx-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', MONGODB_URI: serverMongoUri(dataDir) });
  const store = await openTestStore(dataDir);
  const services = await createServices(store);
  const ctx: ServerContext = {
    config,
    store,
    logger: createLogger('silent'),
    origins: createOriginPolicy(config, 3000),
    version: 'test',
    services,
  };
  return {
    ctx,
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
      await dropTestDatabase(dataDir);
    },
  };
}
