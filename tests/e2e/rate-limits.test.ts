/**
 * The UI says so: when the server refuses an action for going too fast (here the chat's flood limit, injected
 * small through RATE_LIMITS), the page tells the user how long to wait, « tu » to a pupil and « vous » to an adult.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import chatFr from '../../client/src/features/chat/i18n/fr.json';
import { describeE2E } from '../helpers/browser';
import { useBrowserWorld } from './support/identity';
import { eitherVoice } from './support/voice';

const CHAT_WRITES = 2;

async function say(page: Page, text: string): Promise<void> {
  const field = page.getByRole('textbox', { name: eitherVoice(chatFr.composer.label, chatFr.composer.label_pupil) });
  await field.fill(text);
  await field.press('Enter');
}

describeE2E('rate limits: the user is told how long to wait', () => {
  const { server, tabs, signedInTab } = useBrowserWorld({ env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: CHAT_WRITES, durationSeconds: 120 } }) } });
  let roomPath: string;

  const open = async (login: string): Promise<Page> => (await signedInTab(login)).page;

  /** Sends one message more than the limit allows, and returns the notice's text. */
  const flood = async (page: Page, who: string): Promise<string> => {
    await page.goto(`${server().url}${roomPath}`);
    for (let i = 1; i <= CHAT_WRITES; i += 1) {
      await say(page, `${who} ${i}`);
      await page.getByTestId('chat-body').filter({ hasText: `${who} ${i}` }).waitFor();
    }
    await say(page, `${who} de trop`);
    const notice = page.getByTestId('rate-limited');
    await notice.waitFor();
    return (await notice.textContent()) ?? '';
  };

  it('a pupil is told « Doucement ! Tu pourras recommencer dans … secondes. », a teacher with « vous »', async () => {
    const teacher = await open('claire.fontaine');
    await teacher.goto(`${server().url}/discussions`);
    await teacher.getByRole('button', { name: chatFr.rooms.openClassRoom.replace('{{name}}', 'CE2') }).click();
    await teacher.waitForURL((url) => /^\/discussions\/[a-f0-9]{32}$/.test(url.pathname));
    roomPath = new URL(teacher.url()).pathname;

    const pupil = await open('lea.martin');
    expect(await flood(pupil, 'Léa')).toMatch(/^Doucement ! Tu pourras recommencer dans \d+ secondes\./);
    // The refused message is not lost: it is back in the field, and the chat says why.
    await expect.poll(() => pupil.getByRole('textbox', { name: eitherVoice(chatFr.composer.label, chatFr.composer.label_pupil) }).inputValue()).toBe('Léa de trop');

    expect(await flood(teacher, 'Claire')).toMatch(/^Doucement ! Vous pourrez recommencer dans \d+ secondes\./);
    for (const opened of tabs) opened.errors.assertNone('while flooding the chat');
  });
});
