/**
 * A drawing card (issue 19): the PNG the drawing canvas saves, uploaded with `?source=drawing`, is checked as a
 * drawing (a PNG within WALL_DRAWING_WIDTH × WALL_DRAWING_HEIGHT), re-encoded as any image and carried on the card as
 * `source: 'drawing'`; it goes through moderation like a text card: a teacher hides it (a classmate can no longer
 * fetch its file, its author still can), restores it, deletes it; the evidence keeps the file.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../../shared/identity/api';
import type { ModeratedItemView, ModerationAction } from '../../../shared/moderation/types';
import { WALL_DRAWING_HEIGHT, WALL_DRAWING_WIDTH } from '../../../shared/wall/limits';
import type { UploadedFile, WallCard } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { storedBlob } from '../../helpers/store';
import { jpegWithGps, png } from '../../fixtures/wall/images';
import { ask, createWall, download, fullSync, joinWall, must, nextEvent } from './support';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Uploads a file to the wall marked as a drawing, as the browser's drawing dialog does. */
async function uploadDrawing(browser: Browser, spaceId: string, data: Buffer, source = 'drawing'): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/png' }), 'dessin.png');
  const res = await fetch(new URL(`/api/walls/${spaceId}/files?source=${source}`, browser.baseUrl), {
    method: 'POST',
    body: form,
    headers: { Origin: browser.baseUrl, Cookie: browser.cookieHeader, ...(browser.csrfToken ? { [CSRF_HEADER]: browser.csrfToken } : {}) },
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

describe('wall drawing: a PNG drawing card, moderated like any card', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let classmateBrowser: Browser;
  let spaceId: string;
  const sockets: Socket[] = [];
  let teacher: Socket, author: Socket, classmate: Socket, console_: Socket;

  const act = (itemId: string, action: ModerationAction, version: number) =>
    ask<{ item: ModeratedItemView }>(teacher, 'moderation:act', { kind: 'wallCard', itemId, spaceId, action, reasonCode: 'insulte', version });
  const fileUrl = (blobId: string) => `/api/walls/${spaceId}/files/${blobId}`;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    classmateBrowser = await signedIn(server, 'chloe.nguyen');
    spaceId = (await createWall(world.browsers.teacher, world.classId)).id;
    teacher = await joinWall(server, world.browsers.teacher, spaceId);
    author = await joinWall(server, world.browsers.pupil, spaceId);
    classmate = await joinWall(server, classmateBrowser, spaceId);
    console_ = await openSocket(server, world.browsers.teacher);
    sockets.push(teacher, author, classmate, console_);
    await must(console_, 'moderation:join', { scope: { kind: 'class', classId: world.classId } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('refuses as a drawing anything but a PNG within the drawing size', async () => {
    const photo = await uploadDrawing(world.browsers.pupil, spaceId, await jpegWithGps());
    expect(photo.status).toBe(400);
    expect(JSON.stringify(photo.body)).toContain('not_a_drawing');
    const tooLarge = await uploadDrawing(world.browsers.pupil, spaceId, await png(WALL_DRAWING_WIDTH + 1, WALL_DRAWING_HEIGHT));
    expect(tooLarge.status).toBe(400);
    expect((await uploadDrawing(world.browsers.pupil, spaceId, await png(), 'video')).status).toBe(400);
  });

  it('a drawing is hidden (its file refused to a classmate), restored, deleted, and the evidence keeps its file', async () => {
    const answer = await uploadDrawing(world.browsers.pupil, spaceId, await png(WALL_DRAWING_WIDTH, WALL_DRAWING_HEIGHT));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const file = answer.body as UploadedFile;
    expect(file).toMatchObject({ kind: 'image', mime: 'image/png', source: 'drawing', width: WALL_DRAWING_WIDTH, height: WALL_DRAWING_HEIGHT });
    const stored = await storedBlob(server.dataDir, file.blobId);
    expect(stored?.subarray(0, 8)).toEqual(PNG_SIGNATURE);

    const streamed = nextEvent<ModeratedItemView>(console_, 'moderation:item', (item) => item.kind === 'wallCard' && item.excerpt.startsWith('Mon chat'));
    const seen = nextEvent<WallCard>(classmate, 'wall:card', (card) => card.title === 'Mon chat');
    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Mon chat', attachmentId: file.blobId });
    expect(card.attachment).toMatchObject({ blobId: file.blobId, source: 'drawing' });
    expect((await seen).attachment).toMatchObject({ blobId: file.blobId, kind: 'image', source: 'drawing' });
    expect((await streamed).display.attachment).toMatchObject({ blobId: file.blobId, kind: 'image' });
    expect((await download(classmateBrowser, fileUrl(file.blobId))).status).toBe(200);

    const gone = nextEvent<{ cardId: string }>(classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await act(card.id, 'hide', 1)).toMatchObject({ ok: true, data: { item: { state: 'hidden', display: { attachment: { blobId: file.blobId } } } } });
    await gone;
    expect([403, 404]).toContain((await download(classmateBrowser, fileUrl(file.blobId))).status);
    expect([403, 404]).toContain((await download(classmateBrowser, `${fileUrl(file.blobId)}/thumb`)).status);
    expect((await download(world.browsers.pupil, fileUrl(file.blobId))).status).toBe(200);
    expect(JSON.stringify(await fullSync(classmate, spaceId))).not.toContain(file.blobId);

    const back = nextEvent<WallCard>(classmate, 'wall:card', (update) => update.id === card.id);
    expect(await act(card.id, 'restore', 2)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    expect((await back).attachment).toMatchObject({ blobId: file.blobId, source: 'drawing' });
    expect((await download(classmateBrowser, fileUrl(file.blobId))).status).toBe(200);

    const deleted = nextEvent<{ cardId: string }>(classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await ask(teacher, 'wall:card:delete', { spaceId, cardId: card.id, reasonCode: 'insulte' })).toMatchObject({ ok: true });
    await deleted;
    expect([403, 404]).toContain((await download(classmateBrowser, fileUrl(file.blobId))).status);
    const evidence = await world.browsers.teacher.get<{ original: { attachment: { blobId: string; kind: string } | null } }[]>(`/api/spaces/${spaceId}/evidence?itemId=${card.id}`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.map((item) => item.original.attachment)).toContainEqual(expect.objectContaining({ blobId: file.blobId, kind: 'image' }));
    expect((await storedBlob(server.dataDir, file.blobId))?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });
});
