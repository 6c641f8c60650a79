/**
 * Card media in Chromium at tablet size (issue 19's acceptance), with a fake microphone and camera: a pupil
 * records a 3-second sound card and adds a camera photo card (a photo with a GPS position); a classmate in another
 * browser sees both cards without a reload, plays the sound and sees the photo; the photo's stored bytes (read
 * through the blob port) carry no GPS position nor any EXIF block, and the sound is stored as recorded (WebM). Then
 * a video filmed with the camera, with its poster frame, and the print view's « Son » / « Vidéo ».
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { chromiumPath, describeE2E } from '../helpers/browser';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { signedIn } from '../helpers/sockets';
import { storedBlob } from '../helpers/store';
import { exifBlock, hasGps, jpegWithGps } from '../fixtures/wall/images';
import { createWall } from '../integration/wall/support';
import { expectedFailure, openTab, signInToDashboard, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';

const TABLET = { width: 820, height: 1180 };
const cardByTitle = (page: Page, title: string) => page.getByTestId('wall-card').filter({ has: page.getByRole('heading', { name: title }) });
/** The blob id in a wall file's address (`/api/walls/:id/files/:blobId[/thumb]`). */
const blobIdOf = (src: string | null) => /\/files\/([a-f0-9]+)/.exec(src ?? '')?.[1] ?? '';

describeE2E('wall media: a recorded sound and a camera photo, seen and played live by a classmate', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer();
    // A fake microphone and camera (a tone and a test pattern), allowed without asking, and players that may start
    // without a click (the classmate's player is started by the test).
    browser = await chromium.launch({
      executablePath: chromiumPath()!,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
    });
  }, 600_000);
  afterAll(async () => {
    for (const opened of tabs) await opened.context.close();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('Léa records a sound, takes a photo and films a video; Chloé plays the sound and sees the photo and the video\'s poster without a reload; no GPS is stored', async () => {
    const teacher = await signedIn(server, 'claire.fontaine');
    const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const spaceId = (await createWall(teacher, classId, { layout: 'stream' })).id;

    const lea = await openTab(browser, [expectedFailure(401, '/api/me')], TABLET);
    const chloe = await openTab(browser, [expectedFailure(401, '/api/me')], TABLET);
    tabs.push(lea, chloe);
    await lea.context.grantPermissions(['microphone', 'camera'], { origin: server.url });
    await signInToDashboard(lea.page, server.url, server.dataDir, 'lea.martin');
    await signInToDashboard(chloe.page, server.url, server.dataDir, 'chloe.nguyen');
    for (const { page } of [lea, chloe]) {
      page.setDefaultTimeout(30_000);
      await page.goto(`${server.url}/murs/${spaceId}`);
      await page.getByTestId('wall-board').waitFor();
    }

    // A 3-second sound: the timer runs against the limit, Léa stops, listens, and puts it on the card.
    await lea.page.getByTestId('wall-add-card').click();
    const editor = lea.page.getByRole('dialog');
    await editor.getByLabel(wallFr.editor.title).fill('Mon poème');
    await editor.getByRole('button', { name: wallFr.media.recordAudio }).click();
    const timer = editor.getByTestId('wall-media-timer');
    await timer.waitFor();
    expect(await timer.textContent()).toContain('sur 3:00');
    await expect.poll(() => timer.textContent(), { timeout: 30_000 }).toContain('0:03');
    await editor.getByTestId('wall-media-stop').click();
    const preview = editor.getByTestId('wall-media-preview');
    await preview.waitFor();
    await editor.getByTestId('wall-media-keep').click();
    await editor.getByTestId('wall-editor-media').waitFor();
    const soundSeen = cardByTitle(chloe.page, 'Mon poème');
    await editor.getByTestId('wall-editor-save').click();
    await soundSeen.waitFor({ timeout: LIVE_MS });

    // Chloé plays it: the player reads the file (with byte ranges) and its time advances.
    const player = soundSeen.getByTestId('wall-card-media');
    expect(await player.evaluate((element) => element.tagName)).toBe('AUDIO');
    await player.evaluate(async (element) => {
      const audio = element as HTMLAudioElement;
      audio.muted = true;
      await audio.play();
    });
    await expect
      .poll(() => player.evaluate((element) => { const audio = element as HTMLAudioElement; return audio.ended || audio.currentTime > 0.5; }), { timeout: 30_000 })
      .toBe(true);
    const soundId = blobIdOf(await player.getAttribute('src'));
    const sound = await storedBlob(server.dataDir, soundId);
    expect(sound?.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));

    // A camera photo: the picker asks for the tablet's back camera; the photo carries a GPS position.
    await lea.page.getByTestId('wall-add-card').click();
    await editor.getByLabel(wallFr.editor.title).fill('Le potager');
    const chooser = lea.page.waitForEvent('filechooser');
    await editor.getByRole('button', { name: wallFr.media.takePhoto }).click();
    const picker = await chooser;
    expect(await picker.element().getAttribute('capture')).toBe('environment');
    expect(await picker.element().getAttribute('accept')).toBe('image/*');
    const photo = await jpegWithGps();
    expect(hasGps(photo)).toBe(true);
    await picker.setFiles({ name: 'image.jpg', mimeType: 'image/jpeg', buffer: photo });
    await editor.getByTestId('wall-editor-preview').waitFor();
    const photoSeen = cardByTitle(chloe.page, 'Le potager');
    await editor.getByTestId('wall-editor-save').click();
    await photoSeen.waitFor({ timeout: LIVE_MS });
    const image = photoSeen.getByTestId('wall-card-image');
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);

    // What is stored, through the blob port: no GPS position, no EXIF block at all.
    const storedPhoto = await storedBlob(server.dataDir, blobIdOf(await image.getAttribute('src')));
    if (!storedPhoto) throw new Error('the photo is not stored');
    expect(hasGps(storedPhoto)).toBe(false);
    expect(exifBlock(storedPhoto)).toBeNull();

    // A video filmed with the camera: it stops by itself at its limit, or here when Léa stops it; its poster frame
    // is drawn from it and sent with it; Chloé's player shows the poster.
    await lea.page.getByTestId('wall-add-card').click();
    await editor.getByLabel(wallFr.editor.title).fill('Notre expérience');
    await editor.getByRole('button', { name: wallFr.media.recordVideo }).click();
    await expect.poll(() => timer.textContent(), { timeout: 30_000 }).toContain('0:02');
    await editor.getByTestId('wall-media-stop').click();
    await editor.getByTestId('wall-media-keep').click();
    const filmed = editor.getByTestId('wall-editor-media');
    await filmed.waitFor();
    expect(await filmed.getAttribute('poster')).toMatch(/\/thumb$/);
    const videoSeen = cardByTitle(chloe.page, 'Notre expérience');
    await editor.getByTestId('wall-editor-save').click();
    await videoSeen.waitFor({ timeout: LIVE_MS });
    const video = videoSeen.getByTestId('wall-card-media');
    expect(await video.evaluate((element) => element.tagName)).toBe('VIDEO');
    expect(await video.getAttribute('poster')).toMatch(/\/thumb$/);
    const stored = await storedBlob(server.dataDir, blobIdOf(await video.getAttribute('src')));
    expect(stored?.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));

    // The same video sent as a file (« Envoyer une vidéo »): the browser reads its duration (a recording does not
    // say it: found by seeking) and draws its poster before sending.
    await lea.page.getByTestId('wall-add-card').click();
    await editor.getByLabel(wallFr.editor.title).fill('La même, envoyée');
    const videoChooser = lea.page.waitForEvent('filechooser');
    await editor.getByRole('button', { name: wallFr.media.uploadVideo }).click();
    await (await videoChooser).setFiles({ name: 'experience.webm', mimeType: 'video/webm', buffer: stored! });
    const sent = editor.getByTestId('wall-editor-media');
    await sent.waitFor();
    expect(await sent.getAttribute('poster')).toMatch(/\/thumb$/);
    await editor.getByTestId('wall-editor-save').click();
    await cardByTitle(chloe.page, 'La même, envoyée').getByTestId('wall-card-media').waitFor({ timeout: LIVE_MS });

    // The print view says « Son » and « Vidéo » (paper plays nothing).
    await chloe.page.goto(`${server.url}/murs/${spaceId}/impression`);
    const printed = chloe.page.getByTestId('wall-print-media');
    await expect.poll(() => printed.allTextContents(), { timeout: 30_000 }).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Vidéo : /), expect.stringMatching(/^Son : /)]) as unknown as string[],
    );

    lea.errors.assertNone('in Léa’s tab');
    chloe.errors.assertNone('in Chloé’s tab');
  }, 600_000);
});
