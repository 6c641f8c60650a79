/**
 * « Mes données » in Chromium: Léa opens /mes-donnees, downloads her ZIP, and the summary it holds opens from disk
 * (file://) as a readable French page with her card and its image.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import myDataFr from '../../client/src/features/mydata/i18n/fr.json';
import type { UploadedFile, WallCard } from '../../shared/wall/types';
import { describeE2E } from '../helpers/browser';
import { signedIn } from '../helpers/sockets';
import { png } from '../fixtures/wall/images';
import { createWall, joinWall, must, upload } from '../integration/wall/support';
import { useBrowserWorld } from './support/identity';

const CARD_TITLE = 'Le volcan que j’ai dessiné';

describeE2E('« Mes données »: Léa downloads her data and opens it from disk', () => {
  const world = useBrowserWorld();
  const folder = mkdtempSync(join(tmpdir(), 'preau-mydata-'));

  beforeAll(async () => {
    const server = world.server();
    const teacher = await signedIn(server, 'claire.fontaine');
    const lea = await signedIn(server, 'lea.martin');
    const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const wallId = (await createWall(teacher, classId)).id;
    const socket = await joinWall(server, lea, wallId);
    const file = (await upload(lea, wallId, await png(), 'volcan.png')).body as UploadedFile;
    await must<{ card: WallCard }>(socket, 'wall:card:create', { spaceId: wallId, title: CARD_TITLE, attachmentId: file.blobId });
    socket.close();
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('downloads the ZIP from /mes-donnees; its index.html opens in French with the card and its image', async () => {
    const server = world.server();
    const { page } = await world.signedInTab('lea.martin');
    await page.goto(`${server.url}/mes-donnees`);
    const button = page.getByRole('button', { name: myDataFr.page.downloadSelf });
    await button.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^mes-donnees-lea\.martin-\d{4}-\d{2}-\d{2}\.zip$/);
    const zipPath = join(folder, 'export.zip');
    await download.saveAs(zipPath);

    for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(readFileSync(zipPath))))) {
      if (name.endsWith('/')) continue;
      const target = join(folder, 'unzipped', name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }

    await page.goto(pathToFileURL(join(folder, 'unzipped', 'index.html')).href);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('Mes données');
    await page.getByText(CARD_TITLE, { exact: true }).waitFor();
    const image = page.getByRole('img', { name: CARD_TITLE });
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it("shows a removed child's erasure day to their guardian, who objects to keeping the child's shared work", async () => {
    const server = world.server();
    const director = await signedIn(server, 'isabelle.moreau');
    const samira = await signedIn(server, 'samira.belkacem');
    const yanis = (await samira.get<{ people: Array<{ id: string; self: boolean }> }>('/api/my-data')).body.people.find((person) => !person.self)!;
    expect((await director.post(`/api/admin/users/${yanis.id}/remove`, {})).status).toBe(200);
    const { page } = await world.signedInTab('samira.belkacem');
    await page.goto(`${server.url}/mes-donnees`);
    const section = page.getByTestId(`mydata-removed-${yanis.id}`);
    await section.waitFor({ timeout: 30_000 });
    expect(await section.innerText()).toMatch(/Ses données seront supprimées le \d{1,2} \S+ \d{4}/);
    const toggle = section.getByRole('switch', { name: myDataFr.removed.objection });
    expect(await toggle.isChecked()).toBe(false);
    // The switch follows the server (it turns on once the objection is stored): click it, then wait for both.
    await toggle.click({ force: true });
    const removalOf = async () => (await samira.get<{ people: Array<{ id: string; removal?: { objectsToKeeping: boolean } }> }>('/api/my-data')).body.people.find((person) => person.id === yanis.id)?.removal;
    await expect.poll(async () => (await removalOf())?.objectsToKeeping, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => toggle.isChecked(), { timeout: 30_000 }).toBe(true);
  });
});
