import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/audit/events';
import type { Page as ResultPage } from '../../shared/identity/api';
import adminFr from '../../client/src/features/admin/i18n/fr.json';
import fr from '../../client/src/i18n/fr.json';
import { describeE2E, launchBrowser } from '../helpers/browser';
import { Browser as HttpClient } from '../helpers/http';
import { demoAccount } from '../helpers/demo';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { acceptCharter, expectedFailure, openTab, pathname, signIn, signInToDashboard, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';

describeE2E('identity: sign-in, charter, dashboard, access control, suspension', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  const tab = async (ignore: RegExp[] = []) => {
    const opened = await openTab(browser, ignore);
    tabs.push(opened);
    return opened;
  };

  beforeAll(async () => {
    // The server serves dist/client but builds nothing: make sure the build matches the sources.
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer();
    browser = await launchBrowser();
  });

  afterEach(async () => {
    for (const opened of tabs.splice(0)) await opened.context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('a parent must accept the charter before the dashboard, then sees both children’s classes', async () => {
    // Expected: the signed-out `/api/me` (401) and the dashboard refused before the charter (403).
    const { page, errors } = await tab([expectedFailure(401, '/api/me'), expectedFailure(403, '/api/dashboard')]);

    // Signed out, a private page sends to the sign-in page.
    await page.goto(`${server.url}/accueil`);
    await page.waitForURL((url) => url.pathname === '/connexion');

    const { status, me } = await signIn(page, server.url, server.dataDir, 'helene.garnier');
    expect(status).toBe(200);
    expect(me?.charter.accepted).toBe(false);
    await page.waitForURL((url) => url.pathname === '/charte');
    await page.getByRole('heading', { level: 2, name: /parents/i }).waitFor();
    expect(await page.getByRole('button', { name: fr.charter.accept }).isVisible()).toBe(true);

    // The dashboard is not reachable yet: the UI sends back to the charter, the API refuses.
    await page.goto(`${server.url}/accueil`);
    await page.getByRole('heading', { level: 1, name: fr.charter.title }).waitFor();
    expect(pathname(page)).toBe('/charte');
    const refused = await page.evaluate(async () => {
      const response = await fetch('/api/dashboard');
      return { status: response.status, body: (await response.json()) as { error: { code: string } } };
    });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'CHARTER_REQUIRED' } } });

    // Accepting needs the box ticked.
    await page.getByRole('button', { name: fr.charter.accept }).click();
    await page.getByText(fr.charter.checkboxRequired).waitFor();
    await acceptCharter(page);
    // A parent's home is the family page; the dashboard is in the menu.
    expect(pathname(page)).toBe('/famille');
    await page.goto(`${server.url}/accueil`);

    await page.getByRole('heading', { level: 1, name: 'Bonjour, Hélène Garnier' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Louis Garnier — CE2' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Zoé Garnier — CM2' }).waitFor();
    const classNames = await page.getByTestId('class-card').getByRole('heading').allTextContents();
    expect(classNames.sort()).toEqual(['CE2', 'CM2']);
    expect(await page.getByTestId('signed-in-user').textContent()).toBe('Hélène Garnier');
    expect(await page.getByRole('button', { name: fr.auth.signOut }).isVisible()).toBe(true);
    // No administration in a parent's navigation.
    const nav = page.getByRole('navigation', { name: fr.a11y.mainNavigation });
    expect(await nav.getByRole('link', { name: fr.nav.adminUsers }).count()).toBe(0);

    // Signing out returns to the sign-in page, and the dashboard is closed again.
    await page.getByRole('button', { name: fr.auth.signOut }).click();
    await page.getByTestId('sign-out-notice').getByText(fr.auth.notices.signedOut).waitFor();
    await page.goto(`${server.url}/accueil`);
    await page.waitForURL((url) => url.pathname === '/connexion');

    errors.assertNone('during the parent’s first sign-in');
  });

  it('a pupil opening an admin page gets "accès refusé", and the denial is in the audit log', async () => {
    const { page, errors } = await tab([expectedFailure(403, '/api/admin/users')]);
    const pupil = await signInToDashboard(page, server.url, server.dataDir, 'lea.martin');

    const answer = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/admin/users');
    await page.goto(`${server.url}/admin/utilisateurs`);
    const response = await answer;
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const denied = page.getByTestId('access-denied');
    await denied.waitFor();
    expect(await denied.textContent()).toContain(fr.accessDenied.title);
    expect(await page.getByTestId('user-list').count()).toBe(0);

    // The director, in another context, reads the log through the API.
    const director = new HttpClient(server.url);
    const account = demoAccount(server.dataDir, 'isabelle.moreau');
    expect((await director.login(account.login, account.password)).status).toBe(200);
    await director.acceptCharters();
    const log = await director.get<ResultPage<AuditEntry>>('/api/audit?event=access.denied&pageSize=200');
    expect(log.status).toBe(200);
    const entry = log.body.items.find((item) => item.actor.userId === pupil.user.id);
    expect(entry).toBeDefined();
    expect(entry).toMatchObject({ event: 'access.denied', status: 'denied', actor: { profile: 'pupil' } });
    expect(entry!.reason).toMatch(/FORBIDDEN/);

    errors.assertNone('on the refused admin page');
  });

  it('a teacher suspends a signed-in pupil: the pupil is out within 2 s and cannot sign in again', async () => {
    // The pupil's tab: `/api/me` answers 401 once suspended, and the new sign-in 403.
    const pupilTab = await tab([expectedFailure(401, '/api/me'), expectedFailure(403, '/api/auth/login')]);
    const teacherTab = await tab();
    await signInToDashboard(pupilTab.page, server.url, server.dataDir, 'yanis.belkacem');
    // The live Socket.IO connection is up.
    await pupilTab.page.locator('[data-testid="live-state"][data-state="online"]').waitFor();

    const teacher = teacherTab.page;
    await signInToDashboard(teacher, server.url, server.dataDir, 'claire.fontaine');
    await teacher.getByRole('link', { name: fr.dashboard.openRoster.replace('{{name}}', 'CE2') }).click();
    const row = teacher.getByTestId('user-yanis.belkacem');
    await row.getByRole('button', { name: 'Suspendre Yanis Belkacem' }).click();
    const dialog = teacher.getByRole('dialog');
    await dialog.getByLabel(fr.admin.suspend.reason).fill('Messages insultants répétés, après entretien avec l’élève et sa famille.');
    const suspended = teacher.waitForResponse((response) => response.url().endsWith('/suspend'));
    await dialog.getByRole('button', { name: fr.admin.suspend.confirm }).click();
    expect((await suspended).status()).toBe(200);

    // Without a reload, the pupil's tab is on the sign-in page, saying the account was suspended (how fast is the
    // benchmarks' business: a loaded machine must not fail this).
    const notice = pupilTab.page.getByTestId('sign-out-notice');
    await notice.waitFor({ timeout: LIVE_MS });
    expect(pathname(pupilTab.page)).toBe('/connexion');
    expect(await notice.textContent()).toContain('Ce compte a été suspendu');

    // The teacher sees the new state.
    await row.getByText(fr.admin.status.suspended).waitFor();
    await row.getByRole('button', { name: 'Rétablir Yanis Belkacem' }).waitFor();

    // Signing in again fails with the suspended message.
    const again = await signIn(pupilTab.page, server.url, server.dataDir, 'yanis.belkacem');
    expect(again.status).toBe(403);
    const alert = pupilTab.page.getByTestId('sign-in-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(fr.auth.errors.suspended);

    pupilTab.errors.assertNone('in the suspended pupil’s tab');
    teacherTab.errors.assertNone('in the teacher’s tab');
  });

  it('the director imports a class list, prints the connection sheets, and a new pupil goes through the first sign-in', async () => {
    const directorTab = await tab();
    const { page, context } = directorTab;
    // Every tab of this context (the sheets open in a new one) is watched, CSP violations included.
    const contextErrors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error') contextErrors.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
    });
    await signInToDashboard(page, server.url, server.dataDir, 'isabelle.moreau');

    await page.getByRole('navigation', { name: fr.a11y.mainNavigation }).getByRole('link', { name: fr.nav.adminImport }).click();
    await page.getByRole('heading', { level: 1, name: fr.admin.import.title }).waitFor();
    await page.getByRole('combobox', { name: fr.admin.import.class }).click();
    // CM2 is cycle 3: its pupils choose their own password at first sign-in (cycle 2 keeps the given one, issue 18).
    await page.getByRole('option', { name: 'CM2 (2026-2027)' }).click();
    await page.getByLabel(fr.admin.import.csv).fill('nom;prénom;responsable 1 nom;responsable 1 prénom\nDurand;Paul;Durand;Marie');
    // The preview first (issue 17): one pupil and one guardian created, nothing saved before « Confirmer l'import ».
    await page.getByRole('button', { name: fr.admin.import.preview }).click();
    await page.getByTestId('import-counts').filter({ hasText: '1 élève créé, 1 responsable créé' }).waitFor();
    const imported = page.waitForResponse((response) => response.url().endsWith('/api/admin/import/apply'));
    await page.getByRole('button', { name: fr.admin.import.confirm }).click();
    const answer = await imported;
    expect(answer.status()).toBe(200);
    const { accounts } = (await answer.json()) as { accounts: { user: { login: string }; initialPassword: string; kind: string }[] };
    expect(accounts.map((account) => account.kind).sort()).toEqual(['parent', 'pupil']);
    await page.getByTestId('imported-accounts').getByRole('rowheader', { name: 'Paul Durand' }).waitFor();

    // The sheets open in a new tab from a Blob URL, under the app's CSP, without any error.
    const opened = context.waitForEvent('page');
    await page.getByTestId('print-sheets').click();
    const sheets = await opened;
    await sheets.waitForLoadState();
    expect(sheets.url()).toMatch(/^blob:/);
    expect(await sheets.getByRole('heading', { level: 1, name: 'Fiche de connexion à Préau' }).count()).toBe(2);
    const pupil = accounts.find((account) => account.kind === 'pupil')!;
    expect(await sheets.locator('body').textContent()).toContain(pupil.initialPassword);
    await sheets.close();
    directorTab.errors.assertNone('on the import page');
    expect(contextErrors).toEqual([]);

    // The new pupil (CM2): forced password change, in « tu », then the charter, then the dashboard with their class.
    const { page: pupilPage, errors } = await tab();
    await pupilPage.goto(`${server.url}/connexion`);
    await pupilPage.getByLabel(fr.auth.login).fill(pupil.user.login);
    await pupilPage.getByLabel(fr.auth.password).fill(pupil.initialPassword);
    await pupilPage.getByRole('button', { name: fr.auth.submit }).click();
    await pupilPage.getByRole('heading', { level: 1, name: fr.password.forcedTitle_pupil }).waitFor();
    expect(pathname(pupilPage)).toBe('/mot-de-passe');
    await pupilPage.getByLabel(fr.password.current).fill(pupil.initialPassword);
    await pupilPage.getByLabel(new RegExp(`^${fr.password.new}`)).fill('court');
    await pupilPage.getByRole('button', { name: fr.password.submitForced }).click();
    await pupilPage.getByText(fr.validation.tooShort.replace('{{min}}', '8')).waitFor();
    await pupilPage.getByLabel(new RegExp(`^${fr.password.new}`)).fill('un-grand-chene-vert');
    await pupilPage.getByLabel(fr.password.confirm_pupil).fill('un-grand-chene-vert');
    await pupilPage.getByRole('button', { name: fr.password.submitForced }).click();
    await acceptCharter(pupilPage);
    await pupilPage.getByRole('heading', { level: 1, name: 'Bonjour, Paul Durand' }).waitFor();
    expect(await pupilPage.getByTestId('class-card').getByRole('heading').allTextContents()).toEqual(['CM2']);
    errors.assertNone('during the first sign-in of an imported pupil');
  });
  it('the admin manages accounts, but is offered neither to make nor unmake a director, nor to suspend one', async () => {
    const { page, errors } = await tab();
    await signInToDashboard(page, server.url, server.dataDir, 'thomas.lefebvre');
    await page.getByRole('navigation', { name: fr.a11y.mainNavigation }).getByRole('link', { name: fr.nav.adminUsers }).click();
    await page.getByRole('heading', { level: 1, name: fr.admin.users.title }).waitFor();
    await page.getByLabel(fr.admin.users.search).fill('isabelle');
    const row = page.getByTestId('user-isabelle.moreau');
    await row.getByRole('button', { name: fr.admin.actions.profilesLabel.replace('{{name}}', 'Isabelle Moreau') }).waitFor();
    expect(await row.getByRole('button', { name: fr.admin.actions.suspendLabel.replace('{{name}}', 'Isabelle Moreau') }).count()).toBe(0);

    // Her profiles: « Direction » stays ticked and cannot be unticked, and the dialog says why.
    await row.getByRole('button', { name: fr.admin.actions.profilesLabel.replace('{{name}}', 'Isabelle Moreau') }).click();
    const dialog = page.getByRole('dialog');
    const direction = dialog.getByRole('checkbox', { name: fr.profiles.director });
    expect(await direction.isChecked()).toBe(true);
    expect(await direction.isDisabled()).toBe(true);
    await dialog.getByText(adminFr.profiles.directionOnly_other.replace('{{profiles}}', `${fr.profiles.teacher}, ${fr.profiles.director}`)).waitFor();
    await dialog.getByRole('button', { name: fr.common.cancel }).click();

    // A new account may be given any profile but « Direction » and « Enseignant » (the director's to give).
    await page.getByRole('button', { name: fr.admin.create.open }).click();
    const creation = page.getByRole('dialog', { name: fr.admin.create.title });
    await creation.getByRole('checkbox', { name: fr.profiles.staff }).waitFor();
    expect(await creation.getByRole('checkbox', { name: fr.profiles.director }).count()).toBe(0);
    expect(await creation.getByRole('checkbox', { name: fr.profiles.teacher }).count()).toBe(0);
    errors.assertNone('on the admin’s account list');
  });
});
