import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAD_UNLOAD_GRACE_MS } from '../../../shared/pad/limits';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { PadVersionSummary } from '../../../shared/pad/types';
import { PAD_SNAPSHOTS, PAD_UPDATES, type PadSnapshotDoc, type PadUpdateDoc } from '../../../server/features/pad/model';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { addParagraph, connectPad, createPad, eventually, serverText, storedDocs } from './support';

describe('pad: memory', () => {
  let server: TestServer;
  let world: PersonaWorld;

  beforeAll(async () => {
    server = await startServer({ env: { LOG_LEVEL: 'debug' } });
    world = await personaWorld(server);
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  it(`unloads a pad ${PAD_UNLOAD_GRACE_MS / 1000} s after its last connection leaves, storing it first`, async () => {
    const pad = await createPad(world.browsers.teacher, world.classId);
    const name = padDocumentName(pad.id);
    const unloaded = () => server.output().split('\n').some((line) => line.includes('document unloaded') && line.includes(name));
    const writer = connectPad(server, world.browsers.pupil, pad.id);
    await writer.synced();
    addParagraph(writer.doc, 'Avant de partir.');
    await eventually(async () => storedDocs<PadUpdateDoc>(server.dataDir, PAD_UPDATES).some((row) => row.doc === name), 'logged');
    writer.destroy();
    const left = Date.now();

    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(unloaded(), 'still in memory during the grace period').toBe(false);
    await eventually(unloaded, 'unloaded', PAD_UNLOAD_GRACE_MS + 10_000);
    expect(Date.now() - left).toBeGreaterThanOrEqual(PAD_UNLOAD_GRACE_MS);

    // Stored before unloading: the log is folded into the snapshot, and the session ends with a version.
    expect(storedDocs<PadUpdateDoc>(server.dataDir, PAD_UPDATES).filter((row) => row.doc === name)).toEqual([]);
    expect(storedDocs<PadSnapshotDoc>(server.dataDir, PAD_SNAPSHOTS).some((snapshot) => snapshot._id === name)).toBe(true);
    const versions = await world.browsers.teacher.get<PadVersionSummary[]>(`/api/pads/${pad.id}/versions`);
    expect(versions.body.map((version) => version.kind)).toEqual(['auto']);
    expect(await serverText(server, world.browsers.teacher, pad.id)).toBe('Avant de partir.');
  }, PAD_UNLOAD_GRACE_MS + 30_000);
});
