import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../../shared/realtime/close-codes';
import { AuthorIndex, authoredRuns, padTextRuns } from '../../../shared/pad/authorship';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { PadAuthorship } from '../../../shared/pad/types';
import type { SpaceSummary } from '../../../shared/spaces/types';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { RawClient, addParagraph, connectPad, createPad, eventually, type PadClient } from './support';

/** "text → author name" for every authored run the reader sees, as "afficher les auteurs" colours them. */
async function authorsSeenBy(world: PersonaWorld, client: PadClient, padId: string): Promise<string[]> {
  const answer = await world.browsers.parent.get<PadAuthorship>(`/api/pads/${padId}/authors`);
  expect(answer.status).toBe(200);
  const index = new AuthorIndex(answer.body);
  return padTextRuns(client.doc).flatMap((run) => authoredRuns(run, index).map((part) => `${part.text} → ${part.author?.name ?? '?'}`));
}

describe('pad: attribution from the server, never from the client', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pad: SpaceSummary;
  let lea: PadClient;
  let yanis: PadClient;
  let reader: PadClient;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    pad = await createPad(world.browsers.teacher, world.classId);
    lea = connectPad(server, world.browsers.pupil, pad.id);
    yanis = connectPad(server, world.browsers.pupilModerator, pad.id);
    reader = connectPad(server, world.browsers.parent, pad.id);
    await Promise.all([lea.synced(), yanis.synced(), reader.synced()]);
  });
  afterAll(async () => {
    for (const client of [lea, yanis, reader]) client?.destroy();
    await server?.stop();
    server?.cleanup();
  });

  it('attributes each passage to the user of the connection it came from', async () => {
    addParagraph(lea.doc, 'Le volcan gronde.');
    addParagraph(yanis.doc, 'La lave coule.');
    await eventually(() => reader.text().includes('Le volcan gronde.') && reader.text().includes('La lave coule.'), 'both passages arrive');
    expect((await authorsSeenBy(world, reader, pad.id)).sort()).toEqual(['La lave coule. → Yanis Belkacem', 'Le volcan gronde. → Léa Martin']);
  });

  it('a client forging authorship (PermanentUserData, another author’s Yjs client id) changes no colour', async () => {
    const before = await authorsSeenBy(world, reader, pad.id);

    // 1. PermanentUserData claiming Léa's Yjs client id is Yanis: refused, the pad holds no such root.
    const pud = RawClient.connect(server, world.browsers.pupil, padDocumentName(pad.id));
    await pud.opened;
    const forgedUsers = new Y.Doc();
    new Y.PermanentUserData(forgedUsers).setUserMapping(forgedUsers, lea.doc.clientID, world.ids.pupilModerator);
    pud.sendUpdate(Y.encodeStateAsUpdate(forgedUsers));
    expect((await pud.closed).code).toBe(COLLAB_CLOSE.INVALID_CONTENT);

    // 2. Léa's session writing under Yanis's Yjs client id, to make him the author of an insult: refused.
    const impersonation = RawClient.connect(server, world.browsers.pupil, padDocumentName(pad.id));
    await impersonation.opened;
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(yanis.doc));
    copy.clientID = yanis.doc.clientID;
    const before2 = Y.encodeStateVector(copy);
    addParagraph(copy, 'Insulte signée Yanis');
    impersonation.sendUpdate(Y.encodeStateAsUpdate(copy, before2));
    expect((await impersonation.closed).code).toBe(COLLAB_CLOSE.CLIENT_ID_TAKEN);

    expect(await authorsSeenBy(world, reader, pad.id)).toEqual(before);
    expect(reader.text()).not.toContain('Insulte');

    // 3. Whatever Léa's own client claims (a PermanentUserData in her local document, a false caret name),
    //    her new text is hers.
    lea.provider.awareness.setLocalStateField('user', { name: 'Yanis Belkacem' });
    addParagraph(lea.doc, 'Encore Léa.');
    await eventually(() => reader.text().includes('Encore Léa.'), 'the new passage arrives');
    expect(await authorsSeenBy(world, reader, pad.id)).toContain('Encore Léa. → Léa Martin');
  });

  it('logs the opening of a pad (view) and the edit activity (coalesced), by author', async () => {
    const views = await world.browsers.director.get<{ items: Array<{ origin: string; target: { type: string }; actor: { userId: string } }> }>(
      `/api/audit?event=content.viewed&spaceId=${pad.id}&pageSize=100`,
    );
    const collabViewers = views.body.items.filter((entry) => entry.origin === 'collab' && entry.target.type === 'pad').map((entry) => entry.actor.userId);
    expect(collabViewers).toEqual(expect.arrayContaining([world.ids.pupil, world.ids.pupilModerator, world.ids.parent]));

    // Edit windows are written when they close, at the latest when the server stops.
    expect(await server.stop()).toBe(0);
    server = await startServer({ dataDir: server.dataDir });
    const director = await signedIn(server, 'isabelle.moreau');
    const edits = await director.get<{ items: Array<{ actor: { userId: string }; origin: string; reason: string }> }>(
      `/api/audit?event=pad.edited&spaceId=${pad.id}&pageSize=100`,
    );
    const editors = edits.body.items.map((entry) => entry.actor.userId);
    expect(editors).toEqual(expect.arrayContaining([world.ids.pupil, world.ids.pupilModerator]));
    expect(editors).not.toContain(world.ids.parent);
    expect(edits.body.items.every((entry) => entry.origin === 'collab' && /updates/.test(entry.reason))).toBe(true);
    // Each user's edits are counted in their own window: one event per author here.
    expect(editors.filter((id) => id === world.ids.pupil)).toHaveLength(1);
  });
});
