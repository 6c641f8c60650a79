import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallCard, WallExport } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { png } from '../../fixtures/wall/images';
import { ask, createWall, download, fullSync, joinWall, must, nextEvent, record, upload, wait } from './support';

describe('pre-moderation: a pending card is invisible to other pupils and to parents until approved', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pupilB: Browser;
  let spaceId: string;
  let teacher: Socket, author: Socket, other: Socket, parent: Socket;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    pupilB = await signedIn(server, 'chloe.nguyen');
    spaceId = (await createWall(world.browsers.teacher, world.classId, { preModeration: true }, { parentsMayComment: true })).id;
    teacher = await joinWall(server, world.browsers.teacher, spaceId);
    author = await joinWall(server, world.browsers.pupil, spaceId);
    other = await joinWall(server, pupilB, spaceId);
    parent = await joinWall(server, world.browsers.parent, spaceId);
  });
  afterAll(async () => {
    for (const socket of [teacher, author, other, parent]) socket?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('hides the pending card from other pupils and parents everywhere: broadcast, catch-up, export, files, operations', async () => {
    const seenByOther = record<WallCard>(other, 'wall:card');
    const seenByParent = record<WallCard>(parent, 'wall:card');
    const seenByTeacher = nextEvent<WallCard>(teacher, 'wall:card', (c) => c.title === 'En attente');
    const file = await upload(world.browsers.pupil, spaceId, await png(), 'dessin.png', 'image/png');
    expect(file.status).toBe(201);
    const blobId = (file.body as { blobId: string }).blobId;
    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'En attente', attachmentId: blobId });
    expect(card.status).toBe('pending');
    // The teacher sees it at once, as pending (the "en attente" badge); the author sees it too.
    expect((await seenByTeacher).status).toBe('pending');
    expect((await fullSync(author, spaceId)).cards.map((c) => c.id)).toContain(card.id);
    expect((await fullSync(teacher, spaceId)).cards.find((c) => c.id === card.id)?.status).toBe('pending');

    await wait(300);
    expect(seenByOther.filter((c) => c.id === card.id)).toEqual([]);
    expect(seenByParent.filter((c) => c.id === card.id)).toEqual([]);
    for (const socket of [other, parent]) {
      expect((await fullSync(socket, spaceId)).cards.map((c) => c.id)).not.toContain(card.id);
      expect((await must<{ cards: WallCard[] }>(socket, 'wall:sync', { spaceId, sinceSeq: 1 })).cards.map((c) => c.id)).not.toContain(card.id);
      expect(await ask(socket, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Je la vois ?' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    expect(await ask(other, 'wall:card:react', { spaceId, cardId: card.id, value: 1 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    for (const browser of [pupilB, world.browsers.parent]) {
      const exported = await browser.get<WallExport>(`/api/walls/${spaceId}/print`);
      expect(exported.status).toBe(200);
      expect(exported.body.cards.map((c) => c.id)).not.toContain(card.id);
      expect((await download(browser, `/api/walls/${spaceId}/files/${blobId}`)).status).toBe(403);
      expect((await download(browser, `/api/walls/${spaceId}/files/${blobId}/thumb`)).status).toBe(403);
    }
    expect((await download(world.browsers.teacher, `/api/walls/${spaceId}/files/${blobId}`)).status).toBe(200);
    expect((await download(world.browsers.pupil, `/api/walls/${spaceId}/files/${blobId}`)).status).toBe(200);
    // Only a moderator approves.
    expect(await ask(author, 'wall:card:approve', { spaceId, cardId: card.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const publishedForOther = nextEvent<WallCard>(other, 'wall:card', (c) => c.id === card.id);
    const publishedForParent = nextEvent<WallCard>(parent, 'wall:card', (c) => c.id === card.id);
    const approved = await must<{ card: WallCard }>(teacher, 'wall:card:approve', { spaceId, cardId: card.id });
    expect(approved.card.status).toBe('published');
    expect((await publishedForOther).status).toBe('published');
    expect((await publishedForParent).status).toBe('published');
    expect((await fullSync(parent, spaceId)).cards.map((c) => c.id)).toContain(card.id);
    expect((await download(world.browsers.parent, `/api/walls/${spaceId}/files/${blobId}`)).status).toBe(200);
    await must(parent, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Très joli dessin' });
  });

  it('edits of a pending card stay between its author and the moderators', async () => {
    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Brouillon caché' });
    const seenByOther = record<WallCard>(other, 'wall:card');
    const teacherSees = nextEvent<WallCard>(teacher, 'wall:card', (c) => c.id === card.id && c.version === 2);
    await must(author, 'wall:card:edit', { spaceId, cardId: card.id, version: 1, changes: { title: 'Brouillon caché 2' } });
    await teacherSees;
    await wait(200);
    expect(seenByOther.filter((c) => c.id === card.id)).toEqual([]);
  });

  it('teachers’ own cards are published at once', async () => {
    const { card } = await must<{ card: WallCard }>(teacher, 'wall:card:create', { spaceId, title: 'Consigne' });
    expect(card.status).toBe('published');
  });
});
