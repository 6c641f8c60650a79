import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../../shared/realtime/close-codes';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { demoAccount } from '../../helpers/demo';
import { Browser } from '../../helpers/http';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { RawClient, connectPad, createPad, eventually, patchSpace, serverText, typeText, type PadClient } from './support';

/** The bound the issue sets for live permission changes. */
const LIVE_BOUND_MS = 2_000;

/** Sends sync step 1 and waits for its answer: every frame sent before it has been handled. */
async function barrier(raw: RawClient): Promise<void> {
  const before = raw.received.length;
  raw.requestState();
  await eventually(() => raw.received.length > before, 'sync answer');
}

describe('pad: authentication, per-document authorization and live access', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pad: SpaceSummary;
  const clients: PadClient[] = [];
  const open = (browser: Browser, spaceId = pad.id): PadClient => {
    const client = connectPad(server, browser, spaceId);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    pad = await createPad(world.browsers.teacher, world.classId);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
    server?.cleanup();
  });

  it('refuses upgrades without a session, from a foreign origin, before the charter, and for documents one may not read', async () => {
    const anonymous = RawClient.connect(server, null, padDocumentName(pad.id));
    expect((await anonymous.closed).code).toBe(COLLAB_CLOSE.UNAUTHENTICATED);

    const foreign = RawClient.connect(server, world.browsers.pupil, padDocumentName(pad.id), 'https://evil.example');
    await expect(foreign.opened).rejects.toThrow(/403/);

    const newcomer = new Browser(server.url);
    const account = demoAccount(server.dataDir, 'mamadou.diallo');
    expect((await newcomer.login(account.login, account.password)).status).toBe(200);
    expect((await RawClient.connect(server, newcomer, padDocumentName(pad.id)).closed).code).toBe(COLLAB_CLOSE.CHARTER_REQUIRED);

    expect((await RawClient.connect(server, world.browsers.pupilOtherClass, padDocumentName(pad.id)).closed).code).toBe(COLLAB_CLOSE.FORBIDDEN);
    expect((await RawClient.connect(server, world.browsers.teacherOtherClass, padDocumentName(pad.id)).closed).code).toBe(COLLAB_CLOSE.FORBIDDEN);
    const wall = await world.browsers.teacher.post<SpaceSummary>('/api/spaces', { kind: 'wall', title: 'Un mur', scope: { kind: 'class', classId: world.classId } });
    expect((await RawClient.connect(server, world.browsers.teacher, padDocumentName(wall.body.id)).closed).code).toBe(COLLAB_CLOSE.FORBIDDEN);
    expect((await RawClient.connect(server, world.browsers.teacher, 'not-a-pad').closed).code).toBe(COLLAB_CLOSE.FORBIDDEN);

    const denials = await world.browsers.director.get<{ items: Array<{ origin: string; reason: string }> }>('/api/audit?event=access.denied&pageSize=200');
    expect(denials.body.items.filter((entry) => entry.origin === 'collab').length).toBeGreaterThanOrEqual(5);
  });

  it('gives writers a read-write connection and readers a read-only one; a raw client with the parent session cannot change the document', async () => {
    const pupil = open(world.browsers.pupil);
    const parent = open(world.browsers.parent);
    await Promise.all([pupil.synced(), parent.synced()]);
    expect(pupil.access()).toEqual({ mode: 'write' });
    expect(parent.access()).toEqual({ mode: 'read', reason: 'reader' });

    typeText(pupil.doc, 'Il était une fois');
    await eventually(() => parent.text() === 'Il était une fois', 'the parent receives live updates');

    // The parent's provider is read-only on the server: its local edit never reaches anyone.
    typeText(parent.doc, ' — écrit par un parent');
    const raw = RawClient.connect(server, world.browsers.parent, padDocumentName(pad.id));
    await raw.opened;
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(pupil.doc));
    typeText(forged, ' (intrus)');
    raw.sendUpdate(Y.encodeStateAsUpdate(forged));
    raw.sendUpdate(Y.encodeStateAsUpdate(forged), 1);
    await barrier(raw);
    expect(raw.accesses()).toEqual([{ mode: 'read', reason: 'reader' }]);
    expect(await serverText(server, world.browsers.teacher, pad.id)).toBe('Il était une fois');
    expect(pupil.text()).toBe('Il était une fois');
    raw.close();

    const denials = await world.browsers.director.get<{ items: Array<{ origin: string; reason: string; actor: { userId: string } }> }>(
      `/api/audit?event=access.denied&spaceId=${pad.id}&actor=${world.ids.parent}`,
    );
    expect(denials.body.items.some((entry) => entry.origin === 'collab' && entry.reason.includes('read-only'))).toBe(true);
  });

  it('mutes a pupil live: their editor turns read-only within 2 s and their raw updates are not applied; unmuting gives writing back', async () => {
    const muted = open(world.browsers.pupilModerator);
    await muted.synced();
    expect(muted.access()).toEqual({ mode: 'write' });
    const raw = RawClient.connect(server, world.browsers.pupilModerator, padDocumentName(pad.id));
    await raw.opened;

    const started = Date.now();
    const answer = await world.browsers.teacher.post(`/api/pads/${pad.id}/mutes`, { userId: world.ids.pupilModerator });
    expect(answer.status).toBe(200);
    await eventually(() => muted.access()?.mode === 'read', 'the muted pupil is told', LIVE_BOUND_MS);
    expect(muted.access()).toEqual({ mode: 'read', reason: 'muted' });
    expect(Date.now() - started).toBeLessThan(LIVE_BOUND_MS);
    await eventually(() => raw.accesses().at(-1)?.mode === 'read', 'the raw connection too', LIVE_BOUND_MS);

    const before = await serverText(server, world.browsers.teacher, pad.id);
    const doc = new Y.Doc();
    typeText(doc, 'texte pendant la sourdine');
    raw.sendUpdate(Y.encodeStateAsUpdate(doc));
    await barrier(raw);
    expect(await serverText(server, world.browsers.teacher, pad.id)).toBe(before);

    const info = await world.browsers.teacher.get<{ muted: Array<{ id: string }> }>(`/api/pads/${pad.id}`);
    expect(info.body.muted.map((person) => person.id)).toEqual([world.ids.pupilModerator]);
    // A pupil cannot mute; the teacher of another class neither.
    expect((await world.browsers.pupil.post(`/api/pads/${pad.id}/mutes`, { userId: world.ids.pupilModerator })).status).toBe(403);

    expect((await world.browsers.teacher.send('DELETE', `/api/pads/${pad.id}/mutes/${world.ids.pupilModerator}`)).status).toBe(200);
    await eventually(() => muted.access()?.mode === 'write', 'unmuted', LIVE_BOUND_MS);
    // What the raw client typed while muted stays refused, even now.
    raw.sendUpdate(Y.encodeStateAsUpdate(doc));
    await barrier(raw);
    expect(await serverText(server, world.browsers.teacher, pad.id)).toBe(before);
    raw.close();

    // One mute command for every screen: exactly one `moderation.mute` and one `moderation.unmute` event.
    const audit = await world.browsers.director.get<{ items: Array<{ event: string; target: { id: string }; actor: { userId: string } }> }>(
      `/api/audit?spaceId=${pad.id}&pageSize=200`,
    );
    const about = (event: string) => audit.body.items.filter((entry) => entry.event === event && entry.target.id === world.ids.pupilModerator);
    expect(about('moderation.mute')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ userId: world.ids.teacher }) })]);
    expect(about('moderation.unmute')).toHaveLength(1);
    expect(audit.body.items.map((entry) => entry.event)).not.toContain('pad.pupil_muted');
  });

  it('applies locking, writers and moderator designation live; a locked pad is written by moderators only', async () => {
    const lockedPad = await createPad(world.browsers.teacher, world.classId);
    await designateModerator(world, lockedPad.id);
    const pupil = open(world.browsers.pupil, lockedPad.id);
    const moderator = open(world.browsers.pupilModerator, lockedPad.id);
    const teacher = open(world.browsers.teacher, lockedPad.id);
    await Promise.all([pupil.synced(), moderator.synced(), teacher.synced()]);

    expect((await patchSpace(world.browsers.teacher, lockedPad.id, { locked: true })).status).toBe(200);
    await eventually(() => pupil.access()?.mode === 'read', 'the pupil sees the lock', LIVE_BOUND_MS);
    expect(pupil.access()).toEqual({ mode: 'read', reason: 'locked' });
    expect(moderator.access()).toEqual({ mode: 'write' });
    expect(teacher.access()).toEqual({ mode: 'write' });
    typeText(moderator.doc, 'Le modérateur écrit.');
    await eventually(() => teacher.text() === 'Le modérateur écrit.', 'a moderator writes in a locked pad');

    expect((await patchSpace(world.browsers.teacher, lockedPad.id, { locked: false, writers: 'teachers' })).status).toBe(200);
    await eventually(() => pupil.access()?.mode === 'read' && (pupil.access() as { reason: string }).reason === 'writers', 'teachers only', LIVE_BOUND_MS);

    expect((await patchSpace(world.browsers.teacher, lockedPad.id, { writers: 'everyone' })).status).toBe(200);
    await eventually(() => pupil.access()?.mode === 'write', 'everyone writes again', LIVE_BOUND_MS);
  });

  it('closes the connections of a suspended user within 2 s', async () => {
    const chloe = await signedIn(server, 'chloe.nguyen');
    const client = open(chloe);
    await client.synced();
    const me = await chloe.get<{ user: { id: string } }>('/api/me');
    const started = Date.now();
    const suspended = await world.browsers.director.post(`/api/admin/users/${me.body.user.id}/suspend`, { reason: 'Entretien avec la famille' });
    expect(suspended.status).toBe(200);
    expect(await client.closed).toBe(COLLAB_CLOSE.SUSPENDED);
    expect(Date.now() - started).toBeLessThan(LIVE_BOUND_MS);
  });

  it('writes the real name on carets, whatever the client claims', async () => {
    const writer = open(world.browsers.pupil);
    const watcher = open(world.browsers.teacher);
    await Promise.all([writer.synced(), watcher.synced()]);
    writer.provider.awareness.setLocalStateField('user', { name: 'La maîtresse', color: '#000000' });
    await eventually(() => watcher.provider.awareness.getStates().get(writer.doc.clientID) !== undefined, 'presence arrives');
    const seen = watcher.provider.awareness.getStates().get(writer.doc.clientID) as { user: { name: string; id: string } };
    expect(seen.user.name).toBe('Léa Martin');
    expect(seen.user.id).toBe(world.ids.pupil);
  });
});
