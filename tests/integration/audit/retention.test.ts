/**
 * Log retention (issue 17, Deliver 4): the school's `auditRetentionMonths` (6 to 12, set by the director,
 * audited), and the job that purges each chain's entries older than it BY SEGMENT after a signed start line in
 * the checkpoint file, so the chain verifies from its first kept entry and tampering is still found. The server's
 * calendar is moved through CLOCK_FILE (entries are dated by it), never waited for.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, ChainVerification } from '../../../shared/audit/events';
import { AUDIT_RETENTION_MONTH_MS } from '../../../shared/audit/limits';
import { AUDIT_COLLECTION } from '../../../server/audit/log';
import { CHECKPOINT_FILE, compactCheckpoints } from '../../../server/audit/checkpoints';
import { loadConfig } from '../../../server/config/load';
import { createServices } from '../../../server/services';
import { usePersonaWorld } from '../../helpers/personas';
import { openTestStore } from '../../helpers/store';
import { eventually } from '../pad/support';
import { auditEntries } from '../wall/support';

const PATIENCE_MS = 30_000;
const JOB_INTERVAL_MS = 300;

describe('audit log retention', () => {
  const clockFile = join(mkdtempSync(join(tmpdir(), 'preau-clock-')), 'now');
  const { server, world } = usePersonaWorld({ env: { CLOCK_FILE: clockFile, EVIDENCE_PURGE_INTERVAL_MS: String(JOB_INTERVAL_MS) } });
  const t0 = Date.now();
  const runs = (): number => server().output().split('\n').filter((line) => line.includes('"job":"audit.retention"') && line.includes('job ran')).length;

  it('lets the director set the retention between 6 and 12 months, audited', async () => {
    const { browsers } = world();
    expect((await browsers.director.get<{ auditRetentionMonths: number }>('/api/audit/settings')).body).toEqual({ auditRetentionMonths: 12 });
    for (const months of [5, 13, 7.5]) expect((await browsers.director.send('PUT', '/api/audit/settings', { auditRetentionMonths: months })).status, String(months)).toBe(400);
    expect((await browsers.teacher.send('PUT', '/api/audit/settings', { auditRetentionMonths: 6 })).status).toBe(403);
    expect((await browsers.director.send('PUT', '/api/audit/settings', { auditRetentionMonths: 12 })).status).toBe(200);
    expect((await auditEntries(browsers.director, 'audit.retention_changed')).map((entry) => entry.reason)).toEqual(['log kept 12 months']);
  });

  it('purges the old segment once, keeps what is younger, and the chain verifies from its first kept entry', async () => {
    const { browsers } = world();
    // An entry two months after the old ones (the teacher signs in again): younger than the retention later.
    writeFileSync(clockFile, String(t0 + 2 * AUDIT_RETENTION_MONTH_MS));
    expect((await browsers.teacher.post('/api/auth/logout-all', {})).status).toBeLessThan(500);
    const young = (await auditEntries(browsers.director, 'auth.logout_all')).map((entry) => entry.target.id);
    expect(young.length).toBeGreaterThan(0);
    const before = (await browsers.director.get<ChainVerification>('/api/audit/verify')).body;
    expect(before).toMatchObject({ ok: true });
    expect(await auditEntries(browsers.director, 'audit.purged')).toEqual([]);

    // Thirteen months later: everything from the first day is past the retention, the later entries are not.
    writeFileSync(clockFile, String(t0 + 13 * AUDIT_RETENTION_MONTH_MS));
    await eventually(async () => (await auditEntries(browsers.director, 'audit.purged')).length > 0, 'the old segment is purged', PATIENCE_MS);
    const [purge] = await auditEntries(browsers.director, 'audit.purged');
    expect(purge!.reason).toMatch(/^purged up to \d+: \d+ entries$/);
    expect(await auditEntries(browsers.director, 'auth.login')).toEqual([]);
    expect((await auditEntries(browsers.director, 'auth.logout_all')).map((entry) => entry.target.id)).toEqual(young);

    const after = (await browsers.director.get<ChainVerification>('/api/audit/verify')).body;
    expect(after).toMatchObject({ ok: true, problems: [] });
    // What was purged is said by the purge itself (the log grows meanwhile: every read of it is logged).
    expect(Number(/: (\d+) entries$/.exec(purge!.reason ?? '')?.[1])).toBeGreaterThan(0);

    // Idempotent: two more runs purge nothing more.
    const seen = runs();
    await eventually(() => runs() >= seen + 2, 'the job ran twice more', PATIENCE_MS);
    expect(await auditEntries(browsers.director, 'audit.purged')).toHaveLength(1);
    expect((await auditEntries(browsers.director, 'auth.logout_all')).map((entry) => entry.target.id)).toEqual(young);
    expect((await browsers.director.get<ChainVerification>('/api/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('purges a second segment and keeps verifying after a compaction of the checkpoint file (every start line kept)', async () => {
    const { browsers } = world();
    // Fifteen months: the entries of the second month are past the retention, the first purge's entry is not.
    writeFileSync(clockFile, String(t0 + 15 * AUDIT_RETENTION_MONTH_MS));
    await eventually(async () => (await auditEntries(browsers.director, 'audit.purged')).length === 2, 'the second segment is purged', PATIENCE_MS);
    expect(await auditEntries(browsers.director, 'auth.logout_all')).toEqual([]);
    expect((await browsers.director.get<ChainVerification>('/api/audit/verify')).body).toMatchObject({ ok: true, problems: [] });
    // A compaction keeping only the top checkpoints (the widest stride): both purge entries still match a start.
    const config = loadConfig({ DATA_DIR: server().dataDir, LOG_LEVEL: 'silent' });
    await compactCheckpoints(config.auditCheckpointDir, Buffer.from(config.auditKey, 'utf8'), Number.MAX_SAFE_INTEGER);
    const starts = readFileSync(join(config.auditCheckpointDir, CHECKPOINT_FILE), 'utf8').split('\n').filter((line) => line.includes('"start"'));
    expect(starts).toHaveLength(2);
    expect((await browsers.director.get<ChainVerification>('/api/audit/verify')).body).toMatchObject({ ok: true, problems: [] });
  });

  it('still finds a deleted kept entry, a chain re-linked to start later, a purge record that does not match and a forged start', async () => {
    const schoolId = (await world().browsers.director.get<{ school: { id: string } }>('/api/me')).body.school.id;
    const dataDir = server().dataDir;
    expect(await server().stop()).toBe(0);
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const store = await openTestStore(dataDir);
    const services = await createServices(store, { audit: { key: config.auditKey, dir: config.auditCheckpointDir } });
    const raw = store.collection<AuditEntry>(AUDIT_COLLECTION);
    const verify = () => services.audit.verify(schoolId);
    const checkpoints = join(config.auditCheckpointDir, CHECKPOINT_FILE);
    try {
      expect(await verify()).toMatchObject({ ok: true });
      const kept = await raw.find({ schoolId }, { sort: { seq: 1 }, limit: 1_000 });
      const [first, second, third] = kept;
      expect(first!.seq).toBeGreaterThan(1);

      // A kept entry deleted: missing (the middle one, then the first kept one).
      await raw.deleteOne({ _id: second!._id });
      expect(await verify()).toMatchObject({ ok: false, problems: [{ kind: 'missing', fromSeq: second!.seq, toSeq: second!.seq }] });
      await raw.insertOne(second!);
      await raw.deleteOne({ _id: first!._id });
      expect(await verify()).toMatchObject({ ok: false, problems: [{ kind: 'missing', fromSeq: first!.seq, toSeq: first!.seq }] });

      // The store edited to start one entry later: the next entry re-linked, hashes recomputed, no key.
      const { createHash } = await import('node:crypto');
      const { canonicalJson } = await import('../../../server/audit/canonical');
      const { _id, hash: _h, mac, ...body } = second!;
      const relinked = { ...body, prevHash: first!.prevHash };
      await raw.replaceOne({ _id }, { ...relinked, hash: createHash('sha256').update(canonicalJson(relinked)).digest('hex'), ...(mac ? { mac } : {}) });
      expect((await verify()).ok).toBe(false);
      await raw.replaceOne({ _id }, { ...body, hash: second!.hash, ...(mac ? { mac } : {}) });
      await raw.insertOne(first!);
      expect(await verify()).toMatchObject({ ok: true });

      // A purge record the signed start does not attest (another count), even appended with the key: reported.
      const fake = await services.audit.record({ schoolId, actor: { userId: null }, origin: 'job', event: 'audit.purged', target: { type: 'auditChain', id: String(first!.seq), ownerId: null }, reason: 'purged up to 1: 1 entries' });
      expect(await verify()).toMatchObject({ ok: false, problems: [{ kind: 'rewritten', fromSeq: fake.seq, toSeq: fake.seq }] });

      // The start line edited in the checkpoint file (to start after a deleted entry): its signature fails.
      const text = readFileSync(checkpoints, 'utf8');
      const startLine = text.split('\n').find((line) => line.includes(`"start":{"seq":${first!.seq},`))!;
      expect(startLine).toBeDefined();
      writeFileSync(checkpoints, text.replace(startLine, startLine.replace(`"start":{"seq":${first!.seq},`, `"start":{"seq":${third!.seq},`)));
      await raw.deleteMany({ schoolId, seq: { $lt: third!.seq } });
      const forged = await verify();
      expect(forged.ok).toBe(false);
      expect(forged.problems.map((problem) => problem.kind)).toContain('anchor');
    } finally {
      await services.audit.close();
      await store.close();
    }
  });
});
