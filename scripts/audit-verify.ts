/**
 * `npm run audit:verify`: verifies every audit chain of the configured store (same environment as the server:
 * MONGODB_URI or DATA_DIR, AUDIT_KEY, AUDIT_CHECKPOINT_DIR) against the audit key and the signed checkpoints,
 * with the very function the REST route uses (`server/audit/verify.ts`), and names every problem.
 * `--json` prints the results as JSON (one array, one object per chain) instead of text.
 * Exit code 0 when every chain holds (or the store has no entry yet), 1 on any problem.
 */
import { AUDIT_COLLECTION } from '../server/audit/log';
import { describeProblem, readAnchorState, verifyAllChains } from '../server/audit/verify';
import { ConfigError, loadConfig } from '../server/config/load';
import { openStore } from '../server/storage/open';
import type { AuditEntry } from '../shared/audit/events';
import type { ChainVerification } from '../shared/audit/chain';

function print(result: ChainVerification): void {
  const head = `audit chain ${result.schoolId}:`;
  const anchor = result.checkpointSeq === null ? 'no signed checkpoint yet' : `signed checkpoint at seq ${result.checkpointSeq}`;
  if (result.ok) console.log(`${head} ok (${result.count} entries); ${anchor}`);
  else console.log(`${head} BROKEN at seq ${result.firstBrokenSeq ?? '-'}: ${result.problem ?? ''}`);
  if (!result.ok) for (const problem of result.problems) console.log(`  - ${describeProblem(problem)}`);
  if (result.truncated) console.log('  - (more problems not listed)');
  for (const gap of result.skipped) console.log(`  note: seq ${gap.fromSeq}–${gap.toSeq} skipped (numbers reserved before an interruption, links whole)`);
  if (!result.anchored) console.log('  note: not checked against the audit key and checkpoints');
}

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
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
    const anchor = await readAnchorState(config.auditCheckpointDir, config.auditKey);
    const results = await verifyAllChains(store.collection<AuditEntry>(AUDIT_COLLECTION), anchor);
    if (json) console.log(JSON.stringify(results));
    else {
      for (const result of results) print(result);
      if (results.length === 0) console.log('audit: no entries yet');
    }
    return results.every((result) => result.ok) ? 0 : 1;
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
