/**
 * A space's life in Chromium (issue 19): the teacher archives her wall from its settings; Léa, on the wall, sees
 * « Archivé » and loses « Ajouter une carte » without a reload; the teacher unarchives it, then deletes it after
 * the confirmation (« Le mur ira dans la corbeille 30 jours »), finds it in the « Corbeille » of her home and
 * restores it.
 */
import { expect, it } from 'vitest';
import lifecycleFr from '../../client/src/features/spaces/lifecycle/i18n/fr.json';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { SPACE_BIN_RETENTION_DAYS } from '../../shared/spaces/limits';
import { describeE2E } from '../helpers/browser';
import { useBrowserWorld } from './support/identity';
import { LIVE_MS } from './support/live';

describeE2E('a space’s life: archive, bin, restore', () => {
  const world = useBrowserWorld();

  it('archives live for a pupil, deletes to the bin after a confirmation, and restores from the bin', async () => {
    const server = world.server();
    const teacher = await world.signedInTab('claire.fontaine');
    await teacher.page.goto(`${server.url}/murs`);
    await teacher.page.getByLabel(wallFr.list.wallTitle).fill('Mur à archiver');
    await teacher.page.getByTestId('wall-create').click();
    await teacher.page.waitForURL((url) => /^\/murs\/[a-f0-9]{32}$/.test(url.pathname));
    await teacher.page.getByTestId('wall-board').waitFor();
    const wallUrl = teacher.page.url();

    const pupil = await world.signedInTab('lea.martin');
    await pupil.page.goto(wallUrl);
    await pupil.page.getByTestId('wall-add-card').waitFor({ timeout: LIVE_MS });

    await teacher.page.getByTestId('wall-settings').click();
    await teacher.page.getByTestId('space-archive').click();
    await pupil.page.getByTestId('space-archived').waitFor({ timeout: LIVE_MS });
    expect(await pupil.page.getByTestId('space-archived').textContent()).toContain(lifecycleFr.archivedNotice);
    await pupil.page.getByTestId('wall-add-card').waitFor({ state: 'detached', timeout: LIVE_MS });

    await teacher.page.getByRole('button', { name: lifecycleFr.unarchive }).click();
    await pupil.page.getByTestId('wall-add-card').waitFor({ timeout: LIVE_MS });
    await pupil.page.getByTestId('space-archived').waitFor({ state: 'detached', timeout: LIVE_MS });
    pupil.errors.assertNone();

    await teacher.page.getByTestId('space-delete').click();
    const dialog = teacher.page.getByRole('dialog', { name: lifecycleFr.deleteTitle.replace('{{title}}', 'Mur à archiver') });
    expect(await dialog.textContent()).toContain(`Le mur ira dans la corbeille ${SPACE_BIN_RETENTION_DAYS} jours`);
    await teacher.page.getByTestId('space-delete-confirm').click();
    await teacher.page.waitForURL((url) => url.pathname === '/accueil');

    const bin = teacher.page.getByTestId('space-bin');
    const binned = bin.getByTestId('space-bin-item').filter({ hasText: 'Mur à archiver' });
    await binned.waitFor({ timeout: LIVE_MS });
    await binned.getByRole('button', { name: lifecycleFr.bin.restore }).click();
    await teacher.page.getByTestId('space-card').filter({ hasText: 'Mur à archiver' }).waitFor({ timeout: LIVE_MS });
    teacher.errors.assertNone();
  });
});
