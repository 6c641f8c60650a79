/**
 * The wall's layout in Chromium, issue 19 (reordering and layout): a teacher moves a column with the keyboard
 * alone (its handle focused, Space, ArrowRight, Space) and a pupil's open wall shows the new order without a reload;
 * the teacher pins a card from its menu and the pupil sees it first in its column, marked « Épinglé ».
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { describeE2E } from '../helpers/browser';
import { signedIn } from '../helpers/sockets';
import { createWall, joinWall, postCard } from '../integration/wall/support';
import { useBrowserWorld } from './support/identity';
import { LIVE_MS } from './support/live';

const columnOrder = (page: Page) => page.getByTestId('wall-column').evaluateAll((columns) => columns.map((column) => column.getAttribute('data-section-id')));
const titlesIn = (page: Page, sectionId: string) =>
  page.locator(`[data-testid="wall-column"][data-section-id="${sectionId}"] [data-testid="wall-card"] h3`).evaluateAll((titles) => titles.map((title) => title.textContent));

describeE2E('wall layout: columns moved with the keyboard, pinned cards, live', () => {
  const world = useBrowserWorld();

  it('a teacher moves a column with the keyboard and pins a card; the pupil sees both live', async () => {
    const server = world.server();
    const teacherHttp = await signedIn(server, 'claire.fontaine');
    const pupilHttp = await signedIn(server, 'lea.martin');
    const classId = (await teacherHttp.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const wall = await createWall(teacherHttp, classId, {
      sections: [
        { id: 'avant', title: 'Avant la sortie', order: 0 },
        { id: 'pendant', title: 'Pendant la sortie', order: 1 },
        { id: 'apres', title: 'Après la sortie', order: 2 },
      ],
    });
    const socket = await joinWall(server, pupilHttp, wall.id);
    await postCard(socket, wall.id, { title: 'Le bus', sectionId: 'avant' });
    await postCard(socket, wall.id, { title: 'Les fraises', sectionId: 'avant' });
    socket.close();

    const teacher = await world.signedInTab('claire.fontaine');
    const pupil = await world.signedInTab('lea.martin');
    for (const { page } of [teacher, pupil]) {
      await page.goto(`${server.url}/murs/${wall.id}`);
      await page.getByRole('heading', { level: 3, name: 'Les fraises' }).waitFor();
    }
    expect(await columnOrder(pupil.page)).toEqual(['avant', 'pendant', 'apres']);
    // Pupils get no handle: moving columns is the teachers'.
    expect(await pupil.page.getByTestId('wall-section-handle').count()).toBe(0);

    // The keyboard alone: focus the first column's handle, Space to pick it up, ArrowRight, Space to drop it.
    const handle = teacher.page.getByRole('button', { name: wallFr.board.sectionHandle.replace('{{title}}', 'Avant la sortie') });
    await handle.focus();
    // Each key waits for the previous one to be taken (a loaded machine renders late): picked up, then over the next column.
    await teacher.page.keyboard.press('Space');
    await teacher.page.locator('[data-testid="wall-section-handle"][aria-pressed="true"]').waitFor({ timeout: LIVE_MS });
    await teacher.page.keyboard.press('ArrowRight');
    const over = wallFr.board.over.replace('{{name}}', 'Avant la sortie').replace('{{target}}', 'Pendant la sortie');
    await teacher.page.getByText(over).waitFor({ state: 'attached', timeout: LIVE_MS });
    await teacher.page.keyboard.press('Space');
    // A screen reader is told where it went, in French.
    const dropped = wallFr.board.dropped.replace('{{name}}', 'Avant la sortie').replace('{{target}}', 'Pendant la sortie');
    await teacher.page.getByText(dropped).waitFor({ state: 'attached', timeout: LIVE_MS });
    await expect.poll(() => columnOrder(teacher.page), { timeout: LIVE_MS }).toEqual(['pendant', 'avant', 'apres']);
    await expect.poll(() => columnOrder(pupil.page), { timeout: LIVE_MS }).toEqual(['pendant', 'avant', 'apres']);

    // The teacher pins the newer card « Les fraises »: the pupil sees it first in its column, marked.
    expect(await titlesIn(pupil.page, 'avant')).toEqual(['Le bus', 'Les fraises']);
    const card = teacher.page.getByTestId('wall-card').filter({ has: teacher.page.getByRole('heading', { name: 'Les fraises' }) });
    await card.getByTestId('wall-card-menu').click();
    await teacher.page.getByRole('menuitem', { name: wallFr.card.pin }).click();
    await expect.poll(() => titlesIn(pupil.page, 'avant'), { timeout: LIVE_MS }).toEqual(['Les fraises', 'Le bus']);
    const pinned = pupil.page.getByTestId('wall-card').filter({ has: pupil.page.getByTestId('wall-pinned-badge') });
    await pinned.getByRole('heading', { name: 'Les fraises' }).waitFor({ timeout: LIVE_MS });
    expect(await pinned.getByTestId('wall-pinned-badge').textContent()).toContain(wallFr.card.pinned);

    // Both survive a reload.
    await pupil.page.reload();
    await pupil.page.getByRole('heading', { level: 3, name: 'Les fraises' }).waitFor();
    expect(await columnOrder(pupil.page)).toEqual(['pendant', 'avant', 'apres']);
    expect(await titlesIn(pupil.page, 'avant')).toEqual(['Les fraises', 'Le bus']);
  });
});
