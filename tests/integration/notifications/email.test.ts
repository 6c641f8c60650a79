import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { SMTPServer } from 'smtp-server';
import type { NotificationPreferences } from '../../../shared/notifications/types';
import type { WallCard } from '../../../shared/wall/types';
import { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { joinWall } from '../wall/support';
import { centre, createWall, eventually, must, PATIENCE_MS } from './support';

const utc = (iso: string): number => Date.parse(`${iso}Z`);
const clockFile = join(mkdtempSync(join(tmpdir(), 'preau-email-clock-')), 'now');
const setClock = (instant: number): void => writeFileSync(clockFile, String(instant));

/** One message the in-process SMTP server received: its envelope and its raw text. */
interface Received {
  to: string[];
  raw: string;
}

/** The headers of a raw message (unfolded), by lower-case name, MIME encoded-words decoded. */
function headersOf(raw: string): Map<string, string> {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
  const decodeWords = (value: string): string =>
    value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_all, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
  return new Map(head.split(/\r?\n/).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), decodeWords(line.slice(line.indexOf(':') + 1).trim())]));
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The text of a single-part message (quoted-printable or base64, as nodemailer chose). */
function bodyOf(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const body = raw.slice(split).trim();
  const encoding = headersOf(raw).get('content-transfer-encoding')?.toLowerCase();
  return encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
}

/** How many times the e-mail job ran so far (its « job ran » log lines). */
const emailRuns = (server: TestServer): number => server.output().match(/"job":"notifications\.email"[^\n]*"msg":"job ran"/g)?.length ?? 0;

async function afterEmailRuns(server: TestServer, runs = 3): Promise<void> {
  const target = emailRuns(server) + runs;
  await eventually(() => emailRuns(server) >= target, `${runs} more runs of the e-mail job`, PATIENCE_MS);
}

describe('e-mail summaries', () => {
  const received: Received[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  let server: TestServer;
  let world: PersonaWorld;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Tuesday 8 December 2026, 10:00 in Paris.
    setClock(utc('2026-12-08T09:00'));
    await new Promise<void>((listening) => smtp.listen(0, '127.0.0.1', () => listening()));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    server = await startServer({ env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, CLOCK_FILE: clockFile, NOTIFICATION_RELEASE_INTERVAL_MS: '200' } });
    world = await personaWorld(server);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
    await new Promise<void>((closed) => smtp.close(() => closed()));
  });

  it('a parent who chose a daily e-mail gets one French summary after 17:00, never in her quiet hours, with no pupil’s words, and a link that unsubscribes her without signing in', async () => {
    const { browsers, classId } = world;
    const address = 'sophie.renaud@example.fr';
    const preferences: NotificationPreferences = { kinds: {}, spaces: {}, quietHours: { start: '16:00', end: '20:00', weekends: false }, email: 'daily', emailAddress: address, emailUrgent: false };
    expect((await browsers.parent.send('PUT', '/api/notifications/preferences', preferences)).status).toBe(200);

    const spaceId = (await createWall(browsers.teacher, classId)).id;
    const author = await joinWall(server, browsers.pupil, spaceId);
    sockets.push(author);
    for (const title of ['Mon hérisson Piquant', 'Le nid secret', 'Ma cabane rouge']) await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title });
    await eventually(async () => (await centre(browsers.parent)).notifications.some((n) => n.kind === 'newCard' && n.count === 3), 'the parent’s centre has the three cards', PATIENCE_MS);

    // 10:00: her first summary is the one of this evening, not one at once.
    await afterEmailRuns(server);
    expect(received).toEqual([]);
    // 17:30: the summary is due, but she is in her quiet hours (16:00–20:00): nothing.
    setClock(utc('2026-12-08T16:30'));
    await afterEmailRuns(server);
    expect(received).toEqual([]);
    // 20:30: out of her quiet hours, the summary goes out, once.
    setClock(utc('2026-12-08T19:30'));
    await eventually(() => received.length > 0, 'the summary is received', PATIENCE_MS);
    await afterEmailRuns(server);
    expect(received).toHaveLength(1);

    const [email] = received;
    expect(email!.to).toEqual([address]);
    const headers = headersOf(email!.raw);
    expect(headers.get('subject')).toBe('Préau : votre résumé du jour');
    const text = bodyOf(email!.raw);
    expect(text).toContain('Bonjour Sophie Renaud,');
    expect(text).toContain('3 nouvelles contributions de Léa Martin');
    expect(text).toContain(`À voir sur Préau : http://localhost:${server.port}/`);
    for (const pupilWords of ['hérisson', 'Piquant', 'nid', 'cabane', 'Mur de la classe']) expect(text).not.toContain(pupilWords);
    const link = /http:\/\/\S+\/api\/notifications\/unsubscribe\?token=[\w.-]+/.exec(text)?.[0];
    expect(link).toBeDefined();
    expect(headers.get('list-unsubscribe')).toBe(`<${link}>`);
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // The link works in a browser that never signed in; a changed token does nothing.
    const { pathname, search } = new URL(link!);
    const stranger = new Browser(server.url);
    const tampered = await stranger.get<string>(`${pathname}${search.slice(0, -2)}xx`);
    expect(tampered.status).toBe(400);
    expect((await browsers.parent.get<NotificationPreferences>('/api/notifications/preferences')).body.email).toBe('daily');
    const done = await stranger.get<string>(`${pathname}${search}`);
    expect(done.status).toBe(200);
    expect(done.headers['content-type']).toMatch(/^text\/html/);
    expect(done.body).toContain('Vous ne recevrez plus d’e-mail de Préau');
    expect((await browsers.parent.get<NotificationPreferences>('/api/notifications/preferences')).body).toMatchObject({ email: 'off', emailUrgent: false, emailAddress: address });
    // Audited once (a second click changes nothing and records nothing).
    expect((await stranger.get(`${pathname}${search}`)).status).toBe(200);
    const audited = await browsers.director.get<{ total: number; items: { event: string }[] }>('/api/audit?event=notifications.email_unsubscribed');
    expect(audited.body).toMatchObject({ total: 1, items: [{ event: 'notifications.email_unsubscribed' }] });

    // Unsubscribed: the next day's summary does not go out.
    await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Encore une carte' });
    setClock(utc('2026-12-09T19:30'));
    await afterEmailRuns(server);
    expect(received).toHaveLength(1);
  });
  it('an urgent e-mail at once for a moderation decision on one’s child’s content, and only at the end of one’s quiet hours when in them', async () => {
    const { browsers, classId } = world;
    const father = await signedIn(server, 'nicolas.martin');
    const address = 'nicolas.martin@example.fr';
    // Wednesday 16 December 2026, 10:00 in Paris.
    setClock(utc('2026-12-16T09:00'));
    const preferences: NotificationPreferences = { kinds: {}, spaces: {}, quietHours: { start: '12:00', end: '14:00', weekends: false }, email: 'off', emailAddress: address, emailUrgent: true };
    expect((await father.send('PUT', '/api/notifications/preferences', preferences)).status).toBe(200);
    const toHim = () => received.filter((email) => email.to.includes(address));
    const before = received.length;

    const spaceId = (await createWall(browsers.teacher, classId, { preModeration: true })).id;
    const author = await joinWall(server, browsers.pupil, spaceId);
    const moderator = await joinWall(server, browsers.teacher, spaceId);
    sockets.push(author, moderator);
    const first = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Mon dessin du hérisson' });
    await must(moderator, 'wall:card:approve', { spaceId, cardId: first.card.id });
    await eventually(() => toHim().length === 1, 'the urgent e-mail is received', PATIENCE_MS);
    const urgent = toHim()[0]!;
    expect(headersOf(urgent.raw).get('subject')).toBe('Préau : une décision de modération concerne Léa Martin');
    const text = bodyOf(urgent.raw);
    expect(text).toContain('Un modérateur a pris une décision sur une contribution de Léa Martin : elle a été validée.');
    expect(text).not.toContain('hérisson');
    expect(text).toMatch(/\/api\/notifications\/unsubscribe\?token=/);

    // 12:30, in his quiet hours: another decision is held, told at 14:00.
    setClock(utc('2026-12-16T11:30'));
    const second = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title: 'Mon deuxième dessin' });
    await must(moderator, 'wall:card:approve', { spaceId, cardId: second.card.id });
    await eventually(async () => (await centre(father)).notifications.some((n) => n.kind === 'moderationOfMine' && n.count === 2), 'his centre gathers the second decision', PATIENCE_MS);
    await afterEmailRuns(server);
    expect(toHim()).toHaveLength(1);
    setClock(utc('2026-12-16T13:01'));
    await eventually(() => toHim().length === 2, 'the held urgent e-mail is received when his quiet hours end', PATIENCE_MS);
    // Nobody else chose urgent e-mails (the mother turned e-mails off).
    expect(received.length - before).toBe(2);
  });
});
