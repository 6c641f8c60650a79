/**
 * `/readyz` (issue 14, Deliver 6): 200 only once the store answers AND the start-up work is done. The HTTP server
 * listens before the demo seed (its origin policy needs the port), so a server started on an empty DATA_DIR must
 * answer 503 while it seeds; the seed is held back by configuration (SEED_DELAY_SECONDS), not by the test.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../server/features/directory/demo-roster';
import { Browser } from '../../helpers/http';
import { startServer } from '../../helpers/server';
import { onMongo } from '../../helpers/store';

const POLL_MS = 50;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('/readyz while the server starts', () => {
  it('answers 503 on an empty DATA_DIR until the demo accounts can sign in', async () => {
    const server = await startServer({ env: { SEED_DELAY_SECONDS: '1' }, until: 'accepting', timeoutMs: 60_000 });
    try {
      const answers: Array<{ status: number; body: unknown }> = [];
      const deadline = Date.now() + 60_000;
      while (answers.at(-1)?.status !== 200 && Date.now() < deadline) {
        const answer = await fetch(`${server.url}/readyz`);
        answers.push({ status: answer.status, body: await answer.json() });
        if (answer.status !== 200) await sleep(POLL_MS);
      }
      expect(answers.at(-1)).toEqual({ status: 200, body: { status: 'ready', store: onMongo ? 'mongodb' : 'embedded' } });
      // Ready means a newcomer can sign in at once with a demo account.
      const account = DEMO_ACCOUNTS[0]!;
      const signIn = await new Browser(server.url).login(account.login, account.password);
      expect(signIn.status, `sign-in of ${account.login} right after /readyz said ready`).toBe(200);
      // Meanwhile it said to wait, as long as the seed ran (held back 1 s).
      const waiting = answers.slice(0, -1);
      expect(waiting.length).toBeGreaterThan(0);
      for (const answer of waiting) expect(answer).toEqual({ status: 503, body: { status: 'starting' } });
      expect(server.output()).toContain('demo school seeded');
    } finally {
      await server.stop();
      server.cleanup();
    }
  });
});
