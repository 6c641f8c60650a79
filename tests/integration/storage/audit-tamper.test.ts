/**
 * The audit chain attacked through the store (issue « Trust, part 2 », Deliver 7). Someone with the database
 * file but not the audit key (kept outside the store) edits the audit table while the server is stopped: they
 * modify an entry, delete the first, a middle one or the last 20, append an entry with a correct hash and link,
 * or change an entry and recompute every hash after it. Each kind is detected, and the CLI (before and after
 * the restart) and the REST route report exactly the same problems. After the tail is deleted, the restarted
 * server never numbers an entry with a number it issued before.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHOOL_ID } from '../../../server/features/directory/seed';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { dropTestDatabase } from '../../helpers/store';
import { cliVerify, copyDataDir, RawAudit, restVerify, type Verdict } from './audit-tamper-support';

const SCHOOL = DEMO_SCHOOL_ID;
const MIDDLE = 20;
const TAIL = 20;

/** Real actions that each write audit entries: sign-ins, charter acceptances and refused requests. */
async function activity(server: TestServer, denials: number): Promise<void> {
  const pupil = await signedIn(server, 'timeo.lambert');
  for (let i = 0; i < denials; i++) expect((await pupil.get('/api/admin/users')).status).toBe(403);
  await signedIn(server, 'claire.fontaine');
}

const broken = (firstBrokenSeq: number, ...problems: Verdict['problems']): Verdict => ({ ok: false, firstBrokenSeq, problems, skipped: [] });

describe('the audit chain attacked through the store', () => {
  let pristine: string;
  /** The last entry of the school's chain when the server stopped (its final checkpoint). */
  let head = 0;
  const copies: string[] = [];

  beforeAll(async () => {
    const server = await startServer();
    pristine = server.dataDir;
    await activity(server, 40);
    expect(await server.stop()).toBe(0);
    const raw = await RawAudit.open(pristine);
    head = (await raw.chain(SCHOOL)).at(-1)?.seq ?? 0;
    await raw.close();
    expect(head).toBeGreaterThan(MIDDLE + TAIL);
    // The untouched store verifies, through the CLI.
    const clean = await cliVerify(pristine);
    expect(clean.status).toBe(0);
    expect(clean.chains.get(SCHOOL)).toEqual({ ok: true, firstBrokenSeq: null, problems: [], skipped: [] });
  }, 120_000);

  afterAll(async () => {
    for (const dir of [pristine, ...copies]) {
      rmSync(dir, { recursive: true, force: true });
      await dropTestDatabase(dir);
    }
  });

  /** Tampers with a copy of the stopped server's data, verifies with the CLI, restarts, verifies with REST and the CLI. */
  async function attack(tamper: (raw: RawAudit) => Promise<unknown>): Promise<{ cliBefore: Verdict | undefined; rest: Verdict; cliAfter: Verdict | undefined; status: number | null; dir: string }> {
    const dir = await copyDataDir(pristine);
    copies.push(dir);
    const raw = await RawAudit.open(dir);
    await tamper(raw);
    await raw.close();
    const before = await cliVerify(dir);
    // Up to six servers start at once here: a generous start-up timeout (it only catches a server that never starts).
    const server = await startServer({ dataDir: dir, timeoutMs: 120_000 });
    try {
      const rest = await restVerify(server);
      const after = await cliVerify(dir);
      return { cliBefore: before.chains.get(SCHOOL), rest, cliAfter: after.chains.get(SCHOOL), status: before.status, dir };
    } finally {
      await server.stop();
    }
  }

  const cases: Array<[string, (raw: RawAudit) => Promise<unknown>, () => Verdict]> = [
    [
      'modifying an entry',
      async (raw) => raw.put({ ...(await raw.chain(SCHOOL))[MIDDLE - 1]!, reason: 'falsifié' }),
      () => broken(MIDDLE, { kind: 'altered', fromSeq: MIDDLE, toSeq: MIDDLE }),
    ],
    ['deleting the first entry', (raw) => raw.delete(SCHOOL, [1]), () => broken(1, { kind: 'missing', fromSeq: 1, toSeq: 1 })],
    ['deleting a middle entry', (raw) => raw.delete(SCHOOL, [MIDDLE]), () => broken(MIDDLE, { kind: 'missing', fromSeq: MIDDLE, toSeq: MIDDLE })],
    [
      'appending an entry with a recomputed hash',
      (raw) => raw.append(SCHOOL, (entry) => (entry.reason = 'ajout')),
      () => broken(head + 1, { kind: 'forged', fromSeq: head + 1, toSeq: head + 1 }),
    ],
    [
      'changing an entry and rehashing everything after it',
      (raw) => raw.rewriteFrom(SCHOOL, MIDDLE, (entry) => (entry.reason = 'réécrit')),
      () => broken(MIDDLE, { kind: 'forged', fromSeq: MIDDLE, toSeq: head }),
    ],
  ];

  // Each attack works on its own copy, with its own server and CLI runs: they run side by side (a 2-core machine
  // otherwise waits on one process at a time), at most `maxConcurrency` at once.
  it.concurrent.for(cases)('%s: detected, the CLI and REST reporting the same', async ([, tamper, expected], { expect }) => {
    const { cliBefore, rest, cliAfter, status } = await attack(tamper);
    expect(status, 'the CLI exits non-zero').toBe(1);
    expect(cliBefore).toEqual(expected());
    expect(rest).toEqual(cliBefore);
    expect(cliAfter).toEqual(rest);
  });

  it.concurrent('deleting the last 20 entries: detected the same way, and their numbers are never issued again', async ({ expect }) => {
    const deleted = Array.from({ length: TAIL }, (_, i) => head - TAIL + 1 + i);
    const { cliBefore, rest, cliAfter, status, dir } = await attack((raw) => raw.delete(SCHOOL, deleted));
    const expected = broken(head - TAIL + 1, { kind: 'missing', fromSeq: head - TAIL + 1, toSeq: head });
    expect(status).toBe(1);
    expect(cliBefore).toEqual(expected);
    expect(rest).toEqual(expected);
    expect(cliAfter).toEqual(expected);
    // The restarted server wrote entries (the director's sign-in, the verification): after the anchored head.
    const raw = await RawAudit.open(dir);
    const chain = await raw.chain(SCHOOL);
    await raw.close();
    const written = chain.filter((entry) => entry.seq > head - TAIL);
    expect(written.length).toBeGreaterThan(0);
    expect(written.map((entry) => entry.seq).filter((seq) => seq <= head)).toEqual([]);
    expect(written[0]?.seq).toBe(head + 1);
  });
});
