/**
 * Card media (issue 19): a recorded sound, a video with its poster frame and a camera photo go through the blob port
 * (whitelisted containers by their bytes, size limits, quotas, GPS stripped from the photo) and through moderation
 * like a text card: a teacher hides (a classmate can no longer fetch the file, its author still can), the console
 * shows it, restores, deletes (the evidence keeps the file). Players seek with byte ranges.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../../shared/identity/api';
import type { ModeratedItemView, ModerationAction } from '../../../shared/moderation/types';
import { WALL_AUDIO_MAX_BYTES, WALL_VIDEO_MAX_BYTES } from '../../../shared/wall/limits';
import type { UploadedFile, WallCard } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { storedBlob } from '../../helpers/store';
import { hasGps, jpegWithGps, png } from '../../fixtures/wall/images';
import { webmAudio, webmVideo } from '../../fixtures/wall/media';
import { ask, createWall, download, fullSync, joinWall, must, nextEvent, upload } from './support';

/** Sends a file to another upload route (the video's poster) as multipart/form-data. */
async function postFile(browser: Browser, path: string, data: Buffer, name: string): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const res = await fetch(new URL(path, browser.baseUrl), {
    method: 'POST',
    body: form,
    headers: { Origin: browser.baseUrl, Cookie: browser.cookieHeader, ...(browser.csrfToken ? { [CSRF_HEADER]: browser.csrfToken } : {}) },
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

describe('wall media: sound, video and camera photo, moderated like any card', () => {
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
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  /** Uploads a file as the author and checks what the server made of it. */
  async function uploaded(data: Buffer, name: string, expected: Partial<UploadedFile>): Promise<UploadedFile> {
    const answer = await upload(world.browsers.pupil, spaceId, data, name);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toMatchObject(expected);
    return answer.body as UploadedFile;
  }

  /** Hide, restore and delete a media card as a teacher, checking who may fetch its file at each step. */
  async function moderate(title: string, file: UploadedFile): Promise<void> {
    const seen = nextEvent<WallCard>(classmate, 'wall:card', (card) => card.title === title);
    const { card } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title, attachmentId: file.blobId });
    expect((await seen).attachment).toMatchObject({ blobId: file.blobId, kind: file.kind });
    expect((await download(classmateBrowser, fileUrl(file.blobId))).status).toBe(200);

    const gone = nextEvent<{ cardId: string }>(classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await act(card.id, 'hide', 1)).toMatchObject({ ok: true, data: { item: { state: 'hidden', display: { attachment: { blobId: file.blobId, kind: file.kind } } } } });
    await gone;
    expect([403, 404]).toContain((await download(classmateBrowser, fileUrl(file.blobId))).status);
    if (file.hasThumb) expect([403, 404]).toContain((await download(classmateBrowser, `${fileUrl(file.blobId)}/thumb`)).status);
    expect((await download(world.browsers.pupil, fileUrl(file.blobId))).status).toBe(200);
    expect(JSON.stringify(await fullSync(classmate, spaceId))).not.toContain(file.blobId);
    const review = await must<{ pending: ModeratedItemView[] }>(console_, 'moderation:join', { scope: { kind: 'space', spaceId } });
    expect(review.pending.find((item) => item.id === card.id)).toMatchObject({ state: 'hidden', display: { attachment: { blobId: file.blobId, kind: file.kind, hasThumb: file.hasThumb } } });

    const back = nextEvent<WallCard>(classmate, 'wall:card', (update) => update.id === card.id);
    expect(await act(card.id, 'restore', 2)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    expect((await back).attachment?.blobId).toBe(file.blobId);
    expect((await download(classmateBrowser, fileUrl(file.blobId))).status).toBe(200);

    const deleted = nextEvent<{ cardId: string }>(classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await ask(teacher, 'wall:card:delete', { spaceId, cardId: card.id, reasonCode: 'insulte' })).toMatchObject({ ok: true });
    await deleted;
    expect([403, 404]).toContain((await download(classmateBrowser, fileUrl(file.blobId))).status);
    const evidence = await world.browsers.teacher.get<{ original: { attachment: { blobId: string; kind: string } | null } }[]>(`/api/spaces/${spaceId}/evidence?itemId=${card.id}`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.map((item) => item.original.attachment)).toContainEqual(expect.objectContaining({ blobId: file.blobId, kind: file.kind }));
    // The file itself is kept with the evidence (the bytes are still in the blob port).
    expect(await storedBlob(server.dataDir, file.blobId)).not.toBeNull();
  }

  it('a recorded sound: stored as is (audio/webm), played with byte ranges, moderated like a text card', async () => {
    const sound = webmAudio(6_000);
    const file = await uploaded(sound, 'poeme.webm', { kind: 'audio', mime: 'audio/webm', name: 'poeme.webm', size: sound.length, hasThumb: false });
    expect(await storedBlob(server.dataDir, file.blobId)).toEqual(sound);
    await must(author, 'wall:card:create', { spaceId, title: 'Mon poème lu', attachmentId: file.blobId });

    const whole = await download(classmateBrowser, fileUrl(file.blobId));
    expect(whole.headers['content-type']).toBe('audio/webm');
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const ranged = await fetch(new URL(fileUrl(file.blobId), classmateBrowser.baseUrl), { headers: { Cookie: classmateBrowser.cookieHeader, Range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${sound.length}`);
    expect(ranged.headers.get('content-type')).toBe('audio/webm');
    expect(ranged.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(sound.subarray(100, 200));
    const tail = await fetch(new URL(fileUrl(file.blobId), classmateBrowser.baseUrl), { headers: { Cookie: classmateBrowser.cookieHeader, Range: `bytes=${sound.length}-` } });
    expect(tail.status).toBe(416);

    await moderate('Le corbeau et le renard', await uploaded(webmAudio(), 'corbeau.webm', { kind: 'audio' }));
  });

  it('a video with its poster frame (checked as an image, served as the thumbnail), moderated like a text card', async () => {
    await must(console_, 'moderation:join', { scope: { kind: 'class', classId: world.classId } });
    const file = await uploaded(webmVideo(), 'experience.webm', { kind: 'video', mime: 'video/webm', hasThumb: false });
    // Not an image: refused as a poster. Someone else's video: not found.
    expect((await postFile(world.browsers.pupil, `${fileUrl(file.blobId)}/poster`, webmAudio(), 'poster.png')).status).toBe(400);
    expect((await postFile(classmateBrowser, `${fileUrl(file.blobId)}/poster`, await png(64, 48), 'poster.png')).status).toBe(404);
    const poster = await postFile(world.browsers.pupil, `${fileUrl(file.blobId)}/poster`, await png(64, 48), 'poster.png');
    expect(poster.status, JSON.stringify(poster.body)).toBe(201);
    expect(poster.body).toMatchObject({ blobId: file.blobId, kind: 'video', hasThumb: true });
    // Once only.
    expect((await postFile(world.browsers.pupil, `${fileUrl(file.blobId)}/poster`, await png(), 'poster.png')).status).toBe(400);
    const frame = await download(world.browsers.pupil, `${fileUrl(file.blobId)}/thumb`);
    expect(frame.status).toBe(200);
    expect(frame.headers['content-type']).toBe('image/webp');
    const video = await download(world.browsers.pupil, fileUrl(file.blobId));
    expect(video.headers['content-type']).toBe('video/webm');
    expect(video.headers['x-content-type-options']).toBe('nosniff');

    await moderate('Notre expérience', { ...file, hasThumb: true });
  });

  it('a camera photo: stored without its GPS position, moderated like a text card', async () => {
    const file = await uploaded(await jpegWithGps(), 'image.jpg', { kind: 'image', mime: 'image/jpeg', hasThumb: true });
    const stored = await storedBlob(server.dataDir, file.blobId);
    expect(stored && hasGps(stored)).toBe(false);
    await moderate('Le potager', file);
  });

  it('refuses bad bytes named .webm with a clear error, and oversize sounds and videos (413)', async () => {
    const fake = await upload(world.browsers.pupil, spaceId, Buffer.from('<html><script>alert(1)</script></html>'), 'son.webm', 'audio/webm');
    expect(fake.status).toBe(400);
    expect(fake.body).toMatchObject({ error: { code: 'VALIDATION', message: expect.stringMatching(/WebM/) as unknown } });
    const notWebm = await upload(world.browsers.pupil, spaceId, Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(200)]), 'son.webm', 'audio/webm');
    expect(notWebm.status).toBe(400);
    const bigSound = await upload(world.browsers.pupil, spaceId, webmAudio(WALL_AUDIO_MAX_BYTES + 10), 'long.webm', 'audio/webm');
    expect(bigSound.status).toBe(413);
    expect(bigSound.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    const bigVideo = await upload(world.browsers.pupil, spaceId, webmVideo(WALL_VIDEO_MAX_BYTES + 10), 'long.webm', 'video/webm');
    expect(bigVideo.status).toBe(413);
  });
});
