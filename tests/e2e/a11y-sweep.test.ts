/**
 * The accessibility sweep (issue 18, Deliver 8): axe-core on every page of every persona, at desktop (1280×800) and
 * phone (390×844) size, with the open states that matter (a modal, drawers, the notification panel, the phone's
 * menu). Any violation of impact « serious » or « critical » fails, listed by rule, target, page and size.
 * The page list is checked against the client's own route table (every `paths.ts`): a route nobody visits fails
 * the sweep, so a new page cannot be left out.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import fr from '../../client/src/i18n/fr.json';
import { describeE2E, launchBrowser } from '../helpers/browser';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { buildSweepWorld, shareSession, SWEEP_LOGINS, type SweepPersona, type SweepWorld } from './support/a11y-world';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type Size = keyof typeof SIZES;
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/** Something to open on a page before sweeping it again (a dialog, a drawer, a panel). */
interface OpenState {
  name: string;
  open(page: Page): Promise<void>;
  sizes?: readonly Size[];
}
interface Visit {
  path: string;
  states?: readonly OpenState[];
}

const dialog = (page: Page) => page.getByRole('dialog').last().waitFor({ state: 'visible' });
const clickTestId = (testId: string, name: string): OpenState => ({
  name,
  async open(page) {
    await page.getByTestId(testId).first().click();
    await dialog(page);
  },
});
const clickButton = (label: string | RegExp, name: string, sizes?: readonly Size[]): OpenState => ({
  name,
  sizes,
  async open(page) {
    await page.getByRole('button', { name: label }).first().click();
    await dialog(page);
  },
});
/** The card editor, then something opened inside it (the drawing dialog, the sound recorder). */
const inCardEditor = (name: string, then?: (page: Page) => Promise<void>): OpenState => ({
  name,
  async open(page) {
    await page.getByTestId('wall-add-card').first().click();
    await page.getByRole('dialog', { name: wallFr.editor.createTitle }).waitFor({ state: 'visible' });
    await then?.(page);
  },
});
const drawingDialog = inCardEditor('drawing dialog', async (page) => {
  await page.getByRole('button', { name: wallFr.drawing.open }).click();
  await page.getByRole('dialog', { name: wallFr.drawing.title }).waitFor({ state: 'visible' });
});
/** The recorder as it is while the browser asks for the microphone, or once it has answered (no device here). */
const soundRecorder = inCardEditor('sound recorder', async (page) => {
  await page.getByRole('button', { name: wallFr.media.recordAudio }).click();
  await page.getByTestId('wall-audio-recorder').waitFor({ state: 'visible' });
});
/** « Vie de l'espace »'s confirmation before a space goes to the bin (in the settings drawer). */
const deleteSpaceDialog: OpenState = {
  name: 'delete space dialog',
  async open(page) {
    await page.getByTestId('wall-settings').first().click();
    await page.getByTestId('space-delete').click();
    await page.getByTestId('space-delete-confirm').waitFor({ state: 'visible' });
  },
};
const phoneMenu: OpenState = {
  name: 'menu',
  sizes: ['phone'],
  async open(page) {
    await page.getByRole('button', { name: fr.a11y.openNavigation }).click();
    await page.getByRole('button', { name: fr.a11y.closeNavigation }).waitFor();
    await page.getByRole('navigation', { name: fr.a11y.mainNavigation }).waitFor({ state: 'visible' });
  },
};
/** The bell's panel (on a phone the bell is a link to the notification centre, swept as a page). */
const bellPanel: OpenState = {
  name: 'notification panel',
  sizes: ['desktop'],
  async open(page) {
    await page.getByTestId('notification-bell').first().click();
    await page.getByTestId('notification-panel').waitFor({ state: 'visible' });
  },
};

/** The pages each persona has, with their ids; every persona also gets the pages all signed-in people have. */
function visitsOf(persona: SweepPersona, w: SweepWorld): Visit[] {
  const wall = `/murs/${w.wallId}`;
  const shared: Visit[] = [
    { path: '/accueil', states: [phoneMenu, bellPanel] },
    { path: '/mon-compte' },
    { path: '/notifications' },
    { path: '/notifications/preferences' },
    { path: '/mes-signalements' },
    { path: '/charte' },
    { path: '/mot-de-passe' },
    { path: '/page-qui-n-existe-pas' },
  ];
  const spaces: Visit[] = [
    { path: '/murs' },
    { path: '/pads' },
    { path: `/pads/${w.padId}` },
    { path: '/forums' },
    { path: `/forums/${w.forumId}` },
    { path: `/forums/${w.forumId}/sujets/${w.topicId}` },
    { path: '/discussions' },
    { path: `/discussions/${w.roomId}` },
  ];
  switch (persona) {
    case 'pupil':
      return [
        ...shared,
        ...spaces,
        { path: wall, states: [clickButton(/^Signaler ce contenu/, 'report modal'), inCardEditor('card editor modal'), drawingDialog, soundRecorder] },
        { path: `${wall}/impression` },
        { path: '/mes-donnees' },
      ];
    case 'pupilModerator':
      return [...shared, { path: wall }, { path: '/moderation' }];
    case 'teacher':
      return [
        ...shared,
        ...spaces.filter((visit) => !visit.path.startsWith('/pads/') && !visit.path.startsWith('/discussions/') && visit.path !== `/forums/${w.forumId}` && visit.path !== '/murs'),
        // The walls page with its templates, an archived wall and the « Corbeille »; « Dupliquer »'s dialog.
        { path: '/murs', states: [clickTestId('space-duplicate', 'duplicate dialog')] },
        {
          path: wall,
          states: [clickTestId('wall-settings', 'wall settings drawer'), clickTestId('wall-add-card', 'card editor modal'), drawingDialog, soundRecorder, deleteSpaceDialog],
        },
        { path: `/pads/${w.padId}`, states: [clickButton('Versions', 'pad versions drawer')] },
        { path: `/discussions/${w.roomId}`, states: [clickButton('Réglages du salon', 'room settings drawer')] },
        { path: `/forums/${w.forumId}`, states: [clickButton('Réglages du forum', 'forum settings drawer')] },
        { path: `/classes/${w.classId}`, states: [clickTestId('class-cards-open', 'class sign-in cards modal')] },
        { path: `/classes/${w.classId}/semaine` },
        { path: '/journal' },
        { path: `/eleves/${w.ids.pupil}/activite` },
        { path: '/moderation' },
      ];
    case 'parent':
      return [...shared, { path: '/famille' }, { path: wall }, { path: '/mes-donnees' }];
    case 'director':
      return [
        ...shared,
        { path: '/journal' },
        { path: '/admin/journal' },
        { path: '/moderation' },
        { path: '/admin/moderation' },
        { path: '/admin/charte' },
        { path: `/eleves/${w.ids.pupil}/activite` },
        { path: '/mes-donnees' },
        { path: '/admin/rectifications' },
        { path: '/admin/annee-scolaire' },
      ];
    case 'admin':
      return [
        ...shared,
        { path: '/admin/utilisateurs', states: [clickButton(fr.admin.create.open, 'create account modal')] },
        { path: '/admin/classes' },
        { path: '/admin/import' },
      ];
    case 'guest':
      return [...shared, { path: '/admin/utilisateurs' }];
  }
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Waits for the page to settle: its title (h1) shown and no loader left (bounded: a page that keeps one is still swept). */
async function settle(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 20_000 });
  await page
    .waitForFunction(() => !document.querySelector('.mantine-Loader-root, [aria-busy="true"]'), undefined, { timeout: 8_000 })
    .catch(() => undefined);
}

/** Runs axe-core on the page as it is and returns its serious and critical violations, one readable line per node. */
async function blockingViolations(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map((node) => `[${violation.impact}] ${violation.id} (${violation.help}) at ${where}: ${JSON.stringify(node.target)}${node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`),
    );
}

/** Every route pattern the client declares: the app's `paths.ts` and each feature's, and any path written in a route table. */
async function declaredRoutes(): Promise<string[]> {
  const modules = [join(ROOT, 'client/src/app/paths.ts')];
  const tables = [join(ROOT, 'client/src/app/router.tsx')];
  const features = join(ROOT, 'client/src/features');
  for (const feature of readdirSync(features)) {
    const files = readdirSync(join(features, feature));
    if (files.includes('paths.ts')) modules.push(join(features, feature, 'paths.ts'));
    if (files.includes('routes.tsx')) tables.push(join(features, feature, 'routes.tsx'));
  }
  const routes = new Set<string>();
  for (const table of tables) {
    const source = readFileSync(table, 'utf8');
    for (const [, path] of source.matchAll(/path:\s*'(\/[^']*)'/g)) routes.add(path!);
    // A path named by an imported constant (`path: SIGN_IN_CARD_PATH`): its value, from the module it comes from.
    for (const [, name] of source.matchAll(/path:\s*([A-Z][A-Z0-9_]*)\b/g)) {
      const from = new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from '([^']+)'`).exec(source)?.[1];
      const value = from ? ((await import(join(dirname(table), `${from}.ts`))) as Record<string, unknown>)[name!] : undefined;
      routes.add(typeof value === 'string' ? value : `unresolved route constant ${name} in ${table}`);
    }
  }
  const collect = (value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('/')) routes.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  for (const module of modules) collect(await import(module));
  return [...routes];
}

const matches = (pattern: string, path: string): boolean =>
  new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/?#]+')}$`).test(path.split(/[?#]/)[0]!);

describeE2E('accessibility sweep (axe-core, every page of every persona, desktop and phone)', () => {
  let server: TestServer;
  let browser: Browser;
  let world: SweepWorld;
  const visited = new Set<string>();

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    // A loaded machine seeds the demo school slowly: a generous start-up wait.
    server = await startServer({ timeoutMs: 120_000 });
    browser = await launchBrowser();
    world = await buildSweepWorld(server);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  /** Sweeps a page (and each of its open states) in one tab; problems are collected, not thrown, so one run lists them all. */
  async function sweep(page: Page, size: Size, who: string, visit: Visit, problems: string[]): Promise<void> {
    visited.add(visit.path);
    const where = (state?: string) => `${visit.path}${state ? ` + ${state}` : ''} (${who}, ${size})`;
    let step: string | undefined;
    try {
      await navigate(page, visit.path);
      problems.push(...(await blockingViolations(page, where())));
      for (const state of visit.states ?? []) {
        if (state.sizes && !state.sizes.includes(size)) continue;
        step = state.name;
        await state.open(page);
        problems.push(...(await blockingViolations(page, where(state.name))));
        await page.reload({ waitUntil: 'domcontentloaded' });
        await settle(page);
      }
    } catch (error) {
      problems.push(`could not sweep ${where(step)}: ${(error as Error).message.split('\n')[0]}`);
      await page.goto(`${server.url}/`, { waitUntil: 'domcontentloaded' }).catch(() => undefined);
    }
  }

  /**
   * Opens a page as the app's own links do (history and popstate: no reload, the live connection stays), or by
   * loading it on the first visit of a tab; then waits for its new title.
   */
  async function navigate(page: Page, path: string): Promise<void> {
    if (!page.url().startsWith(server.url)) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' });
      await settle(page);
      return;
    }
    await page.evaluate((to) => {
      for (const title of document.querySelectorAll('h1')) title.setAttribute('data-swept', '');
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await page.locator('h1:not([data-swept])').first().waitFor({ state: 'visible', timeout: 20_000 });
    await settle(page);
  }

  async function context(size: Size): Promise<BrowserContext> {
    // Reduced motion: Mantine skips its transitions, so a dialog is swept fully shown, not half faded in.
    // CSP bypassed for the test's own axe-core script only (the app's policy forbids scripts it did not serve).
    return browser.newContext({ locale: 'fr-FR', viewport: SIZES[size], reducedMotion: 'reduce', bypassCSP: true });
  }

  for (const size of Object.keys(SIZES) as Size[]) {
    it(`${size}: the signed-out pages`, async () => {
      const tab = await context(size);
      const page = await tab.newPage();
      page.setDefaultTimeout(20_000);
      const problems: string[] = [];
      for (const path of ['/', '/connexion', '/carte']) await sweep(page, size, 'signed out', { path, states: path === '/' ? [phoneMenu] : [] }, problems);
      await tab.close();
      expect(problems, `${problems.length} accessibility problem(s):\n${problems.join('\n')}`).toEqual([]);
    });

    for (const persona of Object.keys(SWEEP_LOGINS) as SweepPersona[]) {
      it(`${size}: every page of ${persona}`, async () => {
        const tab = await context(size);
        await shareSession(tab, server, world.http[persona]);
        const page = await tab.newPage();
        page.setDefaultTimeout(20_000);
        const problems: string[] = [];
        for (const visit of visitsOf(persona, world)) await sweep(page, size, persona, visit, problems);
        await tab.close();
        expect(problems, `${problems.length} accessibility problem(s):\n${problems.join('\n')}`).toEqual([]);
      }, 240_000);
    }
  }

  it('visited every route the client declares (every paths.ts)', async () => {
    const unvisited = (await declaredRoutes()).filter((route) => ![...visited].some((path) => matches(route, path)));
    expect(unvisited, 'routes of paths.ts that the sweep never visited').toEqual([]);
  });
});
