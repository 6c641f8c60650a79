/**
 * Forums in Chromium, one browser context per person: the rules above the editor, the personal-information
 * guard (warning, confirmation, the post held for a teacher and invisible to classmates, the moderators' flags),
 * a teacher's correction that everyone sees as « modifié » while the teacher sees the earlier version, and its
 * publication reaching a classmate live.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import chatFr from '../../client/src/features/chat/i18n/fr.json';
import forumFr from '../../client/src/features/forum/i18n/fr.json';
import { DEFAULT_FORUM_RULES } from '../../shared/forum/settings';
import type { SpaceSummary } from '../../shared/spaces/types';
import { describeE2E, launchBrowser } from '../helpers/browser';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { signedIn } from '../helpers/sockets';
import { openTab, signInToDashboard, type Tab } from './support/identity';
import { LIVE_MS } from './support/live';

const editorOf = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

describeE2E('forums: rules, personal-information guard, live posts, revisions', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  let forumId: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer();
    browser = await launchBrowser();
    const teacher = await signedIn(server, 'claire.fontaine');
    const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    forumId = (await teacher.post<SpaceSummary>('/api/spaces', { kind: 'forum', title: 'Forum des CE2', scope: { kind: 'class', classId } })).body.id;
  });
  afterAll(async () => {
    for (const opened of tabs) await opened.context.close();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('warns before a pupil posts a phone number, holds it for the teacher, who corrects and approves it; posts and edits live', async () => {
    const open = async (login: string) => {
      const opened = await openTab(browser);
      tabs.push(opened);
      await signInToDashboard(opened.page, server.url, server.dataDir, login);
      await opened.page.goto(`${server.url}/forums/${forumId}`);
      await opened.page.getByRole('heading', { level: 1, name: 'Forum des CE2' }).waitFor();
      return opened.page;
    };
    const teacher = await open('claire.fontaine');
    const pupil = await open('lea.martin');
    const classmate = await open('chloe.nguyen');

    // The rules are shown above the editor.
    await pupil.getByRole('button', { name: forumFr.forum.newTopic }).click();
    const rules = pupil.getByTestId('forum-rules');
    await rules.waitFor();
    for (const line of DEFAULT_FORUM_RULES.split('\n')) expect(await rules.getByText(line).count()).toBe(1);

    // A phone number: a warning while typing, then a confirmation before sending.
    await pupil.getByLabel(forumFr.editor.title).fill('Mon anniversaire');
    await editorOf(pupil, forumFr.editor.body_pupil).fill('Venez samedi, appelez ma maman au 06 12 34 56 78');
    await pupil.getByTestId('pii-hint').filter({ hasText: chatFr.pii.phone }).waitFor();
    await pupil.getByRole('button', { name: forumFr.editor.publish }).click();
    const dialog = pupil.getByRole('dialog', { name: chatFr.pii.title });
    await dialog.waitFor();
    // Going back to the text sends nothing…
    await dialog.getByRole('button', { name: chatFr.pii.edit }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await teacher.getByTestId('forum-topic').count()).toBe(0);
    // …sending anyway holds it for a teacher: the teacher's list shows it without a reload, the pupil is told why.
    await pupil.getByRole('button', { name: forumFr.editor.publish }).click();
    await pupil.getByRole('dialog', { name: chatFr.pii.title }).getByRole('button', { name: chatFr.pii.confirm }).click();
    await teacher.getByTestId('forum-topic').filter({ hasText: 'Mon anniversaire' }).waitFor({ timeout: LIVE_MS });
    await pupil.waitForURL((url) => url.pathname.includes('/sujets/'));
    await pupil.getByTestId('forum-notice').filter({ hasText: forumFr.editor.sentPersonalInfo_pupil }).waitFor();
    await pupil.getByTestId('forum-personal-info-held').waitFor();

    // The teacher sees the holds; the pupil does not see the moderators' flags; the classmate sees nothing at all.
    await teacher.getByRole('link', { name: 'Mon anniversaire' }).click();
    const teacherPost = teacher.getByTestId('forum-post').first();
    await teacherPost.getByTestId('forum-pii').waitFor();
    await teacherPost.getByTestId('forum-personal-info').waitFor();
    expect(await pupil.getByTestId('forum-post').first().getByTestId('forum-pii').count()).toBe(0);
    await classmate.reload();
    await classmate.getByRole('heading', { level: 1, name: 'Forum des CE2' }).waitFor();
    expect(await classmate.getByTestId('forum-topic').count()).toBe(0);

    // The teacher removes the number: the pupil sees « modifié » live; the teacher sees the earlier version.
    await teacherPost.getByRole('button', { name: forumFr.post.edit }).click();
    await editorOf(teacher, forumFr.post.editPost).fill('Venez samedi à mon anniversaire !');
    await teacher.getByRole('button', { name: forumFr.editor.save }).click();
    const pupilPost = pupil.getByTestId('forum-post').first();
    await pupilPost.getByText('Venez samedi à mon anniversaire !').waitFor({ timeout: LIVE_MS * 2 });
    await pupilPost.getByTestId('forum-edited').waitFor();
    expect(await pupilPost.getByTestId('forum-revisions-button').count()).toBe(0);
    await teacher.getByTestId('forum-revisions-button').click();
    await teacher.getByTestId('forum-revision').getByText('06 12 34 56 78', { exact: false }).waitFor();
    await teacher.keyboard.press('Escape');

    // The teacher publishes the corrected post: the classmate's list shows it live, never the number.
    await teacher.getByTestId('forum-post').first().getByRole('button', { name: forumFr.post.approve, exact: true }).click();
    await classmate.getByTestId('forum-topic').filter({ hasText: 'Mon anniversaire' }).waitFor({ timeout: LIVE_MS * 2 });
    await classmate.getByRole('link', { name: 'Mon anniversaire' }).click();
    await classmate.getByTestId('forum-post').first().getByText('Venez samedi à mon anniversaire !').waitFor();
    expect(await classmate.getByText('06 12 34 56 78', { exact: false }).count()).toBe(0);
    for (const opened of tabs) opened.errors.assertNone('in the forum');
  });
});
