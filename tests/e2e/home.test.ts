import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import en from '../../client/src/i18n/en.json';
import fr from '../../client/src/i18n/fr.json';
import { collectPageErrors, describeE2E, launchBrowser, type PageErrors } from '../helpers/browser';
import { ROOT, startServer, type TestServer } from '../helpers/server';

describeE2E('client shell (home, sign-in, language, 404)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: PageErrors;

  beforeAll(async () => {
    // The server serves dist/client but builds nothing: make sure the build matches the sources.
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'fr-FR' }); // fresh localStorage for every test
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    pageErrors = collectPageErrors(page);
  });

  afterEach(async () => {
    await context?.close();
  });

  const h1 = () => page.getByRole('heading', { level: 1 });
  const htmlLang = () => page.evaluate(() => document.documentElement.lang);

  it('renders the French home page with the server state and no console error', async () => {
    const meta = (await (await fetch(`${server.url}/api/meta`)).json()) as { version: string };

    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: fr.home.title }).waitFor();
    expect(await htmlLang()).toBe('fr');
    expect(await page.title()).toBe(fr.home.pageTitle);

    // Landmarks and the skip link (first thing a keyboard user reaches).
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: fr.a11y.mainNavigation }).count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(fr.a11y.skipToContent);

    // What Préau is, and the answer of GET /api/meta.
    await page.getByRole('heading', { level: 3, name: fr.home.features.walls.title }).waitFor();
    await page.getByRole('heading', { level: 3, name: fr.home.features.moderation.title }).waitFor();
    const status = page.getByTestId('server-online');
    await status.waitFor();
    expect(await status.textContent()).toContain(meta.version);

    pageErrors.assertNone('on the home page');
  });

  it('renders the sign-in page at /connexion and shows a translated error when sign-in fails', async () => {
    // Chromium logs the refused login (401, or 404 while the route does not exist) as a failed resource: expected.
    pageErrors.dispose();
    const errors = collectPageErrors(page, { ignore: [/Failed to load resource.*\/api\/auth\/login/] });

    await page.goto(`${server.url}/connexion`);
    await page.getByRole('heading', { level: 1, name: fr.auth.title }).waitFor();
    expect(await page.title()).toBe(fr.auth.pageTitle);

    // Empty submit: our own translated validation messages, no request.
    await page.getByRole('button', { name: fr.auth.submit }).click();
    await page.getByText(fr.auth.loginRequired).waitFor();

    await page.getByLabel(fr.auth.login).fill('eleve.test');
    await page.getByLabel(fr.auth.password).fill('pas-le-bon-mot-de-passe');
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: fr.auth.submit }).click();
    const response = await answer;
    expect(response.request().method()).toBe('POST');
    expect(response.request().postDataJSON()).toEqual({ login: 'eleve.test', password: 'pas-le-bon-mot-de-passe' });
    expect(response.status()).toBeGreaterThanOrEqual(400);

    const alert = page.getByTestId('sign-in-error');
    await alert.waitFor();
    // 404: no login route on this server yet; 401: the route exists and refused these credentials.
    const expectedByStatus: Record<number, string> = { 404: fr.auth.errors.notAvailable, 401: fr.auth.errors.invalidCredentials };
    const expected = expectedByStatus[response.status()];
    const text = (await alert.textContent()) ?? '';
    if (expected) expect(text).toContain(expected);
    expect(text).toContain(fr.auth.errorTitle);

    errors.assertNone('on the sign-in page');
  });

  it('switches to English, keeps the choice after a reload, and back to French', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: fr.home.title }).waitFor();

    await page.getByRole('button', { name: fr.language.en }).click();
    await page.getByRole('heading', { level: 1, name: en.home.title }).waitFor();
    expect(await htmlLang()).toBe('en');
    expect(await page.getByRole('button', { name: en.language.en }).getAttribute('aria-pressed')).toBe('true');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: en.home.title }).waitFor();
    expect(await htmlLang()).toBe('en');

    await page.getByRole('button', { name: en.language.fr }).click();
    await page.getByRole('heading', { level: 1, name: fr.home.title }).waitFor();
    expect(await htmlLang()).toBe('fr');

    pageErrors.assertNone('while switching language');
  });

  it('shows a translated 404 page for an unknown route, and navigates home from it', async () => {
    await page.goto(`${server.url}/cette-page-n-existe-pas`);
    await page.getByRole('heading', { level: 1, name: fr.notFound.title }).waitFor();
    await page.getByRole('link', { name: fr.notFound.backHome }).click();
    await page.getByRole('heading', { level: 1, name: fr.home.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await h1().count()).toBe(1);

    pageErrors.assertNone('on the 404 page');
  });
});
