import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../storage/open';
import type { Store } from '../storage/port';
import { anchoredMaxima, type AnchorOptions } from './anchor';
import { appendCheckpointLines, checkpointLine, CHECKPOINT_FILE, compactCheckpoints, readCheckpoints, type Checkpoint } from './checkpoints';
import { AuditLog } from './log';

const KEY = 'an-audit-key-for-the-anchor-tests-0123456789';
const input = { schoolId: 's', actor: { userId: 'u1' }, origin: 'job', event: 'auth.login' } as const;

describe('the audit anchor on the embedded store', () => {
  let dir: string;
  let store: Store;
  const logs: AuditLog[] = [];
  const options = (): AnchorOptions => ({ key: KEY, dir: join(dir, 'checkpoints'), intervalMs: 20, everyEntries: 5, reserveBlock: 8 });
  const open = async (): Promise<AuditLog> => {
    const log = new AuditLog(store, { anchor: options() });
    await log.init();
    logs.push(log);
    return log;
  };
  const seqs = async (log: AuditLog) => (await log.find({ schoolId: 's' }, { limit: 1_000 })).map((entry) => entry.seq).sort((a, b) => a - b);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preau-anchor-'));
    store = await openStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs entries, reserves numbers ahead, checkpoints heads, and verifies', async () => {
    const log = await open();
    for (let i = 0; i < 20; i++) await log.record(input);
    const result = await log.verify('s');
    expect(result).toMatchObject({ ok: true, count: 20, problems: [], skipped: [], anchored: true, checkpointSeq: 20 });
    const maxima = anchoredMaxima(await readCheckpoints(options().dir, Buffer.from(KEY)));
    // Reserved beyond what was used, block by block, before use.
    expect(maxima.get('s')).toBeGreaterThan(20);
    expect((await log.find({ schoolId: 's' }, { limit: 1 }))[0]?.mac).toMatch(/^[0-9a-f]{64}$/);
  });

  it('continues after the reservation of a process that stopped abruptly, and right after the head of one that closed', async () => {
    const crashed = await open();
    for (let i = 0; i < 10; i++) await crashed.record(input);
    await crashed.verify('s');
    const reserved = anchoredMaxima(await readCheckpoints(options().dir, Buffer.from(KEY))).get('s') ?? 0;
    // No close(): as after kill -9. The next process skips the reserved numbers, and says so.
    const next = await open();
    expect((await next.record(input)).seq).toBe(reserved + 1);
    expect(await next.verify('s')).toMatchObject({ ok: true, skipped: [{ fromSeq: 11, toSeq: reserved }] });
    await next.close();
    const after = await open();
    expect((await after.record(input)).seq).toBe(reserved + 2);
    expect(await seqs(after)).toEqual([...Array.from({ length: 10 }, (_, i) => i + 1), reserved + 1, reserved + 2]);
  });

  it('thins out a large checkpoint file without changing what it proves', async () => {
    const cpDir = options().dir;
    const key = Buffer.from(KEY);
    const line = (seq: number | null, writer: string, issued: number): string =>
      checkpointLine(key, { v: 1, chain: 's', seq, hash: seq === null ? null : 'a'.repeat(64), issued, writer, ts: 1 } satisfies Checkpoint);
    const lines = [line(null, 'w1', 300)];
    for (let seq = 1; seq <= 2_500; seq++) lines.push(line(seq, 'w2', 2_600));
    lines.push(line(null, 'w1', 310));
    await open();
    await appendCheckpointLines(cpDir, lines.join(''));
    appendFileSync(join(cpDir, CHECKPOINT_FILE), '{"v":1,"chain":"s","forged":true}\n');
    const before = await readCheckpoints(cpDir, key);
    const { after } = await compactCheckpoints(cpDir, key, 1_000);
    const compacted = await readCheckpoints(cpDir, key);
    expect(after).toBeLessThan(10);
    expect(anchoredMaxima(compacted)).toEqual(anchoredMaxima(before));
    expect(compacted.valid.map((checkpoint) => checkpoint.seq).filter((seq) => seq !== null)).toEqual(expect.arrayContaining([999, 1_999, 2_500]));
    // The evidence of an edited file stays.
    expect(compacted.invalid).toHaveLength(1);
  });
});
