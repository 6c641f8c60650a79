/**
 * The language test (issue 18, Deliver 2): the main pages, as a pupil, a teacher and a parent see them in
 * Chromium, hold no English word or technical code in their visible text, and speak to each in their voice: no
 * « vous » to a pupil, no « tu » to an adult. The words and the rules are those the bundles are held to
 * (client/src/i18n/words.ts, voice.test.ts); what the school writes (cards, messages) is written here without
 * either voice, so only Préau's own words are judged.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import wallFr from '../../client/src/features/wall/i18n/fr.json';
import fr from '../../client/src/i18n/fr.json';
import { englishIn, tuIn, vousIn } from '../../client/src/i18n/words';
import { describeE2E } from '../helpers/browser';
import { demoAccounts } from '../helpers/demo';
import type { Browser as HttpClient } from '../helpers/http';
import { signedIn } from '../helpers/sockets';
import { emit, inRoom, newRoom, ok, send } from '../integration/chat/support';
import { createTopic, following, newForum, reply } from '../integration/forum/support';
import { createPad } from '../integration/pad/support';
import { createWall, joinWall, postCard } from '../integration/wall/support';
import { useBrowserWorld } from './support/identity';

type Persona = 'pupil' | 'pupilModerator' | 'teacher' | 'parent';
const LOGINS: Record<Persona, string> = { pupil: 'lea.martin', pupilModerator: 'yanis.belkacem', teacher: 'claire.fontaine', parent: 'sophie.renaud' };
const isPupil = (persona: Persona) => persona === 'pupil' || persona === 'pupilModerator';

interface School {
  classId: string;
  wallId: string;
  padId: string;
  roomId: string;
  forumId: string;
  topicId: string;
}

/** One space of each kind, with content in neither voice, and an open report (console, « Mes signalements »). */
async function fillSchool(server: Parameters<typeof signedIn>[0], teacher: HttpClient, pupil: HttpClient, moderator: HttpClient): Promise<School> {
  const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
  const wall = await createWall(teacher, classId);
  // A pupil moderator of the wall: the moderation console speaks to a pupil too.
  const moderatorId = (await moderator.get<{ user: { id: string } }>('/api/me')).body.user.id;
  const designated = await teacher.post(`/api/spaces/${wall.id}/moderators`, { userId: moderatorId });
  if (designated.status !== 200) throw new Error(`designation failed: ${designated.status}`);
  const teacherWall = await joinWall(server, teacher, wall.id);
  const pupilWall = await joinWall(server, pupil, wall.id);
  await postCard(teacherWall, wall.id, { title: 'Les oiseaux du jardin', sectionId: 'idees' });
  await postCard(pupilWall, wall.id, { title: 'Le rouge-gorge', sectionId: 'idees' });
  teacherWall.close();
  pupilWall.close();
  const pad = await createPad(teacher, classId);
  const roomId = await newRoom(teacher, classId, {}, 'Salon des CE2');
  const teacherRoom = await inRoom(server, teacher, roomId);
  const pupilRoom = await inRoom(server, pupil, roomId);
  await send(teacherRoom.socket, roomId, 'Bonjour à tous !');
  const message = await send(teacherRoom.socket, roomId, 'La sortie est demain.');
  ok(await emit(pupilRoom.socket, 'report:create', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, category: 'hors_sujet', text: 'Pas le bon salon' }));
  await send(pupilRoom.socket, roomId, 'Bonjour maîtresse');
  for (const joined of [teacherRoom, pupilRoom]) joined.socket.close();
  const forumId = await newForum(teacher, classId);
  const teacherForum = await following(server, teacher, forumId);
  const pupilForum = await following(server, pupil, forumId);
  const { topic } = await createTopic(teacherForum, forumId, 'Notre sortie au musée', 'Le musée des dinosaures, jeudi.');
  await reply(pupilForum, forumId, topic.id, 'Les dinosaures !');
  teacherForum.close();
  pupilForum.close();
  return { classId, wallId: wall.id, padId: pad.id, roomId, forumId, topicId: topic.id };
}

/** The pages each persona opens in a school day. */
function pagesOf(persona: Persona, school: School): string[] {
  const spaces = [`/murs/${school.wallId}`, `/pads/${school.padId}`, `/forums/${school.forumId}`, `/forums/${school.forumId}/sujets/${school.topicId}`];
  const own = ['/accueil', '/notifications', '/notifications/preferences', '/mon-compte'];
  if (persona === 'parent') return ['/famille', ...own, ...spaces, '/mes-donnees'];
  const lists = ['/murs', '/pads', '/discussions', `/discussions/${school.roomId}`, '/forums'];
  if (persona === 'pupil') return [...own, ...lists, ...spaces, '/mes-signalements', '/mes-donnees'];
  if (persona === 'pupilModerator') return ['/accueil', `/murs/${school.wallId}`, '/moderation'];
  return [...own, ...lists, ...spaces, '/moderation', '/journal', `/classes/${school.classId}`];
}

/** The page's visible text once its data has arrived (no « Chargement… » left). */
async function visibleText(page: Page): Promise<string> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.locator('h1').first().waitFor({ timeout: 20_000 });
  await expect
    .poll(() => page.evaluate(() => document.body.innerText), { timeout: 20_000 })
    .not.toMatch(/Chargement|Loading/);
  return page.evaluate(() => document.body.innerText);
}

/**
 * What a pupil reads in the wall's card editor: its drawing and media buttons, the drawing dialog (its tools and
 * the canvas's name), and the sound recorder as the browser answers it (no microphone here: its refusal).
 */
async function cardEditorTexts(page: Page, wallUrl: string): Promise<string[]> {
  await page.goto(wallUrl);
  await page.getByTestId('wall-add-card').click();
  const editor = page.getByRole('dialog', { name: wallFr.editor.createTitle });
  await editor.getByTestId('wall-drawing-button').waitFor();
  const texts = [await editor.innerText()];
  await editor.getByTestId('wall-drawing-button').click();
  const drawing = page.getByRole('dialog', { name: wallFr.drawing.title });
  await drawing.waitFor();
  // The canvas and the colours speak through their names only.
  const names = await drawing.locator('[aria-label]').evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
  texts.push(await drawing.innerText(), ...names);
  await drawing.getByTestId('wall-drawing-cancel').click();
  await drawing.waitFor({ state: 'detached' });
  await editor.getByTestId('wall-audio-button').click();
  const recorder = editor.getByTestId('wall-audio-recorder');
  await recorder.getByRole('alert').waitFor({ timeout: 20_000 }).catch(() => undefined);
  texts.push(await recorder.innerText());
  return texts;
}

/** What is wrong on one page for one persona, line by line (a line of the page is a sentence start). */
function problemsOf(persona: Persona, text: string, logins: readonly string[]): string[] {
  // Sign-in names (« lea.martin ») are identifiers the reader types, not codes.
  const readable = logins.reduce((words, login) => words.split(login).join(' '), text);
  return readable
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .flatMap((line) => [
      ...englishIn(line).map((word) => `English or code « ${word} » in « ${line} »`),
      ...(isPupil(persona) ? vousIn(line).map((word) => `« ${word} » to a pupil in « ${line} »`) : tuIn(line).map((word) => `« ${word} » to an adult in « ${line} »`)),
    ]);
}

describeE2E('language: one voice, and no English, on the pages each persona sees', () => {
  const { server, tab } = useBrowserWorld();

  it('a pupil, a pupil moderator, a teacher and a parent read French only, « tu » to the pupils and « vous » to the adults', async () => {
    const http = {} as Record<Persona, HttpClient>;
    for (const persona of Object.keys(LOGINS) as Persona[]) http[persona] = await signedIn(server(), LOGINS[persona]);
    const school = await fillSchool(server(), http.teacher, http.pupil, http.pupilModerator);
    const logins = demoAccounts(server().dataDir).map((account) => account.login);
    // « Mes données » with a request answered by the direction (its status and answer are read too).
    const asked = await http.pupil.post<{ id: string }>('/api/my-data/rectifications', { subjectId: (await http.pupil.get<{ user: { id: string } }>('/api/me')).body.user.id, text: 'Mon prénom prend un accent.' });
    expect(asked.status).toBe(201);
    const director = await signedIn(server(), 'isabelle.moreau');
    expect((await director.post(`/api/admin/rectifications/${asked.body.id}/answer`, { status: 'done', answer: 'C’est corrigé.' })).status).toBe(200);

    const found: string[] = [];
    for (const persona of Object.keys(LOGINS) as Persona[]) {
      const opened = await tab();
      await opened.context.addCookies([...http[persona].cookies].map(([name, value]) => ({ name, value, url: server().url })));
      for (const path of pagesOf(persona, school)) {
        await opened.page.goto(`${server().url}${path}`);
        const text = await visibleText(opened.page);
        found.push(...problemsOf(persona, text, logins).map((problem) => `${persona} ${path}: ${problem}`));
      }
      if (persona === 'pupil') {
        for (const text of await cardEditorTexts(opened.page, `${server().url}/murs/${school.wallId}`)) {
          found.push(...problemsOf(persona, text, logins).map((problem) => `${persona} card editor: ${problem}`));
        }
      }
      await opened.context.close();
    }
    expect([...new Set(found)]).toEqual([]);
  });

  it('tells the direction what is wrong in a class list in French, line by line, with the column', async () => {
    const director = await signedIn(server(), 'isabelle.moreau');
    // The preview answers 200 with the file's problems (issue 17): nothing fails, nothing is saved.
    const opened = await tab();
    const { page } = opened;
    await opened.context.addCookies([...director.cookies].map(([name, value]) => ({ name, value, url: server().url })));
    await page.goto(`${server().url}/admin/import`);
    await page.getByRole('heading', { level: 1, name: fr.admin.import.title }).waitFor();
    await page.getByRole('combobox', { name: fr.admin.import.class }).click();
    await page.getByRole('option', { name: /^CE2/ }).click();
    await page.getByLabel(fr.admin.import.csv).fill(['nom;prénom', 'Durand;Paul', ';Yanis', 'Nguyen;Chloé;Nguyen;', 'durand; PAUL '].join('\n'));
    await page.getByRole('button', { name: fr.admin.import.preview }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Ligne 3' });
    await alert.waitFor();
    const text = await alert.innerText();
    // Was « Ligne 3 : pupil last name is missing » (the server's English).
    expect(text).toContain('Ligne 3 : la colonne « nom de l’élève » est vide');
    expect(text).toContain('Ligne 4 : la colonne « responsable 1 prénom » est vide');
    expect(text).toContain('Ligne 5 : cet élève est déjà à la ligne 2');
    expect(problemsOf('teacher', text, [])).toEqual([]);
  });
});
