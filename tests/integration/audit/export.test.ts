/**
 * The audit log's CSV export as a French spreadsheet reads it (issue 18, Deliver 3): semicolons, French headers,
 * Paris time, events and results in words, names instead of ids, UTF-8 with a BOM, formulas neutralised; the
 * technical columns (`?technical=1`) still let anyone check every row against the chain; a reversed period is
 * refused in French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import { csvCell, parisDateTime, uncsvText } from '../../../shared/csv';
import { hashOf } from '../../../server/audit/verify';
import { parseCsv } from '../../../server/features/directory/csv';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';

const READABLE_HEADERS = ['Date et heure (Paris)', 'Événement', 'Résultat', 'Auteur', 'Profil de l’auteur', 'Personne concernée', 'Classe', 'Espace'];
const TITLE = '=SOMME(A1);"B"';
const MESSAGE = 'Bonjour la classe';

/** The file's rows as cells (the BOM checked and dropped), with a cell getter by header. */
function readCsv(body: string) {
  expect(body.startsWith('\uFEFF')).toBe(true);
  const parsed = parseCsv(body);
  expect(parsed.separator).toBe(';');
  expect(parsed.issues).toEqual([]);
  const [header, ...rows] = parsed.records.map((record) => record.fields);
  const at = (row: string[], name: string): string => {
    const index = header!.indexOf(name);
    expect(index, name).toBeGreaterThanOrEqual(0);
    return row[index]!;
  };
  return { header: header!, rows, at };
}

describe('audit CSV export', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let spaceId: string;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    // A space whose title is a formula (with a semicolon and quotes), and a pupil's chat message in the class room.
    spaceId = (await world.browsers.teacher.post<{ id: string }>('/api/spaces', { kind: 'wall', title: TITLE, scope: { kind: 'class', classId: world.classId } })).body.id;
    const room = await world.browsers.teacher.post<{ id: string }>(`/api/chat/classes/${world.classId}/room`);
    const socket = await openSocket(server, world.browsers.pupil);
    const emit = (event: string, payload: unknown) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<{ ok: boolean }>;
    expect((await emit('space:join', { spaceId: room.body.id })).ok).toBe(true);
    expect((await emit('chat:join', { roomId: room.body.id })).ok).toBe(true);
    expect((await emit('chat:send', { roomId: room.body.id, key: crypto.randomUUID(), body: MESSAGE })).ok).toBe(true);
    socket.close();
  });

  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  it('is French for a spreadsheet: BOM, semicolons, French headers, Paris time, events in words, names, no codes or hashes', async () => {
    const answer = await world.browsers.director.send<string>('GET', `/api/audit/export.csv?classId=${world.classId}`);
    expect(answer.status).toBe(200);
    expect(String(answer.headers['content-type'])).toBe('text/csv; charset=utf-8');
    expect(String(answer.headers['content-disposition'])).toMatch(/^attachment; filename="journal-preau-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(answer.body.split('\r\n')[0]).toBe(`\uFEFF${READABLE_HEADERS.join(';')}`);
    const { rows, at } = readCsv(answer.body);
    const api = await world.browsers.director.get<{ items: AuditEntry[] }>(`/api/audit?classId=${world.classId}&pageSize=200`);
    // The log now begins with the export itself; then the rows, newest first, each at its entry's time in Paris.
    expect(api.body.items[0]?.event).toBe('audit.exported');
    expect(rows).toHaveLength(api.body.items.length - 1);
    rows.forEach((row, i) => expect(at(row, 'Date et heure (Paris)')).toBe(parisDateTime(api.body.items[i + 1]!.ts)));
    for (const row of rows) expect(at(row, 'Date et heure (Paris)')).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);

    const sent = rows.find((row) => at(row, 'Événement') === 'Message envoyé dans une discussion');
    expect(sent).toBeDefined();
    expect(at(sent!, 'Auteur')).toBe('Léa Martin');
    expect(at(sent!, 'Profil de l’auteur')).toBe('Élève');
    expect(at(sent!, 'Résultat')).toBe('Réussi');
    expect(at(sent!, 'Classe')).toBe('CE2');

    // The space's title is text, not a formula: quoted (it holds a semicolon), quotes doubled, an apostrophe first.
    expect(answer.body).toContain(csvCell(TITLE));
    expect(csvCell(TITLE)).toBe(`"'=SOMME(A1);""B"""`);
    const created = rows.find((row) => at(row, 'Événement') === 'Espace créé' && at(row, 'Espace') === `'${TITLE}`);
    expect(created && at(created, 'Auteur')).toBe('Claire Fontaine');
    expect(created && at(created, 'Profil de l’auteur')).toBe('Enseignant');

    // No technical column: no event code, no id, no hash, no UTC time.
    expect(answer.body).not.toContain('chat.message_sent');
    expect(answer.body).not.toContain(world.ids.pupil);
    expect(answer.body).not.toContain(spaceId);
    expect(answer.body).not.toMatch(/[0-9a-f]{64}/);
    expect(answer.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('adds the technical columns on demand, from which every row verifies against the chain', async () => {
    const answer = await world.browsers.director.send<string>('GET', '/api/audit/export.csv?technical=1');
    expect(answer.status).toBe(200);
    expect(String(answer.headers['content-disposition'])).toMatch(/filename="journal-preau-technique-\d{4}-\d{2}-\d{2}\.csv"/);
    const { header, rows, at } = readCsv(answer.body);
    expect(header.slice(0, READABLE_HEADERS.length)).toEqual(READABLE_HEADERS);
    expect(header).toEqual(expect.arrayContaining(['N°', 'Horodatage UTC (ISO 8601)', 'Code de l’événement', 'Empreinte précédente', 'Empreinte']));

    const value = (row: string[], name: string): string | null => {
      const cell = uncsvText(at(row, name));
      return cell === '' ? null : cell;
    };
    const entries = rows.map((row) => {
      const change = value(row, 'Modification (JSON)');
      const body: Omit<AuditEntry, '_id' | 'hash' | 'mac'> = {
        schoolId: value(row, 'École')!,
        seq: Number(value(row, 'N°')),
        prevHash: value(row, 'Empreinte précédente')!,
        ts: Date.parse(value(row, 'Horodatage UTC (ISO 8601)')!),
        actor: {
          userId: value(row, 'Id de l’auteur'),
          profile: value(row, 'Code du profil') as AuditEntry['actor']['profile'],
          sessionHash: value(row, 'Empreinte de session'),
          ip: value(row, 'Adresse IP'),
          userAgent: value(row, 'Navigateur'),
        },
        origin: value(row, 'Origine') as AuditEntry['origin'],
        event: value(row, 'Code de l’événement') as AuditEntry['event'],
        target: { type: value(row, 'Type de cible') ?? '', id: value(row, 'Id de la cible'), ownerId: value(row, 'Id du propriétaire') },
        context: { classId: value(row, 'Id de la classe'), spaceId: value(row, 'Id de l’espace') },
        change: change === null ? null : (JSON.parse(change) as AuditEntry['change']),
        reason: value(row, 'Détail technique'),
        status: value(row, 'Code du résultat') as AuditEntry['status'],
      };
      return { body, hash: value(row, 'Empreinte') };
    });
    expect(entries.length).toBeGreaterThan(20);
    // Each row hashes to its « Empreinte », and each « Empreinte précédente » is the « Empreinte » of the entry before.
    for (const { body, hash } of entries) expect(hashOf(body), `seq ${body.seq}`).toBe(hash);
    const bySeq = [...entries].sort((a, b) => a.body.seq - b.body.seq);
    for (let i = 1; i < bySeq.length; i += 1) {
      if (bySeq[i]!.body.seq === bySeq[i - 1]!.body.seq + 1) expect(bySeq[i]!.body.prevHash).toBe(bySeq[i - 1]!.hash);
    }
    // A row altered in the file no longer verifies.
    const forged = { ...bySeq[1]!.body, reason: 'rien à signaler' };
    expect(hashOf(forged)).not.toBe(bySeq[1]!.hash);
    // The same chain, as the server verifies it.
    expect((await world.browsers.director.get<{ ok: boolean }>('/api/audit/verify')).body.ok).toBe(true);
  });

  it('refuses a period that ends before it starts, in French, rather than answering nothing', async () => {
    const [from, to] = [Date.UTC(2026, 11, 10), Date.UTC(2026, 11, 1)];
    for (const path of [`/api/audit?from=${from}&to=${to}`, `/api/audit/export.csv?from=${from}&to=${to}`, `/api/users/${world.ids.pupil}/activity?from=${from}&to=${to}`]) {
      const answer = await world.browsers.director.get<{ error: { code: string; message: string; issues: { path: string }[] } }>(path);
      expect(answer.status, path).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION');
      expect(answer.body.error.message).toBe('La date de début (« Du ») est après la date de fin (« Au ») : la période est impossible.');
      expect(answer.body.error.issues[0]?.path).toBe('from');
    }
    // The same day on both ends is a period.
    expect((await world.browsers.director.get(`/api/audit?from=${to}&to=${to}`)).status).toBe(200);
  });
});
