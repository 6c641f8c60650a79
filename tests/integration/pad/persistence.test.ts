import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAD_COMPACT_AFTER_BYTES, PAD_PERSIST_MAX_DELAY_MS } from '../../../shared/pad/limits';
import { AuthorIndex, authoredRuns, padTextRuns } from '../../../shared/pad/authorship';
import { PAD_FRAGMENT, padDocumentName } from '../../../shared/pad/protocol';
import type { PadAuthorship } from '../../../shared/pad/types';
import { PAD_SNAPSHOTS, PAD_UPDATES, type PadSnapshotDoc, type PadUpdateDoc } from '../../../server/features/pad/model';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { dropTestDatabase } from '../../helpers/store';
import { connectPad, createPad, eventually, serverText, storedDocs, type PadClient } from './support';

/** A writer with a paragraph of its own, appending tokens to it. */
function ownParagraph(client: PadClient): (token: string) => void {
  const run = new Y.XmlText();
  client.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [run]);
    const fragment = client.doc.getXmlFragment(PAD_FRAGMENT);
    fragment.insert(fragment.length, [paragraph]);
  });
  return (token) => run.insert(run.length, token);
}

const occurrences = (text: string, token: string): number => text.split(token).length - 1;

describe('pad: persistence, crash recovery, compaction', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'preau-pad-persist-'));
  let server: TestServer;
  let world: PersonaWorld;
  let port: number;
  const clients: PadClient[] = [];

  const restart = async (how: 'kill' | 'stop'): Promise<void> => {
    if (how === 'kill') await server.kill();
    else expect(await server.stop()).toBe(0);
    server = await startServer({ dataDir, env: { PORT: String(port) } });
  };

  beforeAll(async () => {
    server = await startServer({ dataDir });
    port = server.port;
    world = await personaWorld(server);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await dropTestDatabase(dataDir);
  });

  it(`relays an update only once it is durable, well within ${PAD_PERSIST_MAX_DELAY_MS} ms: kill -9 right after the peer sees it loses nothing`, async () => {
    const pad = await createPad(world.browsers.teacher, world.classId);
    const writer = connectPad(server, world.browsers.pupil, pad.id);
    const peer = connectPad(server, world.browsers.pupilModerator, pad.id);
    clients.push(writer, peer);
    await Promise.all([writer.synced(), peer.synced()]);
    const write = ownParagraph(writer);
    const started = Date.now();
    write('Écrit juste avant la panne.');
    await eventually(() => peer.text().includes('Écrit juste avant la panne.'), 'the peer receives it', PAD_PERSIST_MAX_DELAY_MS);
    expect(Date.now() - started).toBeLessThan(PAD_PERSIST_MAX_DELAY_MS);
    writer.provider.disconnect();
    peer.provider.disconnect();
    await restart('kill');
    expect(await serverText(server, world.browsers.teacher, pad.id)).toContain('Écrit juste avant la panne.');
  });

  it('after kill -9 during typing and a restart, providers reconnect and the text holds everything typed, once', async () => {
    const pad = await createPad(world.browsers.teacher, world.classId);
    const a = connectPad(server, world.browsers.pupil, pad.id);
    const b = connectPad(server, world.browsers.pupilModerator, pad.id);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    const writeA = ownParagraph(a);
    const writeB = ownParagraph(b);
    const tokens: string[] = [];
    let typing = true;
    const typist = (async () => {
      for (let i = 0; typing; i++) {
        writeA(`[a${i}]`);
        writeB(`[b${i}]`);
        tokens.push(`[a${i}]`, `[b${i}]`);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const killing = restart('kill'); // the clients keep typing while the server is down and restarting
    await killing;
    await new Promise((resolve) => setTimeout(resolve, 200));
    typing = false;
    await typist;

    await eventually(() => a.provider.synced && b.provider.synced, 'both providers reconnected', 15_000);
    await eventually(() => a.text() === b.text(), 'the two clients converge', 10_000);
    const final = await serverText(server, world.browsers.teacher, pad.id);
    expect(final).toBe(a.text());
    expect(tokens.length).toBeGreaterThan(20);
    for (const token of tokens) expect(occurrences(final, token), token).toBe(1);

    // A flush's log row holds both writers' changes, each with the items it created: loaded after the crash, every
    // token is still attributed to the one who typed it.
    const name = padDocumentName(pad.id);
    expect((await storedDocs<PadUpdateDoc>(server.dataDir, PAD_UPDATES)).some((row) => row.doc === name && row.authors?.length === 2)).toBe(true);
    const authorship = await world.browsers.teacher.get<PadAuthorship>(`/api/pads/${pad.id}/authors`);
    expect(authorship.status).toBe(200);
    const index = new AuthorIndex(authorship.body);
    const runs = padTextRuns(a.doc).flatMap((run) => authoredRuns(run, index));
    expect(runs.length).toBeGreaterThan(0);
    const misattributed = runs.filter((run) => run.author?.id !== (run.text.startsWith('[a') ? world.ids.pupil : world.ids.pupilModerator));
    expect(misattributed).toEqual([]);
  });

  it(`compacts the update log into a snapshot past ${PAD_COMPACT_AFTER_BYTES} bytes, and loads snapshot + log after a restart`, async () => {
    const pad = await createPad(world.browsers.teacher, world.classId);
    const writer = connectPad(server, world.browsers.pupil, pad.id);
    clients.push(writer);
    await writer.synced();
    const write = ownParagraph(writer);
    const chunk = 'Il était une fois un volcan. '.repeat(2_000);
    for (let i = 0; i < Math.ceil(PAD_COMPACT_AFTER_BYTES / chunk.length) + 1; i++) {
      write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    write('FIN');
    const name = padDocumentName(pad.id);
    await eventually(async () => (await storedDocs<PadSnapshotDoc>(server.dataDir, PAD_SNAPSHOTS)).some((snapshot) => snapshot._id === name), 'a snapshot is written');
    const rows = async () => (await storedDocs<PadUpdateDoc>(server.dataDir, PAD_UPDATES)).filter((row) => row.doc === name);
    const snapshot = (await storedDocs<PadSnapshotDoc>(server.dataDir, PAD_SNAPSHOTS)).find((candidate) => candidate._id === name)!;
    expect(snapshot.seq).toBeGreaterThan(0);
    expect((await rows()).every((row) => row.seq > snapshot.seq)).toBe(true);
    // Every row names its author, with the Yjs ranges they created.
    for (const row of await rows()) {
      expect(row.authors?.map((author) => author.userId)).toEqual([world.ids.pupil]);
      expect(row.authors![0]!.ranges.length).toBeGreaterThan(0);
    }

    const before = writer.text();
    writer.provider.disconnect();
    await restart('stop');
    expect(await serverText(server, world.browsers.teacher, pad.id)).toBe(before);
    // A clean shutdown folds the whole log into the snapshot.
    expect(await rows()).toEqual([]);
  });
});
