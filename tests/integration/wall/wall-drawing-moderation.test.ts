/**
 * A drawing card (issue 19): the PNG the drawing canvas saves, uploaded with `?source=drawing`, is checked as a
 * drawing (a PNG within WALL_DRAWING_WIDTH × WALL_DRAWING_HEIGHT), re-encoded as any image and carried on the card as
 * `source: 'drawing'`; it goes through moderation like a text card: a teacher hides it (a classmate can no longer
 * fetch its file, its author still can), restores it, deletes it; the evidence keeps the file.
 */
import { describe, expect, it } from 'vitest';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { WALL_DRAWING_HEIGHT, WALL_DRAWING_WIDTH } from '../../../shared/wall/limits';
import type { UploadedFile, WallCard } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { storedBlob } from '../../helpers/store';
import { jpegWithGps, png } from '../../fixtures/wall/images';
import { ask, download, fullSync, must, nextEvent } from './support';
import { postFile, useCardModerationWall } from './card-moderation-world';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Uploads a file to the wall marked as a drawing, as the browser's drawing dialog does. */
const uploadDrawing = (browser: Browser, spaceId: string, data: Buffer, source = 'drawing') =>
  postFile(browser, `/api/walls/${spaceId}/files?source=${source}`, data, 'dessin.png', 'image/png');

describe('wall drawing: a PNG drawing card, moderated like any card', () => {
  const wall = useCardModerationWall();

  it('refuses as a drawing anything but a PNG within the drawing size', async () => {
    const photo = await uploadDrawing(wall.world.browsers.pupil, wall.spaceId, await jpegWithGps());
    expect(photo.status).toBe(400);
    expect(JSON.stringify(photo.body)).toContain('not_a_drawing');
    const tooLarge = await uploadDrawing(wall.world.browsers.pupil, wall.spaceId, await png(WALL_DRAWING_WIDTH + 1, WALL_DRAWING_HEIGHT));
    expect(tooLarge.status).toBe(400);
    expect((await uploadDrawing(wall.world.browsers.pupil, wall.spaceId, await png(), 'video')).status).toBe(400);
  });

  it('a drawing is hidden (its file refused to a classmate), restored, deleted, and the evidence keeps its file', async () => {
    const answer = await uploadDrawing(wall.world.browsers.pupil, wall.spaceId, await png(WALL_DRAWING_WIDTH, WALL_DRAWING_HEIGHT));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const file = answer.body as UploadedFile;
    expect(file).toMatchObject({ kind: 'image', mime: 'image/png', source: 'drawing', width: WALL_DRAWING_WIDTH, height: WALL_DRAWING_HEIGHT });
    const stored = await storedBlob(wall.server.dataDir, file.blobId);
    expect(stored?.subarray(0, 8)).toEqual(PNG_SIGNATURE);

    const streamed = nextEvent<ModeratedItemView>(wall.console_, 'moderation:item', (item) => item.kind === 'wallCard' && item.excerpt.startsWith('Mon chat'));
    const seen = nextEvent<WallCard>(wall.classmate, 'wall:card', (card) => card.title === 'Mon chat');
    const { card } = await must<{ card: WallCard }>(wall.author, 'wall:card:create', { spaceId: wall.spaceId, title: 'Mon chat', attachmentId: file.blobId });
    expect(card.attachment).toMatchObject({ blobId: file.blobId, source: 'drawing' });
    expect((await seen).attachment).toMatchObject({ blobId: file.blobId, kind: 'image', source: 'drawing' });
    expect((await streamed).display.attachment).toMatchObject({ blobId: file.blobId, kind: 'image' });
    expect((await download(wall.classmateBrowser, wall.fileUrl(file.blobId))).status).toBe(200);

    const gone = nextEvent<{ cardId: string }>(wall.classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await wall.act(card.id, 'hide', 1)).toMatchObject({ ok: true, data: { item: { state: 'hidden', display: { attachment: { blobId: file.blobId } } } } });
    await gone;
    expect([403, 404]).toContain((await download(wall.classmateBrowser, wall.fileUrl(file.blobId))).status);
    expect([403, 404]).toContain((await download(wall.classmateBrowser, `${wall.fileUrl(file.blobId)}/thumb`)).status);
    expect((await download(wall.world.browsers.pupil, wall.fileUrl(file.blobId))).status).toBe(200);
    expect(JSON.stringify(await fullSync(wall.classmate, wall.spaceId))).not.toContain(file.blobId);

    const back = nextEvent<WallCard>(wall.classmate, 'wall:card', (update) => update.id === card.id);
    expect(await wall.act(card.id, 'restore', 2)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    expect((await back).attachment).toMatchObject({ blobId: file.blobId, source: 'drawing' });
    expect((await download(wall.classmateBrowser, wall.fileUrl(file.blobId))).status).toBe(200);

    const deleted = nextEvent<{ cardId: string }>(wall.classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await ask(wall.teacher, 'wall:card:delete', { spaceId: wall.spaceId, cardId: card.id, reasonCode: 'insulte' })).toMatchObject({ ok: true });
    await deleted;
    expect([403, 404]).toContain((await download(wall.classmateBrowser, wall.fileUrl(file.blobId))).status);
    const evidence = await wall.world.browsers.teacher.get<{ original: { attachment: { blobId: string; kind: string } | null } }[]>(`/api/spaces/${wall.spaceId}/evidence?itemId=${card.id}`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.map((item) => item.original.attachment)).toContainEqual(expect.objectContaining({ blobId: file.blobId, kind: 'image' }));
    expect((await storedBlob(wall.server.dataDir, file.blobId))?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  });
});
