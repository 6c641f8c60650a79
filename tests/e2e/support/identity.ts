import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { MeResponse } from '../../../shared/identity/api';
import fr from '../../../client/src/i18n/fr.json';
import { collectPageErrors, launchBrowser, type PageErrors } from '../../helpers/browser';
import { demoAccount } from '../../helpers/demo';
import { ROOT, startServer, type StartServerOptions, type TestServer } from '../../helpers/server';

/**
 * Chromium logs every 4xx/5xx answer as "Failed to load resource: … status of N". The ones a step expects
 * (a 401 for a signed-out `/api/me`, a 403 on purpose) are listed per tab and ignored; anything else fails.
 */
export function expectedFailure(status: number, path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b.*${escaped}`);
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  errors: PageErrors;
}

/** A fresh browser context (own cookies and storage) in French, with its console watched. */
export async function openTab(browser: Browser, ignore: RegExp[] = [], viewport = { width: 1280, height: 900 }): Promise<Tab> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page, errors: collectPageErrors(page, { ignore }) };
}

export const pathname = (page: Page): string => new URL(page.url()).pathname;

/** Fills the sign-in form of `/connexion` and resolves with the login answer (status and body). */
export async function signIn(page: Page, baseUrl: string, dataDir: string, login: string): Promise<{ status: number; me: MeResponse | null }> {
  const { password } = demoAccount(dataDir, login);
  if (pathname(page) !== '/connexion') await page.goto(`${baseUrl}/connexion`);
  await page.getByRole('heading', { level: 1, name: fr.auth.title }).waitFor();
  await page.getByLabel(fr.auth.login).fill(login);
  await page.getByLabel(fr.auth.password).fill(password);
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
  await page.getByRole('button', { name: fr.auth.submit }).click();
  const response = await answer;
  return { status: response.status(), me: response.ok() ? ((await response.json()) as MeResponse) : null };
}

/** The home pages a sign-in lands on: « Mon accueil », or the family page for an account that is only a parent. */
const HOMES = ['/accueil', '/famille'];

/** On the charter page: ticks the box, accepts, and waits for the home page. */
export async function acceptCharter(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: fr.charter.title }).waitFor();
  await page.getByLabel(fr.charter.checkbox).check();
  await page.getByRole('button', { name: fr.charter.accept }).click();
  await page.waitForURL((url) => HOMES.includes(url.pathname));
}

/** Signs in (first time: the charter comes first) and waits for the dashboard. */
export async function signInToDashboard(page: Page, baseUrl: string, dataDir: string, login: string): Promise<MeResponse> {
  const { me } = await signIn(page, baseUrl, dataDir, login);
  if (!me) throw new Error(`sign-in of ${login} failed`);
  await page.waitForURL((url) => url.pathname === '/charte' || HOMES.includes(url.pathname));
  if (pathname(page) === '/charte') await acceptCharter(page);
  // A parent lands on the family page: the dashboard is one step further.
  if (pathname(page) !== '/accueil') await page.goto(`${baseUrl}/accueil`);
  await page.getByRole('heading', { level: 1, name: fr.dashboard.title.replace('{{name}}', me.user.displayName) }).waitFor();
  return me;
}

export interface BrowserWorld {
  server: () => TestServer;
  browser: () => Browser;
  /** The tabs opened through `tab` or `signedInTab` and not closed yet. */
  readonly tabs: readonly Tab[];
  /** A fresh tab (see `openTab`), closed with the others. */
  tab(ignore?: RegExp[]): Promise<Tab>;
  /** A fresh tab signed in as `login`, on the dashboard. */
  signedInTab(login: string, ignore?: RegExp[]): Promise<Tab>;
  /** Closes every tab opened so far (after each test, for blocks whose tests must not share tabs). */
  closeTabs(): Promise<void>;
}

/**
 * One built client, server and Chromium for a whole `describe` block: ready before its tests, closed (tabs, browser,
 * server) after. The server and browser are accessors, since they exist only once `beforeAll` ran.
 */
export function useBrowserWorld(options: StartServerOptions = {}): BrowserWorld {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const tabs: Tab[] = [];
  const world: BrowserWorld = {
    server: () => {
      if (!server) throw new Error('the test server is not started yet');
      return server;
    },
    browser: () => {
      if (!browser) throw new Error('the browser is not launched yet');
      return browser;
    },
    tabs,
    async tab(ignore = []) {
      const opened = await openTab(world.browser(), ignore);
      tabs.push(opened);
      return opened;
    },
    async signedInTab(login, ignore = []) {
      const opened = await world.tab(ignore);
      await signInToDashboard(opened.page, world.server().url, world.server().dataDir, login);
      return opened;
    },
    async closeTabs() {
      for (const opened of tabs.splice(0)) await opened.context.close();
    },
  };
  beforeAll(async () => {
    // The server serves dist/client but builds nothing: make sure the build matches the sources.
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer(options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.closeTabs();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });
  return world;
}

/** Opens a pad in a signed-in tab and waits until its editor is connected. */
export async function openPad(page: Page, baseUrl: string, padId: string): Promise<void> {
  await page.goto(`${baseUrl}/pads/${padId}`);
  await page.getByTestId('pad-editor').waitFor();
  await page.locator('[data-testid="pad-status"][data-status="connected"]').waitFor();
}
