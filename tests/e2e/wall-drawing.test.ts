/**
 * A drawing card on a tablet (issue 19, 820×1180): Léa opens « Dessiner » in a new card, closes it with Échap (her
 * card and its title stay), draws three strokes with the mouse (Pointer Events), undoes the last, keeps the
 * drawing and publishes; Chloé sees the card live, an image « Dessin de Léa … » whose natural size is the
 * drawing's; the stored file is a PNG (read through the blob port) with the first strokes and without the undone
 * one. « Modifier le dessin » reopens it from the stored PNG and draws over it.
 */
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { WALL_DRAWING_HEIGHT, WALL_DRAWING_WIDTH } from '../../shared/wall/limits';
import { describeE2E } from '../helpers/browser';
import { signedIn } from '../helpers/sockets';
import { storedBlob } from '../helpers/store';
import { expectedFailure, openTab, signInToDashboard, useBrowserWorld, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';

const TABLET = { width: 820, height: 1180 };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Three horizontal strokes, in the drawing's pixels: y of each, from x 100 to 700. */
const STROKES = [150, 300, 450];

const cardByTitle = (page: Page, title: string) => page.getByTestId('wall-card').filter({ has: page.getByRole('heading', { name: title }) });

/** Draws a horizontal stroke at the drawing's height `y` with the mouse, in several moves (as a finger would). */
async function stroke(page: Page, canvas: Locator, y: number): Promise<void> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas box');
  const at = (x: number) => ({ x: box.x + (x * box.width) / WALL_DRAWING_WIDTH, y: box.y + (y * box.height) / WALL_DRAWING_HEIGHT });
  await page.mouse.move(at(100).x, at(100).y);
  await page.mouse.down();
  await page.mouse.move(at(700).x, at(700).y, { steps: 12 });
  await page.mouse.up();
}

/** The canvas's pixel at a point of the drawing (red, green, blue). */
const canvasPixel = (canvas: Locator, x: number, y: number) =>
  canvas.evaluate((element, point) => Array.from((element as HTMLCanvasElement).getContext('2d')!.getImageData(point.x, point.y, 1, 1).data.slice(0, 3)), { x, y });

/** The stored PNG's pixel at a point (red, green, blue). */
async function pngPixel(png: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [data[offset]!, data[offset + 1]!, data[offset + 2]!];
}
const dark = (rgb: number[]) => rgb.every((value) => value < 80);
const white = (rgb: number[]) => rgb.every((value) => value > 240);

describeE2E('a drawing card on a tablet', () => {
  const world = useBrowserWorld({ timeoutMs: 120_000 });
  const tabs: Tab[] = [];
  let spaceId: string;

  const signedInTab = async (login: string) => {
    const opened = await openTab(world.browser(), [expectedFailure(401, '/api/me')], TABLET);
    tabs.push(opened);
    await signInToDashboard(opened.page, world.server().url, world.server().dataDir, login);
    await opened.page.goto(`${world.server().url}/murs/${spaceId}`);
    await opened.page.getByTestId('wall-board').waitFor();
    return opened;
  };

  beforeAll(async () => {
    const teacher = await signedIn(world.server(), 'claire.fontaine');
    const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const answer = await teacher.post<{ id: string }>('/api/spaces', { kind: 'wall', title: 'Nos dessins', scope: { kind: 'class', classId }, settings: { layout: 'stream' } });
    expect(answer.status).toBe(201);
    spaceId = answer.body.id;
  });
  afterAll(async () => {
    for (const opened of tabs) await opened.context.close();
  });

  it('Léa draws, undoes a stroke and publishes; Chloé sees the drawing live; the stored file is the PNG without the undone stroke', async () => {
    const lea = await signedInTab('lea.martin');
    const chloe = await signedInTab('chloe.nguyen');
    const { page } = lea;

    await page.getByTestId('wall-add-card').click();
    const editor = page.getByRole('dialog', { name: wallFr.editor.createTitle });
    await editor.getByLabel(wallFr.editor.title).fill('Mon chat');

    // Échap closes the drawing only: the card and its title stay.
    await editor.getByRole('button', { name: wallFr.drawing.open }).click();
    const drawing = page.getByRole('dialog', { name: wallFr.drawing.title });
    await drawing.waitFor();
    await page.keyboard.press('Escape');
    await drawing.waitFor({ state: 'detached' });
    await expect.poll(() => editor.getByLabel(wallFr.editor.title).inputValue()).toBe('Mon chat');

    await editor.getByRole('button', { name: wallFr.drawing.open }).click();
    const canvas = drawing.getByLabel(wallFr.drawing.canvas_pupil);
    expect(await canvas.evaluate((element) => getComputedStyle(element).touchAction)).toBe('none');
    await drawing.getByRole('button', { name: wallFr.drawing.sizes.epais }).click();
    for (const y of STROKES) await stroke(page, canvas, y);
    expect(dark(await canvasPixel(canvas, 400, STROKES[2]!))).toBe(true);
    await drawing.getByRole('button', { name: wallFr.drawing.undo }).click();
    await expect.poll(async () => white(await canvasPixel(canvas, 400, STROKES[2]!))).toBe(true);
    expect(dark(await canvasPixel(canvas, 400, STROKES[0]!))).toBe(true);
    // Redo and undo again from the keyboard (the focus is on « Défaire »).
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => dark(await canvasPixel(canvas, 400, STROKES[2]!))).toBe(true);
    await page.keyboard.press('Control+Z');
    await expect.poll(async () => white(await canvasPixel(canvas, 400, STROKES[2]!))).toBe(true);

    await drawing.getByRole('button', { name: wallFr.drawing.keep }).click();
    await drawing.waitFor({ state: 'detached', timeout: LIVE_MS });
    await editor.getByTestId('wall-editor-preview').waitFor({ timeout: LIVE_MS });
    await editor.getByTestId('wall-editor-save').click();
    await editor.waitFor({ state: 'detached', timeout: LIVE_MS });

    // Chloé, without a reload: the drawing, whole, said as a drawing.
    const image = cardByTitle(chloe.page, 'Mon chat').getByTestId('wall-card-image');
    await image.waitFor({ timeout: LIVE_MS });
    expect(await image.getAttribute('alt')).toMatch(/^Dessin de Léa/);
    await expect
      .poll(() => image.evaluate((element) => [(element as HTMLImageElement).naturalWidth, (element as HTMLImageElement).naturalHeight]), { timeout: LIVE_MS })
      .toEqual([WALL_DRAWING_WIDTH, WALL_DRAWING_HEIGHT]);

    const blobId = /\/files\/([^/?]+)/.exec((await image.getAttribute('src')) ?? '')?.[1];
    expect(blobId).toBeTruthy();
    const stored = await storedBlob(world.server().dataDir, blobId!);
    expect(stored?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(await sharp(stored!).metadata()).toMatchObject({ format: 'png', width: WALL_DRAWING_WIDTH, height: WALL_DRAWING_HEIGHT });
    expect(dark(await pngPixel(stored!, 400, STROKES[0]!))).toBe(true);
    expect(dark(await pngPixel(stored!, 400, STROKES[1]!))).toBe(true);
    expect(white(await pngPixel(stored!, 400, STROKES[2]!))).toBe(true);
    lea.errors.assertNone();
    chloe.errors.assertNone();
  });

  it('« Modifier le dessin » reopens the stored drawing and draws over it', async () => {
    const { page, errors } = tabs[0]!;
    const card = cardByTitle(page, 'Mon chat');
    const first = /\/files\/([^/?]+)/.exec((await card.getByTestId('wall-card-image').getAttribute('src')) ?? '')?.[1];
    expect(first).toBeTruthy();
    await card.getByTestId('wall-card-menu').click();
    await page.getByRole('menuitem', { name: wallFr.card.edit }).click();
    const editor = page.getByRole('dialog', { name: wallFr.editor.editTitle });
    await editor.getByRole('button', { name: wallFr.drawing.edit }).click();
    const drawing = page.getByRole('dialog', { name: wallFr.drawing.title });
    const canvas = drawing.getByLabel(wallFr.drawing.canvas_pupil);
    // The stored strokes are there to draw over.
    await expect.poll(async () => dark(await canvasPixel(canvas, 400, STROKES[0]!)), { timeout: LIVE_MS }).toBe(true);
    await stroke(page, canvas, STROKES[2]!);
    await drawing.getByRole('button', { name: wallFr.drawing.keep }).click();
    await drawing.waitFor({ state: 'detached', timeout: LIVE_MS });
    await editor.getByTestId('wall-editor-save').click();
    await editor.waitFor({ state: 'detached', timeout: LIVE_MS });

    const image = cardByTitle(tabs[1]!.page, 'Mon chat').getByTestId('wall-card-image');
    const blobId = async () => /\/files\/([^/?]+)/.exec((await image.getAttribute('src')) ?? '')?.[1];
    await expect.poll(blobId, { timeout: LIVE_MS }).not.toBe(first);
    const stored = await storedBlob(world.server().dataDir, (await blobId())!);
    expect(dark(await pngPixel(stored!, 400, STROKES[0]!))).toBe(true);
    expect(dark(await pngPixel(stored!, 400, STROKES[2]!))).toBe(true);
    errors.assertNone();
  });
});
