/**
 * Loss of eligibility (issue 17, Deliver 3): the director removes a pupil from the school; they cannot sign in
 * from day 0, their guardian can still export their data during the delay, and once it has passed the daily job
 * erases every personal datum: no row, blob or audit entry holds their name, login or e-mail, while their card
 * stays on the class wall under « Ancien élève » and the audit chain still verifies. On objection, their card
 * is removed instead. The server's calendar moves through CLOCK_FILE; the job runs at a short interval.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETION_DELAY_DAYS_DEFAULT, DELETION_DELAY_DAYS_MAX } from '../../../shared/lifecycle/limits';
import type { WallCard } from '../../../shared/wall/types';
import { EMBEDDED_FILE } from '../../../server/storage/embedded/store';
import { demoAccount } from '../../helpers/demo';
import { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { onMongo, openTestStore, testCollectionNames } from '../../helpers/store';
import { eventually } from '../pad/support';
import { auditEntries, createWall, download, fullSync, joinWall, must } from '../wall/support';

const DAY_MS = 86_400_000;
const JOB_INTERVAL_MS = 300;
const PATIENCE_MS = 60_000;
const EMAIL = 'famille.martin.lea@example.org';
/** Not hers: « Léa Martinez » and the login lea.martin2 contain her name and login; « Paul Martin » shares a word. */
const HOMONYMS = ['Léa Martinez', 'lea.martin2'];
const HOMONYM_TITLE = 'Exposé de Léa Martinez (lea.martin2) et de Paul Martin';

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Where a string occurs in what the server stored: the SQLite file, its WAL and the blob folder's bytes (on MongoDB: every document). */
async function findInStore(dataDir: string, needle: string, others: readonly string[] = []): Promise<string[]> {
  const found: string[] = [];
  // Someone else's words that contain the needle (a homonym's login, a longer name): not theirs.
  const without = (text: string): string => others.reduce((out, other) => out.split(other).join(''), text);
  if (onMongo) {
    const store = await openTestStore(dataDir);
    try {
      for (const name of await testCollectionNames(dataDir)) {
        for (const doc of await store.collection(name).find({})) if (without(JSON.stringify(doc)).includes(needle)) found.push(`${name} ${JSON.stringify(doc).slice(0, 300)}`);
      }
    } finally {
      await store.close();
    }
    return found;
  }
  const bytes = Buffer.from(needle, 'utf8');
  for (const path of [join(dataDir, EMBEDDED_FILE), join(dataDir, `${EMBEDDED_FILE}-wal`), ...filesUnder(join(dataDir, 'blobs'))]) {
    if (!existsSync(path)) continue;
    const content = readFileSync(path);
    let index = content.indexOf(bytes);
    // Past the occurrences inside someone else's words.
    const insideOther = (at: number): boolean =>
      others.some((other) => {
        const otherBytes = Buffer.from(other, 'utf8');
        const offset = otherBytes.indexOf(bytes);
        return offset >= 0 && at - offset >= 0 && content.subarray(at - offset, at - offset + otherBytes.length).equals(otherBytes);
      });
    while (index >= 0 && insideOther(index)) index = content.indexOf(bytes, index + 1);
    if (index >= 0) found.push(`raw bytes of ${path}: …${content.subarray(Math.max(0, index - 150), index + 150).toString('utf8').replace(/[^\x20-\x7e\u00a0-\u024f]/g, '.')}…`);
  }
  // Which rows, to say where (their text as stored).
  const db = new Database(join(dataDir, EMBEDDED_FILE), { readonly: true });
  try {
    for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>) {
        const text = Object.values(row).filter((cell) => typeof cell === 'string').join(' ');
        if (without(text).includes(needle)) found.push(`row of ${name}: ${text.slice(0, 400)}`);
      }
    }
  } finally {
    db.close();
  }
  return found;
}

describe('loss of eligibility: removal, export during the delay, deletion within 90 days', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let clockFile: string;
  let wallId: string;
  let leaCardId: string;
  let chloeCardId: string;
  let chloeId: string;
  let homonymCardId: string;
  const sockets: Socket[] = [];
  /** What an in-process SMTP server received: each message's recipients and raw text. */
  const received: Array<{ to: string[]; raw: string }> = [];
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
  const day0 = Date.now();
  const at = (days: number) => writeFileSync(clockFile, String(day0 + days * DAY_MS));
  const runs = () => server.output().split('\n').filter((line) => line.includes('"job":"lifecycle.deletion"') && line.includes('job ran')).length;

  beforeAll(async () => {
    clockFile = join(mkdtempSync(join(tmpdir(), 'preau-clock-')), 'now');
    await new Promise<void>((listening) => smtp.listen(0, '127.0.0.1', () => listening()));
    const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    server = await startServer({ env: { CLOCK_FILE: clockFile, EVIDENCE_PURGE_INTERVAL_MS: String(JOB_INTERVAL_MS), SMTP_URL: smtpUrl } });
    at(0);
    world = await personaWorld(server);
    const { teacher, pupil } = world.browsers;
    wallId = (await createWall(teacher, world.classId)).id;
    const lea = await joinWall(server, pupil, wallId);
    sockets.push(lea);
    leaCardId = (await must<{ card: WallCard }>(lea, 'wall:card:create', { spaceId: wallId, title: 'Le volcan de Léa Martin' })).card.id;
    // Her guardian's e-mail address (a pupil has none): the removal is told there.
    const preferences = (await world.browsers.parent.get<Record<string, unknown>>('/api/notifications/preferences')).body;
    expect((await world.browsers.parent.send('PUT', '/api/notifications/preferences', { ...preferences, email: 'off', emailAddress: EMAIL })).status).toBe(200);
    const chloe = await signedIn(server, 'chloe.nguyen');
    chloeId = (await chloe.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const chloeWall = await joinWall(server, chloe, wallId);
    sockets.push(chloeWall);
    chloeCardId = (await must<{ card: WallCard }>(chloeWall, 'wall:card:create', { spaceId: wallId, title: 'Le dessin de Chloé' })).card.id;
    // Someone else in the same school: a homonym whose name contains hers, a login that contains hers.
    const teacherSocket = await joinWall(server, teacher, wallId);
    sockets.push(teacherSocket);
    homonymCardId = (await must<{ card: WallCard }>(teacherSocket, 'wall:card:create', { spaceId: wallId, title: HOMONYM_TITLE })).card.id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
    await new Promise<void>((closed) => smtp.close(() => closed()));
  });

  it('keeps the school’s delay at most 90 days, set by the direction only', async () => {
    const { director, teacher } = world.browsers;
    expect((await director.get<{ deletionDelayDays: number }>('/api/lifecycle/settings')).body).toEqual({ deletionDelayDays: DELETION_DELAY_DAYS_DEFAULT });
    expect((await director.send('PUT', '/api/lifecycle/settings', { deletionDelayDays: DELETION_DELAY_DAYS_MAX + 1 })).status).toBe(400);
    expect((await teacher.send('PUT', '/api/lifecycle/settings', { deletionDelayDays: 60 })).status).toBe(403);
    expect((await director.send('PUT', '/api/lifecycle/settings', { deletionDelayDays: DELETION_DELAY_DAYS_MAX })).status).toBe(200);
  });

  it('lets the director only remove a pupil: a teacher is refused', async () => {
    expect((await world.browsers.teacher.post(`/api/admin/users/${world.ids.pupil}/remove`, {})).status).toBe(403);
    expect((await world.browsers.parent.post(`/api/admin/users/${world.ids.pupil}/remove`, {})).status).toBe(403);
  });

  it('day 0: the removed pupil is out at once and cannot sign in again', async () => {
    const removed = await world.browsers.director.post<{ status: string }>(`/api/admin/users/${world.ids.pupil}/remove`, {});
    expect(removed.status).toBe(200);
    expect(removed.body.status).toBe('pending_deletion');
    expect((await world.browsers.pupil.get('/api/me')).status).toBe(401);
    const account = demoAccount(server.dataDir, 'lea.martin');
    const again = await new Browser(server.url).login(account.login, account.password);
    expect(again.status).toBe(403);
    // Its own code (not « suspended »), with the erasure day and the pupil's voice for the sign-in page's words.
    const refusal = (again.body as unknown as { error: { code: string; message: string; issues?: Array<{ code?: string; params?: Record<string, unknown> }> } }).error;
    expect(refusal).toMatchObject({ code: 'ACCOUNT_REMOVED', message: 'This account was removed from the school' });
    expect(refusal.issues?.[0]).toMatchObject({ code: 'removed', params: { reader: 'pupil' } });
    expect(refusal.issues?.[0]?.params?.deletionDate).toBe(day0 + DELETION_DELAY_DAYS_MAX * DAY_MS);
    expect((await auditEntries(world.browsers.director, 'user.removed')).map((entry) => entry.target.id)).toEqual([world.ids.pupil]);
    // Her guardian is told by e-mail (in French, with where to download her data).
    await eventually(() => received.some((mail) => mail.to.includes(EMAIL)), 'the guardian’s e-mail', PATIENCE_MS);
    const told = received.find((mail) => mail.to.includes(EMAIL))!.raw.replace(/=\r?\n/g, '');
    expect(told).toMatch(/^Subject: .*(ferm|=C3=A9)/im);
    expect(told).toContain('/mes-donnees');
    // Chloé's guardian objects to keeping her contributions, then the director removes her.
    expect((await world.browsers.director.post(`/api/admin/users/${chloeId}/remove`, { objectsToKeeping: false })).status).toBe(200);
    const mai = await signedIn(server, 'mai.nguyen');
    expect((await world.browsers.parent.post(`/api/lifecycle/users/${chloeId}/objection`, { objectsToKeeping: true })).status).toBe(403);
    expect((await mai.post(`/api/lifecycle/users/${chloeId}/objection`, { objectsToKeeping: true })).status).toBe(200);
  });

  it('day 30: her guardian can still export her data; nothing is erased yet', async () => {
    at(30);
    const seen = runs();
    await eventually(() => runs() >= seen + 2, 'the deletion job ran twice', PATIENCE_MS);
    // « Mes données » tells her guardian the erasure day and offers the objection.
    const people = (await world.browsers.parent.get<{ people: Array<{ id: string; removal?: { deletionDate: number; objectsToKeeping: boolean } }> }>('/api/my-data')).body.people;
    expect(people.find((person) => person.id === world.ids.pupil)?.removal).toEqual({ deletionDate: day0 + DELETION_DELAY_DAYS_MAX * DAY_MS, objectsToKeeping: false });
    const got = await download(world.browsers.parent, `/api/my-data/${world.ids.pupil}/export`);
    expect(got.status).toBe(200);
    expect(await findInStore(server.dataDir, 'lea.martin')).not.toEqual([]);
    // Her guardian stays: their address is still there.
    expect(await findInStore(server.dataDir, EMAIL)).not.toEqual([]);
  });

  it(`day ${DELETION_DELAY_DAYS_DEFAULT}: nothing stored names her; her card stays as « Ancien élève », Chloé's is gone; the chain verifies`, async () => {
    at(DELETION_DELAY_DAYS_DEFAULT);
    await eventually(async () => (await auditEntries(world.browsers.director, 'user.erased')).length >= 2, 'both pupils erased', PATIENCE_MS);
    const teacherWall = await joinWall(server, world.browsers.teacher, wallId);
    sockets.push(teacherWall);
    const cards = (await fullSync(teacherWall, wallId)).cards;
    const leaCard = cards.find((card) => card.id === leaCardId);
    expect(leaCard?.authorName).toBe('Ancien élève');
    expect(leaCard?.authorId).not.toBe(world.ids.pupil);
    expect(cards.find((card) => card.id === chloeCardId)).toBeUndefined();
    expect(cards.find((card) => card.id === homonymCardId)?.title).toBe(HOMONYM_TITLE);
    expect((await world.browsers.director.get(`/api/admin/users/${world.ids.pupil}`)).status).toBe(404);
    expect((await world.browsers.director.get<{ ok: boolean }>('/api/audit/verify')).body.ok).toBe(true);
  });

  it('runs again without changing anything', async () => {
    const erased = (await auditEntries(world.browsers.director, 'user.erased')).length;
    const seen = runs();
    await eventually(() => runs() >= seen + 2, 'the deletion job ran twice more', PATIENCE_MS);
    expect((await auditEntries(world.browsers.director, 'user.erased')).length).toBe(erased);
    expect((await world.browsers.director.get<{ ok: boolean }>('/api/audit/verify')).body.ok).toBe(true);
  });

  it('leaves no byte of the store naming them: no row, no blob, no log entry (the server stopped: its WAL checkpointed)', async () => {
    for (const socket of sockets) socket.close();
    expect(await server.stop()).toBe(0);
    for (const needle of ['Léa Martin', 'lea.martin', world.ids.pupil, 'Chloé Nguyen', 'chloe.nguyen']) expect(await findInStore(server.dataDir, needle, HOMONYMS), needle).toEqual([]);
  });
});
