import sharp from 'sharp';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_MAX_BYTES, PDF_MAX_BYTES, STORAGE_QUOTA_BYTES } from '../../../shared/wall/limits';
import type { UploadedFile, WallCard } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { storedBlob } from '../../helpers/store';
import { exifBlock, hasGps, jpegWithGps, png } from '../../fixtures/wall/images';
import { ask, auditEntries, createWall, download, joinWall, must, upload } from './support';

/** A PDF of about `size` bytes (valid header, padding in a comment). */
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(Math.max(0, size - 20), 0x41), Buffer.from('\n%%EOF\n')]);

describe('wall files: whitelisted types, size limits, EXIF/GPS stripped, thumbnails, quotas, safe downloads', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pupilB: Browser;
  let spaceId: string;
  let pupil: Socket;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    pupilB = await signedIn(server, 'chloe.nguyen');
    spaceId = (await createWall(world.browsers.teacher, world.classId)).id;
    pupil = await joinWall(server, world.browsers.pupil, spaceId);
  });
  afterAll(async () => {
    pupil?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('a JPEG with GPS EXIF is stored with no GPS data (nor any EXIF), and gets a thumbnail', async () => {
    const original = await jpegWithGps();
    expect(hasGps(original)).toBe(true);
    const answer = await upload(world.browsers.pupil, spaceId, original, 'photo-sortie.jpg', 'image/jpeg');
    expect(answer.status).toBe(201);
    const file = answer.body as UploadedFile;
    expect(file).toMatchObject({ kind: 'image', mime: 'image/jpeg', name: 'photo-sortie.jpg', width: 640, height: 480, hasThumb: true });

    // What is stored (through the blob port: DATA_DIR/blobs or GridFS): no GPS, no EXIF block at all.
    const stored = await storedBlob(server.dataDir, file.blobId);
    if (!stored) throw new Error(`blob ${file.blobId} is not stored`);
    expect(hasGps(stored)).toBe(false);
    expect(exifBlock(stored)).toBeNull();
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes(Buffer.from('PreauPhone'))).toBe(false);

    const { card } = await must<{ card: WallCard }>(pupil, 'wall:card:create', { spaceId, title: 'Sortie au parc', attachmentId: file.blobId });
    expect(card.attachment).toMatchObject({ blobId: file.blobId, kind: 'image', hasThumb: true });

    // What a classmate downloads: the same clean bytes, with inert headers.
    const got = await download(pupilB, `/api/walls/${spaceId}/files/${file.blobId}`);
    expect(got.status).toBe(200);
    expect(hasGps(got.data)).toBe(false);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/);
    expect(got.headers['content-disposition']).toMatch(/^inline; filename="photo-sortie.jpg"/);
    const thumb = await download(pupilB, `/api/walls/${spaceId}/files/${file.blobId}/thumb`);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await sharp(thumb.data).metadata()).width).toBeLessThanOrEqual(480);
    expect((await auditEntries(world.browsers.director, 'wall.file_uploaded')).some((e) => e.target.id === file.blobId)).toBe(true);
  });

  it('refuses types outside the whitelist whatever their name, and oversized files', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    for (const [data, name] of [[svg, 'dessin.svg'], [svg, 'dessin.jpg'], [Buffer.from('<html><script>alert(1)</script>'), 'page.png'], [Buffer.from('MZ\x90\x00binary'), 'jeu.pdf']] as const) {
      const answer = await upload(world.browsers.pupil, spaceId, data, name);
      expect(answer.status, name).toBe(400);
    }
    const bigImage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(IMAGE_MAX_BYTES + 10)]);
    expect((await upload(world.browsers.pupil, spaceId, bigImage, 'grande.jpg')).status).toBe(413);
    const tooBig = pdf(PDF_MAX_BYTES + 200_000);
    const refused = await upload(world.browsers.pupil, spaceId, tooBig, 'enorme.pdf');
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('PDFs are kept as they are and downloaded as attachments', async () => {
    const answer = await upload(world.browsers.pupil, spaceId, pdf(2_000), 'exposé sur les volcans.pdf', 'application/pdf');
    expect(answer.status).toBe(201);
    const file = answer.body as UploadedFile;
    expect(file).toMatchObject({ kind: 'pdf', mime: 'application/pdf', hasThumb: false });
    await must(pupil, 'wall:card:create', { spaceId, title: 'Mon exposé', attachmentId: file.blobId });
    const got = await download(pupilB, `/api/walls/${spaceId}/files/${file.blobId}`);
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="expose sur les volcans.pdf"; filename\*=UTF-8''expos%C3%A9/);
    expect(got.headers['content-type']).toBe('application/pdf');
  });

  it('a file is attached only by its uploader, to one card, on its own wall', async () => {
    const file = (await upload(world.browsers.pupil, spaceId, await png(), 'a.png')).body as UploadedFile;
    const bSocket = await joinWall(server, pupilB, spaceId);
    expect(await ask(bSocket, 'wall:card:create', { spaceId, title: 'Volé', attachmentId: file.blobId })).toMatchObject({ ok: false, code: 'VALIDATION' });
    await must(pupil, 'wall:card:create', { spaceId, title: 'À moi', attachmentId: file.blobId });
    expect(await ask(pupil, 'wall:card:create', { spaceId, title: 'Deux fois', attachmentId: file.blobId })).toMatchObject({ ok: false, code: 'VALIDATION' });
    // Not yet attached: only its uploader may fetch it.
    const loose = (await upload(world.browsers.pupil, spaceId, await png(), 'b.png')).body as UploadedFile;
    expect((await download(pupilB, `/api/walls/${spaceId}/files/${loose.blobId}`)).status).toBe(403);
    expect((await download(world.browsers.pupil, `/api/walls/${spaceId}/files/${loose.blobId}`)).status).toBe(200);
    bSocket.close();
  });

  it('who may not post may not upload; other classes cannot fetch files', async () => {
    expect((await upload(world.browsers.parent, spaceId, await png(), 'p.png')).status).toBe(403);
    expect((await upload(world.browsers.pupilOtherClass, spaceId, await png(), 'p.png')).status).toBe(403);
    const file = (await upload(world.browsers.pupil, spaceId, await png(), 'c.png')).body as UploadedFile;
    await must(pupil, 'wall:card:create', { spaceId, title: 'Visible en classe', attachmentId: file.blobId });
    expect((await download(world.browsers.pupilOtherClass, `/api/walls/${spaceId}/files/${file.blobId}`)).status).toBe(403);
    expect((await download(world.browsers.parent, `/api/walls/${spaceId}/files/${file.blobId}`)).status).toBe(200);
  });

  it('the per-profile quota: past it the upload is refused with a clear message; deleting a card gives the space back', async () => {
    const quota = STORAGE_QUOTA_BYTES.pupil;
    const chunk = PDF_MAX_BYTES - 100_000;
    const ids: string[] = [];
    let refused: { status: number; body: unknown } | undefined;
    for (let i = 0; i < Math.ceil(quota / chunk) + 1; i += 1) {
      const answer = await upload(pupilB, spaceId, pdf(chunk), `gros-${i}.pdf`);
      if (answer.status !== 201) {
        refused = answer;
        break;
      }
      const file = answer.body as UploadedFile;
      expect(file.usedBytes).toBeLessThanOrEqual(quota);
      ids.push(file.blobId);
    }
    expect(refused?.status).toBe(413);
    expect(refused?.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', issues: [{ path: 'file', message: 'quota_exceeded' }] } });
    expect((refused?.body as { error: { message: string } }).error.message).toMatch(/storage space.*MB used of 50 MB/);

    const bSocket = await joinWall(server, pupilB, spaceId);
    const { card } = await must<{ card: WallCard }>(bSocket, 'wall:card:create', { spaceId, title: 'Gros fichier', attachmentId: ids[0] });
    await must(bSocket, 'wall:card:delete', { spaceId, cardId: card.id });
    expect((await upload(pupilB, spaceId, pdf(chunk), 'encore.pdf')).status).toBe(201);
    bSocket.close();
  });

  it('a malformed upload is refused cleanly', async () => {
    const answer = await world.browsers.pupil.send('POST', `/api/walls/${spaceId}/files`, { not: 'multipart' });
    expect(answer.status).toBe(400);
  });
});
