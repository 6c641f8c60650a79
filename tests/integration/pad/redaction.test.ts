import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PadVersionSummary, RedactResult } from '../../../shared/pad/types';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { decodeDoc } from '../../../server/storage/embedded/codec';
import { EMBEDDED_FILE } from '../../../server/storage/embedded/store';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { dropTestDatabase, onMongo, openTestStore, testCollectionNames } from '../../helpers/store';
import { addParagraph, connectPad, createPad, eventually, typeText, type PadClient } from './support';

const TYPED_SECRET = '0612345678';
const PASTED_SECRET = 'Rue des Lilas';

/** Every binary value inside a stored document. */
function binaries(value: unknown, out: Uint8Array[] = []): Uint8Array[] {
  if (value instanceof Uint8Array) out.push(value);
  else if (Array.isArray(value)) for (const item of value) binaries(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) binaries(item, out);
  return out;
}

/** The strings of every Yjs item in these updates, per client in clock order (deleted or not). */
function yjsText(updates: Uint8Array[]): string {
  const byClient = new Map<number, Array<{ clock: number; text: string }>>();
  for (const update of updates) {
    let decoded;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      continue;
    }
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
      const list = byClient.get(struct.id.client) ?? [];
      list.push({ clock: struct.id.clock, text: struct.content.str });
      byClient.set(struct.id.client, list);
    }
  }
  return [...byClient.values()].map((list) => list.sort((a, b) => a.clock - b.clock).map((part) => part.text).join('')).join('\n');
}

/** Where a string occurs in one stored document: its JSON, each binary value's bytes; its binaries kept in `updates`. */
function findInDocument(doc: unknown, needle: string, where: string, updates: Uint8Array[], found: string[]): void {
  const bytes = Buffer.from(needle, 'utf8');
  if (JSON.stringify(doc).includes(needle)) found.push(`text of ${where}`);
  for (const binary of binaries(doc)) {
    if (Buffer.from(binary).includes(bytes)) found.push(`binary in ${where}`);
    updates.push(binary);
  }
}

/**
 * Where a string occurs in what the server stored: on the embedded store, its file's raw bytes and every row
 * (`findInSqlite`); on MongoDB, every document of every collection of the server's database, read through the
 * port (the server's files are not MongoDB's: its raw bytes are out of reach).
 */
async function findInStore(dataDir: string, needle: string): Promise<string[]> {
  if (!onMongo) return findInSqlite(dataDir, needle);
  const found: string[] = [];
  const store = await openTestStore(dataDir);
  try {
    for (const name of await testCollectionNames(dataDir)) {
      const updates: Uint8Array[] = [];
      for (const doc of await store.collection(name).find({})) findInDocument(doc, needle, name, updates, found);
      if (yjsText(updates).includes(needle)) found.push(`Yjs items in ${name}`);
    }
  } finally {
    await store.close();
  }
  return found;
}

/**
 * The embedded store's bytes: the SQLite file and its WAL as raw bytes (what secure deletion must have wiped),
 * then every row of every table (its JSON, each binary value's bytes, and the text of the Yjs items those
 * binaries hold, joined per Yjs client across rows, so a secret typed one character per update is found too).
 */
function findInSqlite(dataDir: string, needle: string): string[] {
  const found: string[] = [];
  const bytes = Buffer.from(needle, 'utf8');
  for (const file of [EMBEDDED_FILE, `${EMBEDDED_FILE}-wal`]) {
    const path = join(dataDir, file);
    if (existsSync(path) && readFileSync(path).includes(bytes)) found.push(`raw bytes of ${file}`);
  }
  const db = new Database(join(dataDir, EMBEDDED_FILE), { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((row) => row.name);
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>;
      const updates: Uint8Array[] = [];
      for (const row of rows) {
        for (const cell of Object.values(row)) {
          if (typeof cell !== 'string') continue;
          if (cell.includes(needle)) found.push(`text of ${table}`);
          if (!cell.startsWith('{')) continue;
          for (const binary of binaries(decodeDoc(cell))) {
            if (Buffer.from(binary).includes(bytes)) found.push(`binary in ${table}`);
            updates.push(binary);
          }
        }
      }
      if (yjsText(updates).includes(needle)) found.push(`Yjs items in ${table}`);
    }
  } finally {
    db.close();
  }
  return found;
}

describe('pad: redaction', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pad: SpaceSummary;
  let writer: PadClient;
  let watcher: PadClient;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    pad = await createPad(world.browsers.teacher, world.classId);
    await designateModerator(world, pad.id);
    writer = connectPad(server, world.browsers.pupil, pad.id);
    watcher = connectPad(server, world.browsers.parent, pad.id);
    await Promise.all([writer.synced(), watcher.synced()]);
  });
  afterAll(async () => {
    writer?.destroy();
    watcher?.destroy();
    await server?.stop();
    // The server restarted on the first one's data dir, which is removed here (with its database on MongoDB).
    if (server) {
      rmSync(server.dataDir, { recursive: true, force: true });
      await dropTestDatabase(server.dataDir);
    }
  });

  it('removes a passage from the pad, its update log and every version: no stored byte holds it', async () => {
    addParagraph(writer.doc, 'Mon téléphone : ');
    for (const char of TYPED_SECRET) {
      typeText(writer.doc, char); // one update per keystroke, as the editor sends them
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    addParagraph(writer.doc, `J’habite ${PASTED_SECRET}, au numéro 4.`);
    await eventually(() => watcher.text().includes(PASTED_SECRET) && watcher.text().includes(TYPED_SECRET), 'typed');
    expect((await world.browsers.teacher.post(`/api/pads/${pad.id}/versions`, { name: 'Avec les secrets' })).status).toBe(201);
    addParagraph(writer.doc, 'La suite de l’histoire.');
    await eventually(() => watcher.text().includes('La suite'), 'typed more');

    // The scan finds what is there (so it can fail).
    for (const secret of [TYPED_SECRET, PASTED_SECRET]) expect(await findInStore(server.dataDir, secret), secret).not.toEqual([]);

    // Only those who configure the pad redact (not a pupil, not a designated pupil moderator).
    expect((await world.browsers.pupil.post(`/api/pads/${pad.id}/redactions`, { passages: [TYPED_SECRET] })).status).toBe(403);
    expect((await world.browsers.pupilModerator.post(`/api/pads/${pad.id}/redactions`, { passages: [TYPED_SECRET] })).status).toBe(403);
    expect((await world.browsers.teacher.post(`/api/pads/${pad.id}/redactions`, { passages: ['ab'] })).status).toBe(400);

    const answer = await world.browsers.teacher.post<RedactResult>(`/api/pads/${pad.id}/redactions`, { passages: [TYPED_SECRET, PASTED_SECRET] });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ removed: 2, versionsRewritten: 1 });
    await eventually(() => !watcher.text().includes(TYPED_SECRET) && !writer.text().includes(PASTED_SECRET), 'gone from every screen');
    expect(watcher.text()).toContain('La suite de l’histoire.');
    expect(watcher.text()).toContain('Mon téléphone : ');

    const versions = (await world.browsers.teacher.get<PadVersionSummary[]>(`/api/pads/${pad.id}/versions`)).body;
    expect(versions.find((version) => version.name === 'Avec les secrets')?.redacted).toBe(true);

    const audit = await world.browsers.director.get<{ items: Array<{ actor: { userId: string }; reason: string }> }>(`/api/audit?event=pad.redacted&spaceId=${pad.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]!.actor.userId).toBe(world.ids.teacher);
    expect(audit.body.items[0]!.reason).not.toContain(TYPED_SECRET);

    // Stop the server so the WAL is checkpointed into the file, then scan every stored byte.
    writer.provider.disconnect();
    watcher.provider.disconnect();
    expect(await server.stop()).toBe(0);
    for (const secret of [TYPED_SECRET, PASTED_SECRET]) expect(await findInStore(server.dataDir, secret), secret).toEqual([]);

    // And the pad still works after a restart, without the passages.
    server = await startServer({ dataDir: server.dataDir });
    const teacher = await signedIn(server, 'claire.fontaine');
    const reader = connectPad(server, teacher, pad.id);
    await reader.synced();
    expect(reader.text()).toContain('La suite de l’histoire.');
    expect(reader.text()).not.toContain(TYPED_SECRET);
    reader.destroy();
  });
});
