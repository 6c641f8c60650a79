/**
 * Pseudonymising a departed person's audit entries (issue 17, Deliver 3's mechanism): a pupil with entries (a
 * sign-in, a sign-in card issued for them) is pseudonymised; no audit row keeps their login, name or id (a byte
 * scan of the SQLite file once every other table is emptied: the other tables are the deletion job's work), the
 * chain still verifies, and an edit of a pseudonymised entry without the audit key is still found.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import { AUDIT_COLLECTION } from '../../../server/audit/log';
import { pseudonymiseAuditSubject } from '../../../server/audit/pseudonymise';
import { verifyChain } from '../../../server/audit/verify';
import { canonicalJson, sha256 } from '../../../server/audit/canonical';
import { loadConfig } from '../../../server/config/load';
import type { ServerContext } from '../../../server/context';
import { createOriginPolicy } from '../../../server/http/origins';
import { createLogger } from '../../../server/logger';
import { createServices } from '../../../server/services';
import { EMBEDDED_FILE } from '../../../server/storage/embedded/store';
import { PERSONA_LOGINS, usePersonaWorld } from '../../helpers/personas';
import { onMongo, openTestStore } from '../../helpers/store';
import { auditEntries } from '../wall/support';

describe('audit: pseudonymising a departed pupil', () => {
  const { server, world } = usePersonaWorld();

  it('leaves no byte of their login, name or id in the log, and the chain still verifies', async () => {
    const { browsers, ids } = world();
    const pupilId = ids.pupilOtherClass;
    const login = PERSONA_LOGINS.pupilOtherClass;
    const meAnswer = (await browsers.pupilOtherClass.get<{ user: { displayName: string }; school: { id: string } }>('/api/me')).body;
    const me = meAnswer.user;
    const schoolId = meAnswer.school.id;
    // A card issued for them by their teacher (they signed in already, as every persona).
    expect((await browsers.teacherOtherClass.post(`/api/admin/users/${pupilId}/sign-in-card`)).status).toBe(200);
    expect((await auditEntries(browsers.director, 'auth.sign_in_card_issued')).some((entry) => entry.target.id === pupilId)).toBe(true);

    const dataDir = server().dataDir;
    expect(await server().stop()).toBe(0);
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const store = await openTestStore(dataDir);
    const services = await createServices(store, { audit: { key: config.auditKey, dir: config.auditCheckpointDir } });
    const ctx: ServerContext = { config, store, logger: createLogger('silent'), origins: createOriginPolicy(config, 3000), version: 'test', services };
    const raw = store.collection<AuditEntry>(AUDIT_COLLECTION);
    // Their whole name (a word of it alone may name a sibling or a homonym, whose entries stay).
    const needles = [login, me.displayName, pupilId];
    const surname = me.displayName.split(' ').at(-1)!;
    const naming = async (): Promise<string[]> => {
      const rows = await raw.find({ schoolId }, { sort: { seq: 1 }, limit: 100_000 });
      return needles.filter((needle) => rows.some((row) => JSON.stringify(row).includes(needle)));
    };
    try {
      expect((await services.audit.verify(schoolId)).ok).toBe(true);
      // The scan finds what is there (so it can fail).
      expect(await naming()).toEqual(expect.arrayContaining([login, pupilId]));

      // A sibling's entry naming their shared surname: not theirs, left as it is.
      const sibling = await services.audit.record({ schoolId, actor: { userId: null }, origin: 'job', event: 'user.removed', target: { type: 'user', id: ids.pupil, ownerId: null }, reason: `Jade ${surname}, sa sœur` });
      const result = await pseudonymiseAuditSubject(ctx, schoolId, pupilId);
      expect((await raw.findOne({ _id: sibling._id }))?.reason).toBe(`Jade ${surname}, sa sœur`);
      expect(result.rewritten).toBeGreaterThanOrEqual(2);
      expect(result.skipped).toBe(0);
      expect(await naming()).toEqual([]);
      expect(await services.audit.verify(schoolId)).toMatchObject({ ok: true, problems: [] });
      const pseudonymised = await raw.find({ schoolId, 'actor.userId': result.pseudonym }, { sort: { seq: 1 }, limit: 1_000 });
      // Without the key a rewrite cannot be told from an edit with a recomputed `pseudo.hash`: not verifiable.
      const keyless = await verifyChain(raw, schoolId, null);
      expect(keyless.ok).toBe(false);
      expect(keyless.problems.map((problem) => problem.kind)).toContain('forged');
      expect(pseudonymised.length).toBeGreaterThan(0);
      expect(pseudonymised.every((entry) => entry.actor.ip === null && entry.pseudo !== undefined)).toBe(true);
      expect((await raw.find({ schoolId, event: 'audit.pseudonymised' }, { limit: 10 })).map((entry) => entry.target.id)).toEqual([result.pseudonym]);
      // Twice: the same pseudonym, nothing left to rewrite.
      expect((await pseudonymiseAuditSubject(ctx, schoolId, pupilId)).rewritten).toBe(0);

      // Edited without the key: the content alone (altered), then with the rewrite's hash recomputed (forged).
      const entry = pseudonymised[0]!;
      await raw.updateOne({ _id: entry._id }, { $set: { reason: 'rien à voir' } });
      expect(await services.audit.verify(schoolId)).toMatchObject({ ok: false, problems: [{ kind: 'altered', fromSeq: entry.seq }] });
      const { _id, hash: _hash, mac: _mac, pseudo, ...body } = { ...entry, reason: 'rien à voir' };
      await raw.updateOne({ _id }, { $set: { pseudo: { hash: sha256(canonicalJson(body)), mac: pseudo!.mac } } });
      expect(await services.audit.verify(schoolId)).toMatchObject({ ok: false, problems: [{ kind: 'forged', fromSeq: entry.seq }] });
      // Put back as it was: whole again.
      await raw.updateOne({ _id }, { $set: { reason: entry.reason, pseudo: entry.pseudo } });
      expect((await services.audit.verify(schoolId)).ok).toBe(true);
    } finally {
      await services.audit.close();
      await store.close();
    }

    // Every stored byte: the other tables emptied (the deletion job's work), then the whole file scanned.
    if (onMongo) return;
    const db = new Database(join(dataDir, EMBEDDED_FILE));
    db.pragma('secure_delete = ON');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((row) => row.name);
    const auditTable = `c_${AUDIT_COLLECTION}`;
    expect(tables).toContain(auditTable);
    for (const table of tables) if (table !== auditTable && !table.startsWith('sqlite_')) db.prepare(`DELETE FROM "${table}"`).run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    for (const file of [EMBEDDED_FILE, `${EMBEDDED_FILE}-wal`]) {
      const path = join(dataDir, file);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      for (const needle of needles) expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${file}`).toBe(false);
    }
  });
});
