/**
 * Screenshots of Préau at phone (390×844) and tablet (820×1180) size, for the acceptance of issue 18: the pupil's
 * home, a wall, the moderation console and the parent's page (/famille). Starts the app on a fresh demo school
 * (the tests' helpers), adds a wall in columns with a few cards and a report, signs in as a pupil, a teacher and a
 * parent, and writes the PNGs to docs/screens/.
 *
 * Usage: node --import tsx scripts/screens.ts   (needs Chromium: CHROMIUM_PATH, or /usr/bin/chromium)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../tests/helpers/browser';
import { ROOT, startServer, type TestServer } from '../tests/helpers/server';
import { openSocket, signedIn } from '../tests/helpers/sockets';
import { signInToDashboard } from '../tests/e2e/support/identity';

const OUT = join(ROOT, 'docs', 'screens');
const SIZES = { phone: { width: 390, height: 844 }, tablet: { width: 820, height: 1180 } } as const;
type Size = keyof typeof SIZES;

const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

/** A CE2 wall in three columns with a few pupils' cards, one of them reported (so the console has an item). */
async function seedWall(server: TestServer): Promise<string> {
  const teacher = await signedIn(server, 'claire.fontaine');
  const lea = await signedIn(server, 'lea.martin');
  const chloe = await signedIn(server, 'chloe.nguyen');
  const classId = (await lea.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
  const sections = [
    { id: 'idees', title: 'Idées', order: 0 },
    { id: 'questions', title: 'Questions', order: 1 },
    { id: 'trouvailles', title: 'Trouvailles', order: 2 },
  ];
  const created = await teacher.post<{ id: string }>('/api/spaces', { kind: 'wall', title: 'Le jardin de la classe', scope: { kind: 'class', classId }, settings: { layout: 'columns', sections }, parentsMayComment: true });
  const spaceId = created.body.id;
  const ask = (socket: Awaited<ReturnType<typeof openSocket>>, event: string, payload: unknown) =>
    new Promise<{ ok: boolean; data?: { card: { id: string } } }>((resolve) => socket.emit(event, payload, resolve));
  const [leaSocket, chloeSocket] = [await openSocket(server, lea), await openSocket(server, chloe)];
  try {
    await ask(leaSocket, 'wall:card:create', { spaceId, sectionId: 'idees', title: 'Planter des fraises', body: doc('Au printemps, près du mur qui prend le soleil.'), color: 'rose' });
    await ask(chloeSocket, 'wall:card:create', { spaceId, sectionId: 'idees', title: 'Un hôtel à insectes', body: doc('Avec des bûches et des tiges creuses.'), color: 'vert' });
    await ask(leaSocket, 'wall:card:create', { spaceId, sectionId: 'questions', title: 'Combien de temps pour un radis ?', color: 'jaune' });
    const escargot = await ask(chloeSocket, 'wall:card:create', { spaceId, sectionId: 'trouvailles', title: 'Un escargot', body: doc('Il était sous une feuille de salade.'), link: 'oiseaux.net', color: 'bleu' });
    if (escargot.data) await ask(leaSocket, 'report:create', { kind: 'wallCard', itemId: escargot.data.card.id, spaceId, category: 'hors_sujet', text: 'Ce n’est pas une trouvaille du jardin.', quote: 'Un escargot' });
  } finally {
    leaSocket.close();
    chloeSocket.close();
  }
  return spaceId;
}

/** Waits for the page to settle (fonts, images, live connection) before the picture. */
async function shoot(page: Page, name: string, ready: () => Promise<unknown>): Promise<void> {
  await ready();
  // Nothing still loading: no spinner, and the header's bell has its count.
  await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root') && !document.querySelector('[data-testid="notification-bell"][data-loaded="false"]'), undefined, { timeout: 30_000 }).catch(() => undefined);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  console.log(`[screens] ${path}`);
}

async function screensFor(browser: Browser, server: TestServer, size: Size, spaceId: string): Promise<void> {
  const open = async (login: string) => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: SIZES[size], deviceScaleFactor: 1, hasTouch: true, isMobile: size === 'phone' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signInToDashboard(page, server.url, server.dataDir, login);
    return { context, page };
  };

  const pupil = await open('lea.martin');
  await shoot(pupil.page, `${size}-pupil-home`, () => pupil.page.getByRole('heading', { level: 1 }).waitFor());
  await pupil.page.goto(`${server.url}/murs/${spaceId}`);
  await shoot(pupil.page, `${size}-wall`, () => pupil.page.getByTestId('wall-card').first().waitFor());
  await pupil.context.close();

  const teacher = await open('claire.fontaine');
  await teacher.page.goto(`${server.url}/moderation`);
  await shoot(teacher.page, `${size}-moderation-console`, () => teacher.page.getByRole('heading', { level: 1 }).waitFor());
  await teacher.context.close();

  const parent = await open('sophie.renaud');
  await parent.page.goto(`${server.url}/famille`);
  await shoot(parent.page, `${size}-family`, () => parent.page.getByRole('heading', { level: 1 }).waitFor());
  await parent.context.close();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    const spaceId = await seedWall(server);
    browser = await launchBrowser();
    for (const size of Object.keys(SIZES) as Size[]) await screensFor(browser, server, size, spaceId);
  } finally {
    await browser?.close();
    await server.stop();
    server.cleanup();
  }
}

await main();
