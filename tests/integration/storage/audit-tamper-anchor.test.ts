/// <reference lib="es2024.string" />
/**
 * The audit chain's anchor, attacked and stressed (issue « Trust, part 2 », Deliver 7):
 * - a pupil reports a compromise with `{"details":"\ud800"}`: the entry is stored exactly as hashed, with a
 *   well-formed string (what MongoDB's BSON encoder would store), and the chain verifies;
 * - kill -9 right after acknowledged writes (committed, not yet checkpointed) is not tampering: the restarted
 *   server verifies OK through REST and the CLI alike, numbering after its reservation;
 * - an edited checkpoint file, or a server key that is not the log's, is reported the same by both.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHOOL_ID } from '../../../server/features/directory/seed';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { dropTestDatabase } from '../../helpers/store';
import { cliVerify, copyDataDir, RawAudit, restVerify, type Verdict } from './audit-tamper-support';

const SCHOOL = DEMO_SCHOOL_ID;
const CHECKPOINTS = join('audit-checkpoints', 'checkpoints.jsonl');
const clean = (skipped: Verdict['skipped'] = []): Verdict => ({ ok: true, firstBrokenSeq: null, problems: [], skipped });

/** The highest seq any checkpoint line of the data dir attests for the school (0 without any). */
function checkpointedSeq(dataDir: string): number {
  let max = 0;
  for (const line of readFileSync(join(dataDir, CHECKPOINTS), 'utf8').split('\n')) {
    if (!line) continue;
    const checkpoint = JSON.parse(line) as { chain: string; seq: number | null };
    if (checkpoint.chain === SCHOOL) max = Math.max(max, checkpoint.seq ?? 0);
  }
  return max;
}

describe('the audit anchor', () => {
  let server: TestServer;
  const dirs: string[] = [];
  beforeAll(async () => {
    server = await startServer();
    dirs.push(server.dataDir);
  });
  afterAll(async () => {
    await server.stop();
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
      await dropTestDatabase(dir);
    }
  });

  it('stores a compromise report with an unpaired surrogate exactly as hashed, and the chain verifies', async () => {
    const pupil = await signedIn(server, 'timeo.lambert');
    // The raw body is {"details":"\ud800"}: JSON.stringify escapes the lone surrogate.
    const answer = await pupil.post('/api/me/compromise', { details: '\ud800' });
    expect(answer.status).toBe(200);
    expect(await restVerify(server)).toEqual(clean());
    const raw = await RawAudit.open(server.dataDir);
    const report = (await raw.chain(SCHOOL)).find((entry) => entry.event === 'auth.compromise_reported');
    await raw.close();
    // What MongoDB would keep (U+FFFD), on the embedded store too; the hash covers exactly this text.
    expect(report?.reason).toBe('\ufffd');
    expect(report?.reason?.isWellFormed()).toBe(true);
    expect(RawAudit.hash(report!)).toBe(report?.hash);
  });

  it('accepts entries committed but not yet checkpointed when the server is killed, on REST and the CLI', async () => {
    const pupil = await signedIn(server, 'lea.martin');
    for (let i = 0; i < 30; i++) expect((await pupil.get('/api/admin/users')).status).toBe(403);
    await server.kill();
    const raw = await RawAudit.open(server.dataDir);
    const head = (await raw.chain(SCHOOL)).at(-1)?.seq ?? 0;
    await raw.close();
    // Usually the last entries were acknowledged within the checkpoint interval: the case this test is about.
    console.info(`killed with entries up to ${head}, checkpointed up to ${checkpointedSeq(server.dataDir)}`);

    const before = await cliVerify(server.dataDir);
    expect(before.status).toBe(0);
    expect(before.chains.get(SCHOOL)).toEqual(clean());
    server = await startServer({ dataDir: server.dataDir });
    const rest = await restVerify(server);
    expect(rest.ok).toBe(true);
    expect(rest.problems).toEqual([]);
    // The numbers reserved by the killed server are skipped, not reused, and said so (not as tampering).
    expect(rest.skipped.length).toBeLessThanOrEqual(1);
    if (rest.skipped[0]) expect(rest.skipped[0].fromSeq).toBe(head + 1);
    expect((await cliVerify(server.dataDir)).chains.get(SCHOOL)).toEqual(rest);
  });

  it('reports an edited checkpoint file the same on REST and the CLI, and refuses a key that is not the log’s', async () => {
    expect(await server.stop()).toBe(0);
    const edited = await copyDataDir(server.dataDir);
    dirs.push(edited);
    const file = join(edited, CHECKPOINTS);
    const lines = readFileSync(file, 'utf8').split('\n');
    const target = lines.findIndex((line) => line.includes(`"chain":"${SCHOOL}"`) && !line.includes('"seq":null'));
    // Someone without the key pushes the attested head back by one entry.
    lines[target] = lines[target]!.replace(/"seq":(\d+)/, (_, seq: string) => `"seq":${Number(seq) - 1}`);
    writeFileSync(file, lines.join('\n'));
    // (The numbers the killed server had reserved stay reported as skipped.)
    const anchorProblem = { ok: false, firstBrokenSeq: null, problems: [{ kind: 'anchor', fromSeq: null, toSeq: null }] };
    const cli = await cliVerify(edited);
    expect(cli.status).toBe(1);
    expect(cli.chains.get(SCHOOL)).toMatchObject(anchorProblem);
    const onEdited = await startServer({ dataDir: edited });
    try {
      const rest = await restVerify(onEdited);
      expect(rest).toMatchObject(anchorProblem);
      expect(rest).toEqual(cli.chains.get(SCHOOL));
    } finally {
      await onEdited.stop();
    }

    const otherKey = { AUDIT_KEY: 'a-key-that-is-not-the-one-of-this-log-0123456789' };
    const keyProblem = { ok: false, firstBrokenSeq: null, problems: [{ kind: 'key', fromSeq: null, toSeq: null }] };
    const wrongCli = await cliVerify(server.dataDir, otherKey);
    expect(wrongCli.status).toBe(1);
    expect(wrongCli.chains.get(SCHOOL)).toMatchObject(keyProblem);
    // The server refuses to sign on with a key that verifies none of the log's checkpoints.
    await expect(startServer({ dataDir: server.dataDir, env: otherKey })).rejects.toThrow(/the audit key does not verify any checkpoint/);
    server = await startServer({ dataDir: server.dataDir });
    expect(await restVerify(server)).toMatchObject({ ok: true, problems: [] });
  });
});
