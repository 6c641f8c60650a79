/**
 * Card media (issue 19): a recorded sound, a video with its poster frame and a camera photo go through the blob port
 * (whitelisted containers by their bytes, size limits, quotas, GPS stripped from the photo) and through moderation
 * like a text card: a teacher hides (a classmate can no longer fetch the file, its author still can), the console
 * shows it, restores, deletes (the evidence keeps the file). Players seek with byte ranges.
 */
import { describe, expect, it } from 'vitest';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { WALL_AUDIO_MAX_BYTES, WALL_VIDEO_MAX_BYTES } from '../../../shared/wall/limits';
import type { UploadedFile, WallCard } from '../../../shared/wall/types';
import { storedBlob } from '../../helpers/store';
import { hasGps, jpegWithGps, png } from '../../fixtures/wall/images';
import { webmAudio, webmVideo } from '../../fixtures/wall/media';
import { ask, download, fullSync, must, nextEvent, upload } from './support';
import { postFile, useCardModerationWall } from './card-moderation-world';

describe('wall media: sound, video and camera photo, moderated like any card', () => {
  const wall = useCardModerationWall({ joinConsole: false });

  /** Uploads a file as the wall.author and checks what the wall.server made of it. */
  async function uploaded(data: Buffer, name: string, expected: Partial<UploadedFile>): Promise<UploadedFile> {
    const answer = await upload(wall.world.browsers.pupil, wall.spaceId, data, name);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toMatchObject(expected);
    return answer.body as UploadedFile;
  }

  /** Hide, restore and delete a media card as a wall.teacher, checking who may fetch its file at each step. */
  async function moderate(title: string, file: UploadedFile): Promise<void> {
    const seen = nextEvent<WallCard>(wall.classmate, 'wall:card', (card) => card.title === title);
    const { card } = await must<{ card: WallCard }>(wall.author, 'wall:card:create', { spaceId: wall.spaceId, title, attachmentId: file.blobId });
    expect((await seen).attachment).toMatchObject({ blobId: file.blobId, kind: file.kind });
    expect((await download(wall.classmateBrowser, wall.fileUrl(file.blobId))).status).toBe(200);

    const gone = nextEvent<{ cardId: string }>(wall.classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await wall.act(card.id, 'hide', 1)).toMatchObject({ ok: true, data: { item: { state: 'hidden', display: { attachment: { blobId: file.blobId, kind: file.kind } } } } });
    await gone;
    expect([403, 404]).toContain((await download(wall.classmateBrowser, wall.fileUrl(file.blobId))).status);
    if (file.hasThumb) expect([403, 404]).toContain((await download(wall.classmateBrowser, `${wall.fileUrl(file.blobId)}/thumb`)).status);
    expect((await download(wall.world.browsers.pupil, wall.fileUrl(file.blobId))).status).toBe(200);
    expect(JSON.stringify(await fullSync(wall.classmate, wall.spaceId))).not.toContain(file.blobId);
    const review = await must<{ pending: ModeratedItemView[] }>(wall.console_, 'moderation:join', { scope: { kind: 'space', spaceId: wall.spaceId } });
    expect(review.pending.find((item) => item.id === card.id)).toMatchObject({ state: 'hidden', display: { attachment: { blobId: file.blobId, kind: file.kind, hasThumb: file.hasThumb } } });

    const back = nextEvent<WallCard>(wall.classmate, 'wall:card', (update) => update.id === card.id);
    expect(await wall.act(card.id, 'restore', 2)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    expect((await back).attachment?.blobId).toBe(file.blobId);
    expect((await download(wall.classmateBrowser, wall.fileUrl(file.blobId))).status).toBe(200);

    const deleted = nextEvent<{ cardId: string }>(wall.classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    expect(await ask(wall.teacher, 'wall:card:delete', { spaceId: wall.spaceId, cardId: card.id, reasonCode: 'insulte' })).toMatchObject({ ok: true });
    await deleted;
    expect([403, 404]).toContain((await download(wall.classmateBrowser, wall.fileUrl(file.blobId))).status);
    const evidence = await wall.world.browsers.teacher.get<{ original: { attachment: { blobId: string; kind: string } | null } }[]>(`/api/spaces/${wall.spaceId}/evidence?itemId=${card.id}`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.map((item) => item.original.attachment)).toContainEqual(expect.objectContaining({ blobId: file.blobId, kind: file.kind }));
    // The file itself is kept with the evidence (the bytes are still in the blob port).
    expect(await storedBlob(wall.server.dataDir, file.blobId)).not.toBeNull();
  }

  it('a recorded sound: stored as is (audio/webm), played with byte ranges, moderated like a text card', async () => {
    const sound = webmAudio(6_000);
    const file = await uploaded(sound, 'poeme.webm', { kind: 'audio', mime: 'audio/webm', name: 'poeme.webm', size: sound.length, hasThumb: false });
    expect(await storedBlob(wall.server.dataDir, file.blobId)).toEqual(sound);
    await must(wall.author, 'wall:card:create', { spaceId: wall.spaceId, title: 'Mon poème lu', attachmentId: file.blobId });

    const whole = await download(wall.classmateBrowser, wall.fileUrl(file.blobId));
    expect(whole.headers['content-type']).toBe('audio/webm');
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const ranged = await fetch(new URL(wall.fileUrl(file.blobId), wall.classmateBrowser.baseUrl), { headers: { Cookie: wall.classmateBrowser.cookieHeader, Range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${sound.length}`);
    expect(ranged.headers.get('content-type')).toBe('audio/webm');
    expect(ranged.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(sound.subarray(100, 200));
    const tail = await fetch(new URL(wall.fileUrl(file.blobId), wall.classmateBrowser.baseUrl), { headers: { Cookie: wall.classmateBrowser.cookieHeader, Range: `bytes=${sound.length}-` } });
    expect(tail.status).toBe(416);

    await moderate('Le corbeau et le renard', await uploaded(webmAudio(), 'corbeau.webm', { kind: 'audio' }));
  });

  it('a video with its poster frame (checked as an image, served as the thumbnail), moderated like a text card', async () => {
    await must(wall.console_, 'moderation:join', { scope: { kind: 'class', classId: wall.world.classId } });
    const file = await uploaded(webmVideo(), 'experience.webm', { kind: 'video', mime: 'video/webm', hasThumb: false });
    // Not an image: refused as a poster. Someone else's video: not found.
    expect((await postFile(wall.world.browsers.pupil, `${wall.fileUrl(file.blobId)}/poster`, webmAudio(), 'poster.png')).status).toBe(400);
    expect((await postFile(wall.classmateBrowser, `${wall.fileUrl(file.blobId)}/poster`, await png(64, 48), 'poster.png')).status).toBe(404);
    const poster = await postFile(wall.world.browsers.pupil, `${wall.fileUrl(file.blobId)}/poster`, await png(64, 48), 'poster.png');
    expect(poster.status, JSON.stringify(poster.body)).toBe(201);
    expect(poster.body).toMatchObject({ blobId: file.blobId, kind: 'video', hasThumb: true });
    // Once only.
    expect((await postFile(wall.world.browsers.pupil, `${wall.fileUrl(file.blobId)}/poster`, await png(), 'poster.png')).status).toBe(400);
    const frame = await download(wall.world.browsers.pupil, `${wall.fileUrl(file.blobId)}/thumb`);
    expect(frame.status).toBe(200);
    expect(frame.headers['content-type']).toBe('image/webp');
    const video = await download(wall.world.browsers.pupil, wall.fileUrl(file.blobId));
    expect(video.headers['content-type']).toBe('video/webm');
    expect(video.headers['x-content-type-options']).toBe('nosniff');

    await moderate('Notre expérience', { ...file, hasThumb: true });
  });

  it('a camera photo: stored without its GPS position, moderated like a text card', async () => {
    const file = await uploaded(await jpegWithGps(), 'image.jpg', { kind: 'image', mime: 'image/jpeg', hasThumb: true });
    const stored = await storedBlob(wall.server.dataDir, file.blobId);
    expect(stored && hasGps(stored)).toBe(false);
    await moderate('Le potager', file);
  });

  it('refuses bad bytes named .webm with a clear error, and oversize sounds and videos (413)', async () => {
    const fake = await upload(wall.world.browsers.pupil, wall.spaceId, Buffer.from('<html><script>alert(1)</script></html>'), 'son.webm', 'audio/webm');
    expect(fake.status).toBe(400);
    expect(fake.body).toMatchObject({ error: { code: 'VALIDATION', message: expect.stringMatching(/WebM/) as unknown } });
    const notWebm = await upload(wall.world.browsers.pupil, wall.spaceId, Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(200)]), 'son.webm', 'audio/webm');
    expect(notWebm.status).toBe(400);
    const bigSound = await upload(wall.world.browsers.pupil, wall.spaceId, webmAudio(WALL_AUDIO_MAX_BYTES + 10), 'long.webm', 'audio/webm');
    expect(bigSound.status).toBe(413);
    expect(bigSound.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    const bigVideo = await upload(wall.world.browsers.pupil, wall.spaceId, webmVideo(WALL_VIDEO_MAX_BYTES + 10), 'long.webm', 'video/webm');
    expect(bigVideo.status).toBe(413);
  });
});
