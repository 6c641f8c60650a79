import { defineConfig } from 'vitest/config';
import { wordSections } from './scripts/word-sections.mjs';

/**
 * Three projects, run in this order by `npm test`:
 * - unit: fast tests next to the code (`*.test.ts`), no servers;
 * - integration: real servers on loopback, real sockets, the real embedded store;
 * - e2e: real Chromium driven by playwright-core against a real server.
 */
export default defineConfig({
  test: {
    projects: [
      {
        // The client's words split by section, as the build does (`./fr.json?shell`).
        plugins: [wordSections()],
        test: {
          name: 'unit',
          include: ['{shared,server,collab,client}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', '{server,collab}/**/*.int.test.ts'],
          // One demo-seeded DATA_DIR per run: test servers start on copies of it instead of seeding each.
          globalSetup: ['tests/helpers/seeded-data-dir.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/helpers/seeded-data-dir.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
