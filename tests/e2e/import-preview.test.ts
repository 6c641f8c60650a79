/**
 * The import page previews before it saves (issue 17): the form's own example line, pasted into Léa's class,
 * finds Léa and her parents (nothing created, her classmates listed as absent from the file), and « Confirmer
 * l'import » then changes no account.
 */
import { expect, it } from 'vitest';
import adminFr from '../../client/src/features/admin/i18n/fr.json';
import fr from '../../client/src/i18n/fr.json';
import { describeE2E } from '../helpers/browser';
import { demoAccount } from '../helpers/demo';
import { Browser } from '../helpers/http';
import { signedIn } from '../helpers/sockets';
import { useBrowserWorld } from './support/identity';

describeE2E('import page: a preview, then « Confirmer l’import »', () => {
  const { server, tab } = useBrowserWorld();

  it("the form's example line is recognised as Léa and her parents: nothing created, no duplicate after confirming", async () => {
    const director = await signedIn(server(), 'isabelle.moreau');
    const countUsers = async () => (await director.get<{ total: number }>('/api/admin/users?q=martin&page=1&pageSize=50')).body.total;
    const before = await countUsers();
    const opened = await tab();
    const { page } = opened;
    await opened.context.addCookies([...director.cookies].map(([name, value]) => ({ name, value, url: server().url })));
    await page.goto(`${server().url}/admin/import`);
    await page.getByRole('heading', { level: 1, name: fr.admin.import.title }).waitFor();
    await page.getByRole('combobox', { name: fr.admin.import.class }).click();
    await page.getByRole('option', { name: /^CE2/ }).click();
    await page
      .getByLabel(fr.admin.import.csv)
      .fill('nom;prénom;responsable 1 nom;responsable 1 prénom;responsable 2 nom;responsable 2 prénom\nMartin;Léa;Martin;Nicolas;Renaud;Sophie');
    await page.getByRole('button', { name: fr.admin.import.preview }).click();
    await page.getByRole('heading', { level: 2, name: fr.admin.import.previewTitle }).waitFor({ timeout: 30_000 });
    const counts = await page.getByTestId('import-counts').innerText();
    expect(counts).toMatch(/^0 élève créé, 0 mis à jour, 0 changé de classe, \d+ absents du fichier \(1 ligne déjà à jour\)$/);
    // Her classmates are listed, never removed; Léa is not among them.
    const absent = await page.getByTestId('import-left-out').innerText();
    expect(absent).toContain('Yanis Belkacem');
    expect(absent).not.toContain('Léa Martin');
    expect(await countUsers()).toBe(before);

    await page.getByRole('button', { name: fr.admin.import.confirm }).click();
    await page.getByRole('status').filter({ hasText: 'Import enregistré' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('imported-accounts').count()).toBe(0);
    expect(await countUsers()).toBe(before);
    opened.errors.assertNone('on the import page');
  });

  it('a pupil absent from the file is removed from the school from the preview, after the confirmation', async () => {
    const director = await signedIn(server(), 'isabelle.moreau');
    const opened = await tab();
    const { page } = opened;
    await opened.context.addCookies([...director.cookies].map(([name, value]) => ({ name, value, url: server().url })));
    await page.goto(`${server().url}/admin/import`);
    await page.getByRole('heading', { level: 1, name: fr.admin.import.title }).waitFor();
    await page.getByRole('combobox', { name: fr.admin.import.class }).click();
    await page.getByRole('option', { name: /^CE2/ }).click();
    await page.getByLabel(fr.admin.import.csv).fill('nom;prénom\nMartin;Léa');
    await page.getByRole('button', { name: fr.admin.import.preview }).click();
    await page.getByRole('heading', { level: 2, name: fr.admin.import.previewTitle }).waitFor({ timeout: 30_000 });
    const name = adminFr.remove.openLabel.replace('{{name}}', 'Yanis Belkacem');
    await page.getByRole('button', { name }).click();
    const dialog = page.getByRole('dialog', { name: adminFr.remove.title.replace('{{name}}', 'Yanis Belkacem') });
    await dialog.getByRole('button', { name: adminFr.remove.confirm }).click();
    await page.getByTestId('import-left-out').getByText(adminFr.remove.removed).waitFor({ timeout: 30_000 });
    // Closed at once: his password no longer opens a session, and he is told why.
    const account = demoAccount(server().dataDir, 'yanis.belkacem');
    const again = await new Browser(server().url).login(account.login, account.password);
    expect(again.status).toBe(403);
    expect((again.body as unknown as { error: { code: string } }).error.code).toBe('ACCOUNT_REMOVED');
    opened.errors.assertNone('on the import page');
  });

  it('the director sets « Délai de suppression des données » (90 days at most) on the classes page', async () => {
    const director = await signedIn(server(), 'isabelle.moreau');
    const opened = await tab();
    const { page } = opened;
    await opened.context.addCookies([...director.cookies].map(([name, value]) => ({ name, value, url: server().url })));
    await page.goto(`${server().url}/admin/classes`);
    await page.getByRole('heading', { level: 2, name: adminFr.deletionDelay.title }).waitFor({ timeout: 30_000 });
    const days = page.getByLabel(adminFr.deletionDelay.label.replace('{{max}}', '90'));
    await days.fill('60');
    await page.getByRole('button', { name: adminFr.deletionDelay.save }).click();
    await page.getByRole('status').filter({ hasText: adminFr.deletionDelay.saved }).waitFor({ timeout: 30_000 });
    expect((await director.get<{ deletionDelayDays: number }>('/api/lifecycle/settings')).body).toEqual({ deletionDelayDays: 60 });
    opened.errors.assertNone('on the classes page');
  });
});
