/**
 * Templates in Chromium (issue 19): the teacher creates « Quoi de neuf ? » with its examples from the walls page's
 * form (« Partir d'un modèle »); the new wall is a stream with the template's example card, in her name. Then she
 * duplicates it from the walls list, with its content: the copy opens with the same card.
 */
import { expect, it } from 'vitest';
import spaceCopyFr from '../../client/src/features/space-copy/i18n/fr.json';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { WALL_TEMPLATES } from '../../shared/wall/templates';
import { describeE2E } from '../helpers/browser';
import { useBrowserWorld } from './support/identity';
import { LIVE_MS } from './support/live';

describeE2E('wall templates: « Partir d’un modèle » on the walls page', () => {
  const world = useBrowserWorld();

  it('creates « Quoi de neuf ? » with its example card from the form, then duplicates it with its content', async () => {
    const server = world.server();
    const teacher = await world.signedInTab('claire.fontaine');
    await teacher.page.goto(`${server.url}/murs`);
    await teacher.page.getByLabel(wallFr.list.wallTitle).fill('Quoi de neuf en CE2 ?');
    const news = teacher.page.getByRole('radio', { name: spaceCopyFr.templates.news.title });
    await news.check();
    await teacher.page.getByRole('checkbox', { name: spaceCopyFr.start.examples }).check();
    await teacher.page.getByTestId('wall-create').click();
    await teacher.page.waitForURL((url) => /^\/murs\/[a-f0-9]{32}$/.test(url.pathname));
    await teacher.page.getByTestId('wall-board').waitFor();

    const example = WALL_TEMPLATES.news.examples[0]!.title;
    const card = teacher.page.getByTestId('wall-card').filter({ has: teacher.page.getByRole('heading', { name: example }) });
    await card.waitFor({ timeout: LIVE_MS });
    expect(await card.textContent()).toContain('Claire Fontaine');

    const spaceId = new URL(teacher.page.url()).pathname.split('/').pop()!;
    const space = await teacher.page.evaluate(async (id) => (await fetch(`/api/spaces/${id}`)).json(), spaceId);
    expect(space).toMatchObject({ title: 'Quoi de neuf en CE2 ?', settings: { layout: 'stream', whoCanPost: 'pupils' } });

    // « Dupliquer » from the walls list, with the published content, in the same class.
    await teacher.page.goto(`${server.url}/murs`);
    const item = teacher.page.getByTestId('wall-list-item').filter({ hasText: 'Quoi de neuf en CE2 ?' });
    await item.getByTestId('space-duplicate').click();
    const dialog = teacher.page.getByRole('dialog');
    await dialog.getByLabel(spaceCopyFr.duplicate.name).fill('Quoi de neuf, la suite');
    await dialog.getByRole('radio', { name: spaceCopyFr.duplicate.withContent }).check();
    await dialog.getByRole('button', { name: spaceCopyFr.duplicate.submit }).click();
    await teacher.page.waitForURL((url) => /^\/murs\/[a-f0-9]{32}$/.test(url.pathname) && !url.pathname.endsWith(spaceId));
    await teacher.page.getByTestId('wall-board').waitFor();
    const copied = teacher.page.getByTestId('wall-card').filter({ has: teacher.page.getByRole('heading', { name: example }) });
    await copied.waitFor({ timeout: LIVE_MS });
    teacher.errors.assertNone();
  });
});
