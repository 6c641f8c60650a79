/**
 * `npm run audit:verify`: verifies every audit chain of the configured store (same environment as the server:
 * MONGODB_URI or DATA_DIR) and names the first broken link. Exit code 0 when every chain holds, 1 otherwise.
 */
import { AuditLog } from '../server/audit/log';
import { ConfigError, loadConfig } from '../server/config/load';
import { openStore } from '../server/storage/open';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const store = await openStore({ mongodbUri: config.mongodbUri, dataDir: config.dataDir });
  try {
    const audit = new AuditLog(store);
    const chains = await audit.chains();
    let broken = 0;
    for (const chain of chains) {
      const result = await audit.verify(chain);
      if (result.ok) console.log(`audit chain ${chain}: ok (${result.count} entries)`);
      else {
        broken += 1;
        console.log(`audit chain ${chain}: BROKEN at seq ${result.firstBrokenSeq}: ${result.problem}`);
      }
    }
    if (chains.length === 0) console.log('audit: no entries yet');
    return broken === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
