/**
 * Global set-up of the integration project: seeds one DATA_DIR with the demo school, by this run's code, for the
 * test servers to start on copies of it (`SEEDED_DATA_DIR_ENV` in ./server). Each server then skips the demo seed
 * (its ~70 argon2 hashes), the slowest part of its start on a loaded machine; a seeding test seeds for itself.
 */
import { rmSync } from 'node:fs';
import { onMongo } from './store';
import { SEEDED_DATA_DIR_ENV, startServer } from './server';

export default async function setup(): Promise<(() => void) | undefined> {
  // On MongoDB every DATA_DIR has its own database: there is no folder to copy.
  if (onMongo) return undefined;
  delete process.env[SEEDED_DATA_DIR_ENV];
  const server = await startServer({ fresh: true, timeoutMs: 120_000 });
  const code = await server.stop();
  if (code !== 0) throw new Error(`the seeded DATA_DIR's server exited with code ${code}:\n${server.output()}`);
  process.env[SEEDED_DATA_DIR_ENV] = server.dataDir;
  return () => {
    delete process.env[SEEDED_DATA_DIR_ENV];
    rmSync(server.dataDir, { recursive: true, force: true });
  };
}
