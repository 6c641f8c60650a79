/**
 * A pupil moderator's bounds in a pad, written as the attacks of issue 11:
 * - a designated pupil moderator restored an empty version and erased the class's text: creating and restoring
 *   versions need `configure` (teachers, the director), and the attempt is refused and audited;
 * - designation and revocation reach an OPEN collab connection at once: the designated pupil writes in a locked
 *   pad without reconnecting, and once revoked, a write from that same connection is refused.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { PadInfo, PadVersionSummary } from '../../../shared/pad/types';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { RawClient, addParagraph, connectPad, createPad, eventually, patchSpace, serverText, type PadClient } from './support';

/** The bound the issue sets for live permission changes. */
const LIVE_BOUND_MS = 2_000;

type AuditPage = { total: number; items: Array<{ event: string; reason: string; actor: { userId: string } }> };

/** Sends sync step 1 and waits for its answer: every frame sent before it has been handled. */
async function barrier(raw: RawClient): Promise<void> {
  const before = raw.received.length;
  raw.requestState();
  await eventually(() => raw.received.length > before, 'sync answer');
}

/** An update that adds a paragraph, from a Yjs client of its own (a client refused once stays refused). */
function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  addParagraph(doc, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('pad: a pupil moderator moderates, never rewrites the class’s text', () => {
  let server: TestServer;
  let world: PersonaWorld;
  const clients: PadClient[] = [];
  const raws: RawClient[] = [];

  const audit = async (query: string) => (await world.browsers.director.get<AuditPage>(`/api/audit?${query}&pageSize=200`)).body;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const raw of raws) raw.close();
    await server?.stop();
    server?.cleanup();
  });

  it('a designated pupil moderator restoring an empty version is refused (403, audited) and the class’s text stays', async () => {
    const pad = await createPad(world.browsers.teacher, world.classId);
    await designateModerator(world, pad.id);
    // The teacher kept the blank page as a version before the class started.
    const blank = await world.browsers.teacher.post<PadVersionSummary>(`/api/pads/${pad.id}/versions`, { name: 'Page blanche' });
    expect(blank.status).toBe(201);
    const lea = connectPad(server, world.browsers.pupil, pad.id);
    clients.push(lea);
    await lea.synced();
    addParagraph(lea.doc, 'Il était une fois un volcan qui dormait.');
    addParagraph(lea.doc, 'Un matin, il se réveilla.');
    const text = 'Il était une fois un volcan qui dormait.\nUn matin, il se réveilla.';
    await eventually(async () => (await serverText(server, world.browsers.teacher, pad.id)) === text, 'the class wrote');

    // The moderator's page says so: no version buttons for them.
    const info = await world.browsers.pupilModerator.get<PadInfo>(`/api/pads/${pad.id}`);
    expect(info.body).toMatchObject({ canModerate: true, canConfigure: false, access: { mode: 'write' } });
    expect(info.body.space.rights).toMatchObject({ moderate: true, configure: false });

    const denialsBefore = (await audit(`event=access.denied&actor=${world.ids.pupilModerator}`)).total;
    const attack = await world.browsers.pupilModerator.post(`/api/pads/${pad.id}/versions/${blank.body.id}/restore`);
    expect(attack.status).toBe(403);
    expect((await audit(`event=access.denied&actor=${world.ids.pupilModerator}`)).total).toBe(denialsBefore + 1);
    expect((await audit(`event=pad.version_restored&spaceId=${pad.id}`)).items).toEqual([]);

    // Nothing changed: not the text, not the versions.
    expect(await serverText(server, world.browsers.teacher, pad.id)).toBe(text);
    expect(lea.text()).toBe(text);
    const versions = (await world.browsers.teacher.get<PadVersionSummary[]>(`/api/pads/${pad.id}/versions`)).body;
    expect(versions.map((version) => version.kind)).toEqual(['named']);

    // The teacher may restore it (and the content before is kept).
    expect((await world.browsers.teacher.post(`/api/pads/${pad.id}/versions/${blank.body.id}/restore`)).status).toBe(200);
    await eventually(() => lea.text() === '', 'the teacher restored the blank page');
  });

  it('a designated pupil moderator creating a named version is refused (403, audited)', async () => {
    const pad = await createPad(world.browsers.teacher, world.classId);
    await designateModerator(world, pad.id);
    const denialsBefore = (await audit(`event=access.denied&actor=${world.ids.pupilModerator}`)).total;
    expect((await world.browsers.pupilModerator.post(`/api/pads/${pad.id}/versions`, { name: 'Ma version' })).status).toBe(403);
    expect((await audit(`event=access.denied&actor=${world.ids.pupilModerator}`)).total).toBe(denialsBefore + 1);
    expect((await world.browsers.teacher.get<PadVersionSummary[]>(`/api/pads/${pad.id}/versions`)).body).toEqual([]);
    expect((await audit(`event=pad.version_created&spaceId=${pad.id}`)).items).toEqual([]);
  });

  it('designation reaches an open connection at once (it writes in a locked pad), and after revocation its write is refused', async () => {
    const pad = await createPad(world.browsers.teacher, world.classId);
    expect((await patchSpace(world.browsers.teacher, pad.id, { locked: true })).status).toBe(200);
    const raw = RawClient.connect(server, world.browsers.pupilModerator, padDocumentName(pad.id));
    raws.push(raw);
    await raw.opened;
    await eventually(() => raw.accesses().length > 0, 'access announced');
    expect(raw.accesses().at(-1)).toEqual({ mode: 'read', reason: 'locked' });

    // Designated while connected: the same connection becomes a writer, without reconnecting.
    const started = Date.now();
    await designateModerator(world, pad.id);
    await eventually(() => raw.accesses().at(-1)?.mode === 'write', 'the designated pupil writes', LIVE_BOUND_MS);
    expect(Date.now() - started).toBeLessThan(LIVE_BOUND_MS);
    raw.sendUpdate(paragraphUpdate('Écrit par le modérateur.'));
    await barrier(raw);
    await eventually(async () => (await serverText(server, world.browsers.teacher, pad.id)) === 'Écrit par le modérateur.', 'the write is applied');

    // Revoked while connected: the same connection reads only, and its next write is refused.
    expect((await world.browsers.teacher.send('DELETE', `/api/spaces/${pad.id}/moderators/${world.ids.pupilModerator}`)).status).toBe(200);
    await eventually(() => raw.accesses().at(-1)?.mode === 'read', 'the revoked pupil reads only', LIVE_BOUND_MS);
    expect(raw.accesses().at(-1)).toEqual({ mode: 'read', reason: 'locked' });
    raw.sendUpdate(paragraphUpdate('Écrit après la révocation.'));
    await barrier(raw);
    expect(await serverText(server, world.browsers.teacher, pad.id)).toBe('Écrit par le modérateur.');
    const denials = await audit(`event=access.denied&spaceId=${pad.id}&actor=${world.ids.pupilModerator}`);
    expect(denials.items.some((entry) => entry.reason.includes('read-only'))).toBe(true);
  });
});
