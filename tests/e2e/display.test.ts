/**
 * « Affichage » in « Mon compte » (issue 18, Deliver 8): a pupil chooses OpenDyslexic, 150 % and the increased
 * contrast; they apply at once, are kept with her account (another device signing in finds them, computed font and
 * size), survive a reload, and the sign-in page of that browser keeps them once she is signed out.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeE2E } from '../helpers/browser';
import displayFr from '../../client/src/features/account/display/i18n/fr.json';
import { expectedFailure, signInToDashboard, useBrowserWorld } from './support/identity';

const ROOT_PX = 16;

/** What the page shows now: the root size, the body's font, and the attributes the theme honours. */
function applied(page: Page): Promise<{ rootPx: number; bodyFont: string; font: string | null; contrast: string | null; fontLoaded: boolean }> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const root = document.documentElement;
    const faces: FontFace[] = [];
    document.fonts.forEach((face) => faces.push(face));
    return {
      rootPx: parseFloat(getComputedStyle(root).fontSize),
      bodyFont: getComputedStyle(document.body).fontFamily,
      font: root.getAttribute('data-font'),
      contrast: root.getAttribute('data-contrast'),
      fontLoaded: faces.some((face) => face.family.replace(/["']/g, '') === 'OpenDyslexic' && face.status === 'loaded'),
    };
  });
}

async function isChosen(page: Page): Promise<void> {
  await expect.poll(() => applied(page), { timeout: 15_000 }).toMatchObject({ rootPx: ROOT_PX * 1.5, font: 'opendyslexic', contrast: 'high', fontLoaded: true });
  const now = await applied(page);
  expect(now.bodyFont).toMatch(/^"?OpenDyslexic"?/);
}

/** Clicks a control of the display card and waits for the server to keep the change. */
async function choose(page: Page, control: ReturnType<Page['getByRole']>): Promise<void> {
  const saved = page.waitForResponse((response) => response.url().endsWith('/api/me/display') && response.request().method() === 'PUT');
  await control.click();
  expect((await saved).status()).toBe(200);
}

describeE2E('« Affichage »: font, text size and contrast, kept per user', () => {
  const world = useBrowserWorld();

  it('applies the choice at once, finds it on another device after sign-in and after a reload, and on the sign-in page', async () => {
    const first = await world.signedInTab('lea.martin');
    const { page } = first;
    expect((await applied(page)).rootPx).toBe(ROOT_PX);
    await page.goto(`${world.server().url}/mon-compte`);
    await page.getByRole('heading', { level: 2, name: displayFr.title }).waitFor();
    await choose(page, page.getByRole('radio', { name: displayFr.fonts.opendyslexic }));
    await choose(page, page.getByRole('radio', { name: displayFr.sizeValue.replace('{{value}}', '150') }));
    await choose(page, page.getByRole('switch', { name: displayFr.contrast }));
    await isChosen(page);

    // Another device (own cookies and storage): the choice comes with the account at sign-in.
    const other = await world.tab([expectedFailure(401, '/api/me')]);
    await signInToDashboard(other.page, world.server().url, world.server().dataDir, 'lea.martin');
    await isChosen(other.page);
    await other.page.reload();
    await isChosen(other.page);

    // Signed out, this browser's sign-in page keeps them.
    await other.context.clearCookies();
    await other.page.goto(`${world.server().url}/connexion`);
    await isChosen(other.page);

    // Back to the defaults: every device follows at its next sign-in.
    await choose(page, page.getByRole('radio', { name: displayFr.fonts.system }));
    await choose(page, page.getByRole('radio', { name: displayFr.sizeValue.replace('{{value}}', '100') }));
    await choose(page, page.getByRole('switch', { name: displayFr.contrast }));
    await expect.poll(() => applied(page), { timeout: 15_000 }).toMatchObject({ rootPx: ROOT_PX, font: null, contrast: 'normal' });
    await signInToDashboard(other.page, world.server().url, world.server().dataDir, 'lea.martin');
    await expect.poll(() => applied(other.page), { timeout: 15_000 }).toMatchObject({ rootPx: ROOT_PX, font: null, contrast: 'normal' });
  });
});
