/**
 * Embeds in Chromium: a teacher posts a YouTube link card and a link card of another site from the card editor; a
 * pupil sees the first as a sandboxed frame on youtube-nocookie.com (no network here: the frame need not load, its
 * element and attributes are checked, and the browser reports no CSP refusal) and the second as a plain link card
 * that shows its domain.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { describeE2E } from '../helpers/browser';
import { useBrowserWorld } from './support/identity';
import { LIVE_MS } from './support/live';

const cardByTitle = (page: Page, title: string) => page.getByTestId('wall-card').filter({ has: page.getByRole('heading', { name: title }) });
// The frame's own loads fail without network: only the parent page's errors count (a CSP refusal is one).
const OFFLINE_FRAME = /youtube-nocookie\.com.*net::ERR_|net::ERR_.*youtube-nocookie\.com/;

describeE2E('wall embeds: a whitelisted video in a sandboxed frame, any other link as a link card', () => {
  const world = useBrowserWorld();

  it('shows a teacher’s YouTube card to a pupil as a sandboxed no-cookie frame, and another site as its domain', async () => {
    const server = world.server();
    const teacher = await world.signedInTab('claire.fontaine', [OFFLINE_FRAME]);
    await teacher.page.goto(`${server.url}/murs`);
    await teacher.page.getByLabel(wallFr.list.wallTitle).fill('Nos chansons');
    await teacher.page.getByTestId('wall-create').click();
    await teacher.page.waitForURL((url) => /^\/murs\/[a-f0-9]{32}$/.test(url.pathname));
    const wallUrl = teacher.page.url();
    await teacher.page.getByTestId('wall-board').waitFor();

    const pupil = await world.signedInTab('lea.martin', [OFFLINE_FRAME]);
    await pupil.page.goto(wallUrl);
    await pupil.page.getByTestId('wall-board').waitFor();

    for (const [title, link] of [
      ['La chanson des saisons', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m5s'],
      ['Les oiseaux du jardin', 'https://www.oiseaux.net/oiseaux/rouge-gorge.html'],
    ] as const) {
      await teacher.page.getByTestId('wall-add-card').click();
      const editor = teacher.page.getByRole('dialog');
      await editor.getByLabel(wallFr.editor.title).fill(title);
      await editor.getByLabel(wallFr.editor.link).fill(link);
      await editor.getByTestId('wall-editor-save').click();
      await editor.waitFor({ state: 'hidden' });
    }

    const video = cardByTitle(pupil.page, 'La chanson des saisons');
    await video.waitFor({ timeout: LIVE_MS });
    const frame = video.locator('iframe');
    await frame.waitFor({ state: 'attached' });
    expect(await frame.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=65');
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-presentation');
    expect(await frame.getAttribute('referrerpolicy')).toBe('strict-origin-when-cross-origin');
    expect(await frame.getAttribute('loading')).toBe('lazy');
    expect(await frame.getAttribute('title')).toBe(wallFr.embed.frameTitle.youtube.replace('{{title}}', 'La chanson des saisons'));
    const allow = (await frame.getAttribute('allow')) ?? '';
    for (const denied of ['camera', 'microphone', 'geolocation']) expect(allow).toContain(`${denied} 'none'`);
    // Under the frame: the domain, in a link that opens the video on its site.
    const open = video.getByTestId('wall-card-embed-link');
    expect(await open.textContent()).toContain('youtube.com');
    expect(await open.getAttribute('href')).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m5s');
    expect(await video.getByTestId('wall-card-link').count()).toBe(0);
    // Keyboard: the frame is reachable with Tab (it is focusable, not taken out of the order).
    expect(await frame.evaluate((element) => (element as HTMLIFrameElement).tabIndex)).toBe(0);

    const other = cardByTitle(pupil.page, 'Les oiseaux du jardin');
    await other.waitFor({ timeout: LIVE_MS });
    expect(await other.locator('iframe').count()).toBe(0);
    const plain = other.getByTestId('wall-card-link');
    expect((await plain.textContent())?.trim()).toBe('oiseaux.net');
    expect(await plain.getAttribute('href')).toBe('https://www.oiseaux.net/oiseaux/rouge-gorge.html');

    // No CSP refusal of the frame (frame-src lists youtube-nocookie.com), no other error, in either tab.
    for (const opened of [teacher, pupil]) opened.errors.assertNone();
  });
});
