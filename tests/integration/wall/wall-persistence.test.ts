import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { UploadedFile, WallCard, WallExport, WallSyncResult } from '../../../shared/wall/types';
import { Browser } from '../../helpers/http';
import { personaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { dropTestDatabase } from '../../helpers/store';
import { jpegWithGps } from '../../fixtures/wall/images';
import { createWall, doc, download, fullSync, joinWall, must, patchWall, upload } from './support';

describe('persistence: after a server restart, the wall is identical', () => {
  let server: TestServer | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await server?.stop();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      await dropTestDatabase(dataDir);
    }
  });

  it('keeps every card, place, version, reaction, comment, pending card, setting and file', async () => {
    server = await startServer();
    dataDir = server.dataDir;
    const world = await personaWorld(server);
    const wall = await createWall(world.browsers.teacher, world.classId, { layout: 'canvas', background: 'ciel', reaction: 'star' }, { parentsMayComment: true });
    const spaceId = wall.id;
    const teacher = await joinWall(server, world.browsers.teacher, spaceId);
    const pupil = await joinWall(server, world.browsers.pupil, spaceId);
    const parent = await joinWall(server, world.browsers.parent, spaceId);

    const file = (await upload(world.browsers.pupil, spaceId, await jpegWithGps(), 'photo.jpg')).body as UploadedFile;
    const withImage = (await must<{ card: WallCard }>(pupil, 'wall:card:create', { spaceId, title: 'Photo', attachmentId: file.blobId, color: 'vert', position: { x: 300, y: 200 } })).card;
    const text = (await must<{ card: WallCard }>(pupil, 'wall:card:create', { spaceId, title: 'Texte', body: doc('Il était une fois'), link: 'https://example.org/conte', sectionId: 'questions' })).card;
    await must(pupil, 'wall:card:edit', { spaceId, cardId: text.id, version: 1, changes: { title: 'Texte (v2)' } });
    await must(teacher, 'wall:card:move', { spaceId, cardId: withImage.id, position: { x: 1200, y: 640 }, sectionId: 'questions', order: 0.5 });
    await must(teacher, 'wall:card:react', { spaceId, cardId: withImage.id, value: 5 });
    await must(parent, 'wall:comment:create', { spaceId, cardId: withImage.id, text: 'Superbe photo' });
    const doomed = (await must<{ card: WallCard }>(pupil, 'wall:card:create', { spaceId, title: 'Supprimée' })).card;
    await must(teacher, 'wall:card:delete', { spaceId, cardId: doomed.id });
    await patchWall(world.browsers.teacher, spaceId, { settings: { preModeration: true } });
    await must(pupil, 'wall:card:create', { spaceId, title: 'En attente' });

    const before = { teacher: await fullSync(teacher, spaceId), parent: await fullSync(parent, spaceId) };
    const exportBefore = (await world.browsers.teacher.get<WallExport>(`/api/walls/${spaceId}/export`)).body;
    const imageBefore = await download(world.browsers.teacher, `/api/walls/${spaceId}/files/${file.blobId}`);
    const spaceBefore = (await world.browsers.teacher.get<SpaceSummary>(`/api/spaces/${spaceId}`)).body;
    expect(before.teacher.cards).toHaveLength(3);
    expect(before.parent.cards).toHaveLength(2);
    for (const socket of [teacher, pupil, parent]) socket.close();

    expect(await server.stop()).toBe(0);
    server = await startServer({ dataDir });

    // Sessions live in the store too: the same cookies carry on, on the new port.
    const moved = (browser: Browser) => {
      const again = new Browser(server!.url);
      for (const [name, value] of browser.cookies) again.cookies.set(name, value);
      again.csrfToken = browser.csrfToken;
      return again;
    };
    const teacherBrowser = moved(world.browsers.teacher);
    const teacherAgain = await joinWall(server, teacherBrowser, spaceId);
    const parentAgain = await joinWall(server, moved(world.browsers.parent), spaceId);
    const after = { teacher: await fullSync(teacherAgain, spaceId), parent: await fullSync(parentAgain, spaceId) };
    const strip = (state: WallSyncResult) => ({ ...state, locks: [] });
    expect(strip(after.teacher)).toEqual(strip(before.teacher));
    expect(strip(after.parent)).toEqual(strip(before.parent));
    const exportAfter = (await teacherBrowser.get<WallExport>(`/api/walls/${spaceId}/export`)).body;
    expect({ ...exportAfter, exportedAt: 0 }).toEqual({ ...exportBefore, exportedAt: 0 });
    expect((await teacherBrowser.get<SpaceSummary>(`/api/spaces/${spaceId}`)).body).toEqual(spaceBefore);
    const imageAfter = await download(teacherBrowser, `/api/walls/${spaceId}/files/${file.blobId}`);
    expect(imageAfter.status).toBe(200);
    expect(imageAfter.data.equals(imageBefore.data)).toBe(true);
    // The operation numbers carry on from where they were: a catch-up never goes backwards.
    const next = (await must<{ card: WallCard }>(teacherAgain, 'wall:card:create', { spaceId, title: 'Après le redémarrage' })).card;
    expect(next.seq).toBe(after.teacher.seq + 1);
    teacherAgain.close();
    parentAgain.close();
  });
});
