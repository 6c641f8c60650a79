import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { PadVersionSummary } from '../../../shared/pad/types';
import { PAD_SNAPSHOTS, PAD_UPDATES, type PadSnapshotDoc, type PadUpdateDoc } from '../../../server/features/pad/model';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { addParagraph, connectPad, createPad, eventually, serverText, storedDocs } from './support';

/** A short grace (PAD_UNLOAD_GRACE_MS is injected): the test watches a whole one pass, not 30 s. */
const GRACE_MS = 1_000;

describe('pad: memory', () => {
  let server: TestServer;
  let world: PersonaWorld;

  beforeAll(async () => {
    server = await startServer({ env: { LOG_LEVEL: 'debug', PAD_UNLOAD_GRACE_MS: String(GRACE_MS) } });
    world = await personaWorld(server);
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  it(`unloads a pad the configured grace (${GRACE_MS / 1000} s) after its last connection leaves, storing it first`, async () => {
    const pad = await createPad(world.browsers.teacher, world.classId);
    const name = padDocumentName(pad.id);
    const unloaded = () => server.output().split('\n').some((line) => line.includes('document unloaded') && line.includes(name));
    const writer = connectPad(server, world.browsers.pupil, pad.id);
    await writer.synced();
    addParagraph(writer.doc, 'Avant de partir.');
    await eventually(async () => (await storedDocs<PadUpdateDoc>(server.dataDir, PAD_UPDATES)).some((row) => row.doc === name), 'logged');
    writer.destroy();
    const left = Date.now();

    await eventually(unloaded, 'unloaded', GRACE_MS + 10_000);
    // Not before the grace: the server unloads on its own timer, started when the last connection closed (after `left`).
    expect(Date.now() - left, 'still in memory during the grace').toBeGreaterThanOrEqual(GRACE_MS);

    // Stored before unloading: the log is folded into the snapshot, and the session ends with a version.
    expect((await storedDocs<PadUpdateDoc>(server.dataDir, PAD_UPDATES)).filter((row) => row.doc === name)).toEqual([]);
    expect((await storedDocs<PadSnapshotDoc>(server.dataDir, PAD_SNAPSHOTS)).some((snapshot) => snapshot._id === name)).toBe(true);
    const versions = await world.browsers.teacher.get<PadVersionSummary[]>(`/api/pads/${pad.id}/versions`);
    expect(versions.body.map((version) => version.kind)).toEqual(['auto']);
    expect(await serverText(server, world.browsers.teacher, pad.id)).toBe('Avant de partir.');
  }, GRACE_MS + 30_000);
});
