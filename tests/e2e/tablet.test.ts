/**
 * Préau on a tablet (820×1180, issue 18 « Tablet and phone »): the navigation is a drawer behind a burger below
 * 1024 px and closes after a choice; a wall's columns scroll sideways with snap and the card a pupil adds in the
 * third column is scrolled into view, and so is a card someone adds in the column she looks at; touch targets are
 * at least 44×44 px (WCAG 2.5.5); the card editor keeps « Publier » in view at 1280×800 with a long text and puts
 * its errors next to their field with the limit; a bare domain is taken as a link; the wall settings keep a
 * column's new name when « Ajouter une colonne » follows at once; pupils are offered no export, and the server
 * refuses it to them.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import fr from '../../client/src/i18n/fr.json';
import moderationFr from '../../client/src/features/moderation/i18n/fr.json';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import { describeE2E } from '../helpers/browser';
import type { Browser as HttpClient } from '../helpers/http';
import { openSocket, signedIn } from '../helpers/sockets';
import { expectedFailure, openTab, signInToDashboard, useBrowserWorld, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';

const TABLET = { width: 820, height: 1180 };
const LAPTOP = { width: 1280, height: 800 };
/** WCAG 2.5.5 (target size, enhanced). */
const TOUCH_MIN = 44;
const SECTIONS = [
  { id: 'idees', title: 'Idées', order: 0 },
  { id: 'questions', title: 'Questions', order: 1 },
  { id: 'trouvailles', title: 'Trouvailles', order: 2 },
];

/** The element's box once it is laid out (fails the test when it has none). */
async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  if (!box) throw new Error('no bounding box');
  return box;
}

/** Whether the element is wholly inside the viewport and not covered at its centre (what a finger can reach). */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  if (!box || box.x < 0 || box.y < 0 || box.x + box.width > viewport.width + 0.5 || box.y + box.height > viewport.height + 0.5) return false;
  return locator.evaluate((element, point) => {
    const top = document.elementFromPoint(point.x, point.y);
    return top !== null && (element === top || element.contains(top));
  }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
}

const cardByTitle = (page: Page, title: string) => page.getByTestId('wall-card').filter({ has: page.getByRole('heading', { name: title }) });

describeE2E('Préau on a tablet: navigation, wall columns, touch targets, the card editor', () => {
  // A loaded machine (CI, parallel runs) may take a while to seed the demo school.
  const world = useBrowserWorld({ timeoutMs: 120_000 });
  const tabs: Tab[] = [];
  let teacherHttp: HttpClient;
  let pupilHttp: HttpClient;
  let classId: string;

  const tab = async (viewport: { width: number; height: number }, ignore: RegExp[] = []) => {
    const opened = await openTab(world.browser(), [expectedFailure(401, '/api/me'), ...ignore], viewport);
    tabs.push(opened);
    return opened;
  };
  const signedInTab = async (login: string, viewport = TABLET, ignore: RegExp[] = []) => {
    const opened = await tab(viewport, ignore);
    await signInToDashboard(opened.page, world.server().url, world.server().dataDir, login);
    return opened;
  };
  const newWall = async (title: string): Promise<string> => {
    const answer = await teacherHttp.post<{ id: string }>('/api/spaces', { kind: 'wall', title, scope: { kind: 'class', classId }, settings: { layout: 'columns', sections: SECTIONS } });
    expect(answer.status).toBe(201);
    return answer.body.id;
  };
  const openWall = async (page: Page, spaceId: string) => {
    await page.goto(`${world.server().url}/murs/${spaceId}`);
    await page.getByTestId('wall-board').waitFor();
  };

  beforeAll(async () => {
    teacherHttp = await signedIn(world.server(), 'claire.fontaine');
    pupilHttp = await signedIn(world.server(), 'lea.martin');
    classId = (await pupilHttp.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
  });
  afterAll(async () => {
    for (const opened of tabs) await opened.context.close();
  });

  it('below 1024 px the navigation is a drawer behind a named burger, closed after a choice', async () => {
    const { page, errors } = await signedInTab('lea.martin');
    const nav = page.locator('#navigation-principale');
    const offScreen = async () => {
      const box = await nav.boundingBox();
      return box === null || box.x + box.width <= 0;
    };
    await expect.poll(offScreen).toBe(true);
    // The page takes the whole width: nothing kept for a hidden menu.
    expect((await boxOf(page.locator('main'))).x).toBeLessThan(24);

    const burger = page.getByRole('button', { name: fr.a11y.openNavigation });
    await burger.click();
    await expect.poll(offScreen).toBe(false);
    await nav.getByRole('link', { name: fr.nav.account }).click();
    await page.waitForURL((url) => url.pathname === '/mon-compte');
    await expect.poll(offScreen).toBe(true);
    expect(await page.getByRole('button', { name: fr.a11y.openNavigation }).getAttribute('aria-expanded')).toBe('false');
    errors.assertNone();
  });

  it('a wall’s columns scroll sideways with snap; the card I add in the third column is scrolled into view; touch targets are 44×44', async () => {
    const spaceId = await newWall('Le jardin de la classe');
    const { page, errors } = await signedInTab('lea.martin');
    await openWall(page, spaceId);
    const columns = page.getByTestId('wall-column');
    await expect.poll(() => columns.count()).toBe(3);
    const scroller = page.getByTestId('wall-columns');
    expect(await scroller.evaluate((element) => getComputedStyle(element).scrollSnapType)).toMatch(/^x/);
    expect(await columns.first().evaluate((element) => getComputedStyle(element).scrollSnapAlign)).toMatch(/start/);
    // Each column keeps a readable width; the third one does not fit on the screen.
    expect((await boxOf(columns.first())).width).toBeGreaterThanOrEqual(260);
    const third = await boxOf(columns.nth(2));
    expect(third.x + third.width).toBeGreaterThan(TABLET.width);

    await page.getByTestId('wall-add-card').click();
    const editor = page.getByRole('dialog', { name: wallFr.editor.createTitle });
    await editor.getByLabel(wallFr.editor.title).fill('Un escargot');
    await editor.getByLabel(wallFr.editor.section, { exact: true }).click();
    await page.getByRole('option', { name: 'Trouvailles' }).click();
    await editor.getByTestId('wall-editor-save').click();
    const card = cardByTitle(page, 'Un escargot');
    await card.waitFor({ timeout: LIVE_MS });
    await expect.poll(() => inView(page, card.getByRole('heading', { name: 'Un escargot' })), { timeout: LIVE_MS }).toBe(true);
    expect(await columns.nth(2).getByRole('heading', { name: 'Un escargot' }).count()).toBe(1);

    // Touch targets: the card's drag handle, menu, like and comments; the wall's and the header's buttons.
    const targets: [string, Locator][] = [
      ['drag handle', card.getByRole('button', { name: /^Déplacer la carte/ })],
      ['card menu', card.getByTestId('wall-card-menu')],
      ['like', card.getByTestId('wall-like')],
      ['comments', card.getByTestId('wall-comments-toggle')],
      ['add a card', page.getByTestId('wall-add-card')],
      ['print', page.getByRole('link', { name: wallFr.page.print })],
      ['burger', page.getByRole('button', { name: fr.a11y.openNavigation })],
      ['bell', page.getByTestId('notification-bell')],
      ['language', page.getByRole('group', { name: fr.language.label }).getByRole('button').first()],
    ];
    for (const [name, locator] of targets) {
      const box = await boxOf(locator);
      expect(Math.round(box.width), `${name} width`).toBeGreaterThanOrEqual(TOUCH_MIN);
      expect(Math.round(box.height), `${name} height`).toBeGreaterThanOrEqual(TOUCH_MIN);
    }
    errors.assertNone();
  });

  it('the wall’s new controls are 44×44 too: a column’s handle, « Vie de l’espace », « Dupliquer », the « Corbeille » (home), the editor’s drawing and media buttons, the drawing’s tools', async () => {
    const spaceId = await newWall('Nos outils');
    const binned = await newWall('Mur à jeter');
    expect((await teacherHttp.send('DELETE', `/api/spaces/${binned}`)).status).toBe(200);
    // Every small target is listed at once (name and size), not only the first one.
    const small: string[] = [];
    const measure = async (targets: [string, Locator][]) => {
      for (const [name, locator] of targets) {
        const box = await boxOf(locator);
        if (Math.round(box.width) < TOUCH_MIN || Math.round(box.height) < TOUCH_MIN) small.push(`${name}: ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    };

    const teacher = await signedInTab('claire.fontaine');
    // The « Corbeille » is under the home page's creation form.
    await measure([['« Restaurer »', teacher.page.getByTestId('space-bin-item').filter({ hasText: 'Mur à jeter' }).getByRole('button')]]);
    await teacher.page.goto(`${world.server().url}/murs`);
    await measure([['« Dupliquer »', teacher.page.getByTestId('wall-list-item').filter({ hasText: 'Nos outils' }).getByTestId('space-duplicate')]]);
    await openWall(teacher.page, spaceId);
    await measure([['column handle', teacher.page.getByTestId('wall-section-handle').first()]]);
    await teacher.page.getByTestId('wall-settings').click();
    await measure([
      ['« Archiver »', teacher.page.getByTestId('space-archive')],
      ['« Supprimer »', teacher.page.getByTestId('space-delete')],
    ]);

    const pupil = await signedInTab('lea.martin');
    await openWall(pupil.page, spaceId);
    await pupil.page.getByTestId('wall-add-card').click();
    const editor = pupil.page.getByRole('dialog', { name: wallFr.editor.createTitle });
    await measure([
      ['« Dessiner »', editor.getByTestId('wall-drawing-button')],
      ['« Enregistrer un son »', editor.getByTestId('wall-audio-button')],
      ['« Prendre une photo »', editor.getByTestId('wall-camera-button')],
      ['« Filmer une vidéo »', editor.getByTestId('wall-video-record-button')],
      ['« Envoyer une vidéo »', editor.getByTestId('wall-video-file-button')],
    ]);
    await editor.getByTestId('wall-drawing-button').click();
    const drawing = pupil.page.getByRole('dialog', { name: wallFr.drawing.title });
    await drawing.waitFor();
    const tools = drawing.getByRole('toolbar');
    await expect.poll(() => tools.count()).toBe(2);
    const toolButtons = await tools.getByRole('button').all();
    expect(toolButtons.length).toBeGreaterThanOrEqual(12);
    await measure(await Promise.all(toolButtons.map(async (button, index): Promise<[string, Locator]> => [`drawing tool ${(await button.getAttribute('aria-label')) ?? (await button.innerText())} (${index})`, button])));
    await measure(['wall-drawing-undo', 'wall-drawing-redo', 'wall-drawing-cancel', 'wall-drawing-keep'].map((id): [string, Locator] => [id, drawing.getByTestId(id)]));
    expect(small, 'touch targets under 44×44 px').toEqual([]);
    for (const opened of [teacher, pupil]) opened.errors.assertNone();
  });

  it('a card someone adds in the column I look at is scrolled into view; one in a column I do not look at moves nothing', async () => {
    const spaceId = await newWall('Nos observations');
    const socket = await openSocket(world.server(), await signedIn(world.server(), 'chloe.nguyen'));
    const post = (sectionId: string, title: string) =>
      new Promise((resolve) => socket.emit('wall:card:create', { spaceId, sectionId, title, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Vu ce matin près de la haie, avec la classe.' }] }] } }, resolve));
    try {
      for (let index = 1; index <= 8; index += 1) await post('idees', `Observation ${index}`);
      const { page, errors } = await signedInTab('lea.martin');
      await openWall(page, spaceId);
      await cardByTitle(page, 'Observation 8').waitFor();
      const scroller = page.getByTestId('wall-columns');

      await post('trouvailles', 'Une plume');
      await cardByTitle(page, 'Une plume').waitFor({ timeout: LIVE_MS });
      expect(await scroller.evaluate((element) => element.scrollLeft)).toBe(0);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);

      await post('idees', 'Un rouge-gorge');
      const robin = cardByTitle(page, 'Un rouge-gorge');
      await robin.waitFor({ timeout: LIVE_MS });
      await expect.poll(() => inView(page, robin.getByRole('heading', { name: 'Un rouge-gorge' })), { timeout: LIVE_MS }).toBe(true);
      // On someone else's card, « Signaler » is a touch target too.
      const report = await boxOf(robin.getByRole('button', { name: moderationFr.report.open }));
      expect(Math.min(Math.round(report.width), Math.round(report.height))).toBeGreaterThanOrEqual(TOUCH_MIN);
      errors.assertNone();
    } finally {
      socket.close();
    }
  });

  it('the card editor keeps « Publier » in view at 1280×800 with a long text, and says each error next to its field with the limit', async () => {
    const spaceId = await newWall('Nos textes');
    const { page, errors } = await signedInTab('lea.martin', LAPTOP, [expectedFailure(415, '/files'), expectedFailure(400, '/files')]);
    await openWall(page, spaceId);
    await page.getByTestId('wall-add-card').click();
    const editor = page.getByRole('dialog', { name: wallFr.editor.createTitle });
    await editor.getByLabel(wallFr.editor.title).fill('Mon exposé');
    const body = editor.getByRole('textbox', { name: wallFr.editor.body });
    await body.click();
    for (let line = 1; line <= 30; line += 1) {
      await page.keyboard.type(`Ligne ${line} de mon exposé sur les oiseaux du jardin.`);
      await page.keyboard.press('Enter');
    }
    const save = editor.getByTestId('wall-editor-save');
    await expect.poll(() => inView(page, save)).toBe(true);

    // A wrong type of file: the error is under the file button, in view, and names the types accepted.
    const fileField = editor.getByTestId('wall-file-field');
    await fileField.scrollIntoViewIfNeeded();
    await editor.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('des notes') });
    const typeError = fileField.getByRole('alert').filter({ hasText: /JPEG, PNG, WebP.*PDF/ });
    await typeError.waitFor();
    await expect.poll(() => inView(page, typeError)).toBe(true);
    // A file over the limit is refused before sending, with the limit.
    await editor.locator('input[type=file]').setInputFiles({ name: 'gros.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
    const sizeError = fileField.getByRole('alert').filter({ hasText: /10\sMo au plus/ });
    await sizeError.waitFor();
    await expect.poll(() => inView(page, sizeError)).toBe(true);

    // A text over the limit: said next to the text, with the limit, and nothing is sent.
    await body.fill('Les mésanges '.repeat(170));
    const bodyError = editor.getByTestId('wall-body-field').getByRole('alert').filter({ hasText: /2\s000 caractères au plus/ });
    await bodyError.waitFor();
    await save.click();
    await expect.poll(() => inView(page, bodyError)).toBe(true);
    expect(await editor.isVisible()).toBe(true);
    errors.assertNone();
  });

  it('a bare domain is taken as a link (https), a javascript: address is not', async () => {
    const spaceId = await newWall('Nos liens');
    const { page, errors } = await signedInTab('lea.martin');
    await openWall(page, spaceId);
    await page.getByTestId('wall-add-card').click();
    const editor = page.getByRole('dialog', { name: wallFr.editor.createTitle });
    await editor.getByLabel(wallFr.editor.title).fill('Un site sur les oiseaux');
    const link = editor.getByLabel(wallFr.editor.link);
    await link.fill('javascript:alert(1)');
    await expect.poll(() => editor.getByTestId('wall-editor-save').isDisabled()).toBe(true);
    await link.fill('oiseaux.net');
    await expect.poll(() => editor.getByTestId('wall-editor-save').isDisabled()).toBe(false);
    await editor.getByTestId('wall-editor-save').click();
    const anchor = cardByTitle(page, 'Un site sur les oiseaux').getByTestId('wall-card-link');
    await anchor.waitFor({ timeout: LIVE_MS });
    expect(await anchor.getAttribute('href')).toBe('https://oiseaux.net/');
    errors.assertNone();
  });

  it('the wall settings keep a column’s new name when « Ajouter une colonne » is pressed right after typing', async () => {
    const spaceId = await newWall('Nos colonnes');
    const { page, errors } = await signedInTab('claire.fontaine');
    await openWall(page, spaceId);
    await page.getByTestId('wall-settings').click();
    const drawer = page.getByRole('dialog', { name: wallFr.settings.title });
    await drawer.getByLabel(wallFr.settings.sectionTitle.replace('{{index}}', '1')).fill('Nos questions');
    await drawer.getByRole('button', { name: wallFr.settings.addSection }).click();
    const headings = () => page.getByTestId('wall-board').getByRole('heading', { level: 2 }).allInnerTexts();
    await expect.poll(headings, { timeout: LIVE_MS }).toEqual(['Nos questions', 'Questions', 'Trouvailles', 'Colonne 4']);
    // Kept on the server, not only on this screen.
    const settings = (await teacherHttp.get<{ settings: { sections: { title: string }[] } }>(`/api/spaces/${spaceId}`)).body.settings;
    expect(settings.sections.map((section) => section.title)).toEqual(['Nos questions', 'Questions', 'Trouvailles', 'Colonne 4']);
    errors.assertNone();
  });

  it('« Exporter (JSON) » is offered to the teacher only, and the server refuses the export to a pupil', async () => {
    const spaceId = await newWall('Notre export');
    const pupil = await signedInTab('lea.martin');
    const teacher = await signedInTab('claire.fontaine');
    for (const { page } of [pupil, teacher]) {
      await openWall(page, spaceId);
      await page.getByRole('link', { name: wallFr.page.print }).waitFor();
    }
    expect(await pupil.page.getByRole('link', { name: wallFr.page.export }).count()).toBe(0);
    expect(await teacher.page.getByRole('link', { name: wallFr.page.export }).count()).toBe(1);
    const refused = await pupilHttp.get<{ error: { code: string; message: string } }>(`/api/walls/${spaceId}/export`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/enseignant/);
    expect((await teacherHttp.get(`/api/walls/${spaceId}/export`)).status).toBe(200);
    // The printable version stays open to every reader.
    expect((await pupilHttp.get(`/api/walls/${spaceId}/print`)).status).toBe(200);
    for (const opened of [pupil, teacher]) opened.errors.assertNone();
  });
});
