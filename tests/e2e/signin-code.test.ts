/**
 * Issue 12, in the browser: a classmate locks Léa's account from the school's computers (raw HTTP, small limits
 * injected through RATE_LIMITS); the sign-in page tells Léa how long to wait, in French; her teacher gives her a
 * one-time code from the class roster (« Code de connexion à usage unique »), and she signs in with it.
 */
import { expect, it } from 'vitest';
import adminFr from '../../client/src/features/admin/i18n/fr.json';
import authFr from '../../client/src/features/auth/i18n/fr.json';
import fr from '../../client/src/i18n/fr.json';
import type { DashboardResponse } from '../../shared/identity/api';
import { describeE2E } from '../helpers/browser';
import { demoAccount } from '../helpers/demo';
import { Browser as HttpClient } from '../helpers/http';
import { signedIn } from '../helpers/sockets';
import { expectedFailure, pathname, useBrowserWorld } from './support/identity';

describeE2E('a locked account and the one-time sign-in code', () => {
  const { server, tab, signedInTab } = useBrowserWorld({
    env: { RATE_LIMITS: JSON.stringify({ signInIp: { points: 100, durationSeconds: 60 }, signInAccountNetwork: { points: 3, durationSeconds: 3600 } }) },
  });

  it('Léa is told to wait; her teacher gives her a code from the roster; she signs in with it', async () => {
    // The classmate, on the same network as the browser (loopback).
    const attacker = new HttpClient(server().url);
    for (let i = 0; i < 6; i += 1) await attacker.login('lea.martin', `devine-${i}`);

    const pupilTab = await tab([expectedFailure(401, '/api/me'), expectedFailure(429, '/api/auth/login')]);
    const { page } = pupilTab;
    await page.goto(`${server().url}/connexion`);
    await page.getByLabel(fr.auth.login).fill('lea.martin');
    await page.getByLabel(fr.auth.password).fill(demoAccount(server().dataDir, 'lea.martin').password);
    await page.getByRole('button', { name: fr.auth.submit, exact: true }).click();
    const refusal = page.getByTestId('sign-in-error');
    await refusal.waitFor();
    const text = (await refusal.textContent()) ?? '';
    expect(text).toMatch(/Trop de tentatives de connexion\. Nouvel essai possible dans \d+ minutes\./);
    expect(text).toContain(authFr.throttled.code);

    // Her teacher, on the class roster.
    const teacherTab = await signedInTab('claire.fontaine');
    const classId = (await (await signedIn(server(), 'claire.fontaine')).get<DashboardResponse>('/api/dashboard')).body.classes[0]!.id;
    await teacherTab.page.goto(`${server().url}/classes/${classId}`);
    await teacherTab.page.getByRole('button', { name: adminFr.signInCode.openLabel.replace('{{name}}', 'Léa Martin') }).click();
    await teacherTab.page.getByRole('button', { name: adminFr.signInCode.create }).click();
    const code = (await teacherTab.page.getByTestId('sign-in-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    await page.getByRole('button', { name: authFr.code.open }).click();
    await page.getByLabel(fr.auth.login).fill('lea.martin');
    await page.getByLabel(authFr.code.label).fill(code.toLowerCase());
    await page.getByRole('button', { name: authFr.code.submit }).click();
    await page.waitForURL((url) => url.pathname === '/charte' || url.pathname === '/accueil');
    expect(['/charte', '/accueil']).toContain(pathname(page));

    pupilTab.errors.assertNone('on the sign-in page of a locked account');
    teacherTab.errors.assertNone('on the roster');
  });
});
