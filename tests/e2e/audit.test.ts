/**
 * The audit console and a pupil's activity in Chromium. Two pupils of CE2 send a chat message each (a real
 * action, over the real socket); their teacher filters the log of CE2 by event type (two rows), then by author
 * (Léa's row), exports the CSV (which is itself logged), and opens Léa's activity from the class's roster; the
 * director verifies the chain and sees the teacher's reads in « Qui a consulté le journal »; a pupil is refused.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditEntry, AuditEventName } from '../../shared/audit/events';
import { AUDIT_EVENT_LABELS } from '../../shared/audit/labels';
import { parisDateTime } from '../../shared/csv';
import auditFr from '../../client/src/features/audit/i18n/fr.json';
import fr from '../../client/src/i18n/fr.json';
import { describeE2E, launchBrowser } from '../helpers/browser';
import type { Browser as HttpClient } from '../helpers/http';
import { ROOT, startServer, type TestServer } from '../helpers/server';
import { openSocket, signedIn } from '../helpers/sockets';
import { openTab, pathname, signInToDashboard, type Tab } from './support/identity';

const MESSAGE = 'Bonjour la classe, voici mon exposé';
/** An event as the console and the CSV word it in French. */
const label = (event: AuditEventName): string => AUDIT_EVENT_LABELS[event].fr;
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

/** Picks an option of a Mantine Select by typing part of its label. */
async function choose(page: Page, label: string, search: string, option: string): Promise<void> {
  const field = page.getByRole('textbox', { name: label }).or(page.getByRole('combobox', { name: label })).first();
  await field.click();
  await field.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

describeE2E('audit console and pupil activity', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  let teacherApi: HttpClient;
  let classId: string;
  let leaId: string;
  let claireId: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    server = await startServer();
    browser = await launchBrowser();

    // Two pupils of CE2 do something in their class: a message each in the room the teacher opened.
    teacherApi = await signedIn(server, 'claire.fontaine');
    classId = (await teacherApi.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    claireId = (await teacherApi.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const room = await teacherApi.post<{ id: string }>(`/api/chat/classes/${classId}/room`);
    for (const login of ['yanis.belkacem', 'lea.martin']) {
      const pupil = await signedIn(server, login);
      if (login === 'lea.martin') leaId = (await pupil.get<{ user: { id: string } }>('/api/me')).body.user.id;
      const socket = await openSocket(server, pupil);
      const emit = (event: string, payload: unknown) => socket.timeout(5_000).emitWithAck(event, payload) as Promise<{ ok: boolean }>;
      expect((await emit('space:join', { spaceId: room.body.id })).ok).toBe(true);
      expect((await emit('chat:join', { roomId: room.body.id })).ok).toBe(true);
      expect((await emit('chat:send', { roomId: room.body.id, key: crypto.randomUUID(), body: `${MESSAGE} (${login})` })).ok).toBe(true);
      socket.close();
    }
  });

  afterAll(async () => {
    for (const opened of tabs) await opened.context.close();
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('the teacher filters her class’s log by event and author, exports it, and opens a pupil’s activity from the roster', async () => {
    const opened = await openTab(browser);
    tabs.push(opened);
    const { page } = opened;
    await signInToDashboard(page, server.url, server.dataDir, 'claire.fontaine');
    await page.getByRole('navigation', { name: fr.a11y.mainNavigation }).getByRole('link', { name: fr.nav.adminAudit }).click();
    await page.getByRole('heading', { level: 1, name: auditFr.console.title }).waitFor();
    await page.getByTestId('audit-entries').waitFor();

    await choose(page, auditFr.filters.event, 'Message env', label('chat.message_sent'));
    await page.waitForURL((url) => url.searchParams.get('evenement') === 'chat.message_sent');
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe(fill(auditFr.console.total_other, { count: 2 }));
    await choose(page, auditFr.filters.actor, 'Léa', 'Léa Martin');
    await page.waitForURL((url) => url.searchParams.get('auteur') === leaId);
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe(fill(auditFr.console.total_one, { count: 1 }));
    const rows = page.getByTestId('audit-entry');
    expect(await rows.count()).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain(label('chat.message_sent'));
    expect(row).toContain('Léa Martin');
    expect(row).toContain('CE2');

    // The CSV has the same filters: Léa's message, with her id; and the export is itself in the log.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: auditFr.export.button }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^journal-preau-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Date et heure (Paris);Événement;Résultat;Auteur;Profil de l’auteur;Personne concernée;Classe;Espace');
    expect(lines.slice(1)).toHaveLength(1);
    const [when, what, result, author, profile] = lines[1]!.split(';');
    const sent = (await teacherApi.get<{ items: AuditEntry[] }>(`/api/audit?classId=${classId}&event=chat.message_sent&actor=${leaId}`)).body.items[0]!;
    expect(when).toBe(parisDateTime(sent.ts));
    expect([what, result, author, profile]).toEqual(['Message envoyé dans une discussion', 'Réussi', 'Léa Martin', 'Élève']);
    expect(lines[1]).not.toContain(leaId);

    // « Colonnes techniques »: the same row, with the codes, the ids and the chain's hashes.
    await page.getByRole('checkbox', { name: auditFr.export.technical }).check();
    const technical = page.waitForEvent('download');
    await page.getByRole('link', { name: auditFr.export.button }).click();
    const technicalFile = await technical;
    expect(technicalFile.suggestedFilename()).toMatch(/^journal-preau-technique-\d{4}-\d{2}-\d{2}\.csv$/);
    const technicalLines = readFileSync((await technicalFile.path())!, 'utf8').trim().split('\r\n');
    expect(technicalLines[0]).toContain('Empreinte précédente;Empreinte');
    expect(technicalLines[1]).toContain(leaId);
    expect(technicalLines[1]).toContain(';chat.message_sent;');
    expect(technicalLines[1]).toContain(sent.hash);
    const exported = await teacherApi.get<{ items: AuditEntry[] }>(`/api/audit?classId=${classId}&event=audit.exported`);
    expect(exported.body.items[0]).toMatchObject({ event: 'audit.exported', actor: { userId: claireId }, context: { classId } });
    expect(exported.body.items[0]!.reason).toMatch(/^1 rows with the technical columns /);

    // From the class's roster on the console, Léa's activity across spaces.
    await page.getByTestId('class-pupils').getByRole('link', { name: fill(auditFr.roster.openOf, { name: 'Léa Martin' }) }).click();
    await page.waitForURL((url) => url.pathname === `/eleves/${encodeURIComponent(leaId)}/activite`);
    await page.getByRole('heading', { level: 1, name: fill(auditFr.activity.title, { name: 'Léa Martin' }) }).waitFor();
    const activity = page.getByTestId('audit-entries');
    await activity.getByText(label('chat.message_sent')).waitFor();
    await activity.getByText(label('auth.login'), { exact: true }).first().waitFor();

    // The class's own roster page links each pupil's activity too.
    await page.goto(`${server.url}/classes/${encodeURIComponent(classId)}`);
    await page.getByRole('link', { name: fill(fr.admin.actions.activityLabel, { name: 'Léa Martin' }) }).first().click();
    await page.waitForURL((url) => url.pathname === `/eleves/${encodeURIComponent(leaId)}/activite`);
    await page.getByTestId('audit-entries').getByText(label('chat.message_sent')).waitFor();
    opened.errors.assertNone('in the audit console');
  });

  it('a « Du » after the « Au » is said in French next to « Du », the export is turned off, and the server refuses such a period', async () => {
    const opened = await openTab(browser);
    tabs.push(opened);
    const { page } = opened;
    await signInToDashboard(page, server.url, server.dataDir, 'claire.fontaine');
    await page.goto(`${server.url}/journal`);
    await page.getByTestId('audit-entries').waitFor();
    const from = page.getByLabel(auditFr.filters.from, { exact: true });
    const to = page.getByLabel(auditFr.filters.to, { exact: true });
    await to.fill('2026-12-01');
    // The form has rendered the new « Au » (« Du » is bounded by it) before « Du » is typed.
    await expect.poll(() => from.getAttribute('max'), { timeout: 15_000 }).toBe('2026-12-01');
    await from.fill('2026-12-10');
    await page.waitForURL((url) => url.searchParams.get('du') === '2026-12-10' && url.searchParams.get('au') === '2026-12-01');

    const alert = page.getByRole('alert').filter({ hasText: auditFr.filters.rangeOrder });
    await alert.waitFor();
    // Next to « Du »: the message describes that field, and both fields are marked invalid.
    const alertId = await alert.getAttribute('id');
    expect(alertId).toBeTruthy();
    await expect.poll(() => from.getAttribute('aria-describedby'), { timeout: 15_000 }).toContain(alertId!);
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    // No file that would not say what was asked: the export is a disabled button, not a link.
    expect(await page.getByRole('button', { name: auditFr.export.button }).isDisabled()).toBe(true);
    expect(await page.getByRole('link', { name: auditFr.export.button }).count()).toBe(0);

    // Setting « Du » back before « Au » lifts the message.
    await from.fill('2026-11-20');
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByRole('link', { name: auditFr.export.button }).getAttribute('href')).toContain('from=');

    // Asked directly, the server refuses a reversed period in French.
    const refused = await teacherApi.get<{ error: { message: string } }>(`/api/audit?classId=${classId}&from=${Date.UTC(2026, 11, 10)}&to=${Date.UTC(2026, 11, 1)}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^La date de début \(« Du »\) est après la date de fin \(« Au »\)/);
    opened.errors.assertNone('with a reversed period');
  });

  it('the director verifies the chain and sees who read the log', async () => {
    const opened = await openTab(browser);
    tabs.push(opened);
    const { page } = opened;
    await signInToDashboard(page, server.url, server.dataDir, 'isabelle.moreau');
    // The old address of the director's log leads to the console.
    await page.goto(`${server.url}/admin/journal`);
    await page.getByRole('heading', { level: 1, name: auditFr.console.title }).waitFor();
    expect(pathname(page)).toBe('/journal');

    await page.getByRole('button', { name: auditFr.chain.verify }).click();
    const result = page.getByTestId('chain-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.getAttribute('role')).toBe('status');
    expect(await result.textContent()).toMatch(/^Chaîne intacte : \d+ entrées vérifiées\.$/);

    await page.getByRole('button', { name: auditFr.readers.show }).click();
    const readers = page.getByTestId('audit-readers');
    const claireReads = readers.getByTestId('reader-entry').filter({ hasText: 'Claire Fontaine' });
    await claireReads.first().waitFor();
    const events = await claireReads.evaluateAll((rows) => rows.map((row) => row.querySelector('[data-event]')?.getAttribute('data-event')));
    expect(events).toEqual(expect.arrayContaining(['audit.read', 'audit.exported', 'activity.read']));
    await readers.getByText(label('activity.read')).first().waitFor();

    // Her moderation settings: automatic hide after 3 reports, evidence kept 6 months; the change is logged.
    await page.getByRole('navigation', { name: fr.a11y.mainNavigation }).getByRole('link', { name: fr.nav.adminModeration }).click();
    await page.getByRole('heading', { level: 1, name: fr.admin.moderation.title }).waitFor();
    await page.getByRole('switch', { name: fr.admin.moderation.autoHide }).check();
    await page.getByLabel(fr.admin.moderation.reports).fill('3');
    await page.getByLabel(fr.admin.moderation.retention).fill('6');
    await page.getByRole('button', { name: fr.admin.moderation.save }).click();
    await page.getByRole('status').filter({ hasText: fr.admin.moderation.saved }).waitFor();
    const directorApi = await signedIn(server, 'isabelle.moreau');
    expect((await directorApi.get('/api/moderation/settings')).body).toEqual({ autoHideAfterReports: 3, evidenceRetentionMonths: 6 });
    const changed = await directorApi.get<{ items: AuditEntry[] }>('/api/audit?event=moderation.settings_changed');
    expect(changed.body.items[0]?.reason).toBe('automatic hide: 3; evidence kept 6 months');
    opened.errors.assertNone('in the director’s console');
  });

  it('a pupil gets the refusal page, and the console asks the server nothing on their behalf', async () => {
    const opened = await openTab(browser);
    tabs.push(opened);
    const { page } = opened;
    await signInToDashboard(page, server.url, server.dataDir, 'yanis.belkacem');
    expect(await page.getByRole('navigation', { name: fr.a11y.mainNavigation }).getByRole('link', { name: fr.nav.adminAudit }).count()).toBe(0);
    await page.goto(`${server.url}/journal`);
    await page.getByTestId('access-denied').waitFor();
    // No 403 logged in the console: no log, roster or directory request was made.
    opened.errors.assertNone('for a pupil on the console');
  });
});
