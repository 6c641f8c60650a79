/**
 * « Mes données » (issue 17, deliver 5): a person downloads a ZIP of everything Préau holds about them (a guardian
 * their child's), each download audited; a rectification request reaches the direction's queue and its answer
 * comes back to the requester.
 */
import { unzipSync, strFromU8 } from 'fflate';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import type { MyDataResponse, RectificationQueueResponse, RectificationView } from '../../../shared/mydata/types';
import type { UploadedFile, WallCard } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { png } from '../../fixtures/wall/images';
import { addParagraph, connectPad, createPad, eventually, serverText } from '../pad/support';
import { FORUM_TEST_SERVER, createTopic, following, newForum } from '../forum/support';
import { createWall, download, joinWall, must, upload } from '../wall/support';

const PASSAGE = 'Les volcans crachent de la lave très chaude.';

describe('« Mes données »: my data as a ZIP, my child’s, and rectification requests', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let otherParent: Browser;
  let leaId: string;
  let imageBytes: Buffer;
  let imageUrl: string;
  const sockets: Socket[] = [];

  const exportOf = (browser: Browser, userId: string) => download(browser, `/api/my-data/${userId}/export`);
  const unzip = (data: Buffer): Record<string, Uint8Array> => unzipSync(new Uint8Array(data));
  const json = <T>(files: Record<string, Uint8Array>, name: string): T => JSON.parse(strFromU8(files[name]!)) as T;
  /** Neither the classmate who reported Léa's card nor their id appears anywhere in the ZIP. */
  const namesNoReporter = (files: Record<string, Uint8Array>): void => {
    for (const [name, bytes] of Object.entries(files).filter(([found]) => /\.(json|html)$/.test(found))) {
      const text = strFromU8(bytes);
      expect(text, name).not.toContain('Yanis');
      expect(text, name).not.toContain('Belkacem');
      expect(text, name).not.toContain(world.ids.pupilModerator);
    }
  };

  beforeAll(async () => {
    server = await startServer({ env: { ...FORUM_TEST_SERVER.env, PAD_UNLOAD_GRACE_MS: '50' } });
    world = await personaWorld(server);
    leaId = world.ids.pupil;
    otherParent = await signedIn(server, 'laure.mercier');
    const { teacher, pupil } = world.browsers;

    // Léa's card with an image, on her class's wall.
    const wallId = (await createWall(teacher, world.classId)).id;
    const lea = await joinWall(server, pupil, wallId);
    sockets.push(lea);
    const file = (await upload(pupil, wallId, await png(), 'volcan.png')).body as UploadedFile;
    imageUrl = `/api/walls/${wallId}/files/${file.blobId}`;
    const { card } = await must<{ card: WallCard }>(lea, 'wall:card:create', { spaceId: wallId, title: 'Mon volcan en dessin', attachmentId: file.blobId });
    // A classmate reports it: the reporter is named to no one but those who run the space, never in Léa's ZIP.
    const classmate = await joinWall(server, world.browsers.pupilModerator, wallId);
    sockets.push(classmate);
    await must(classmate, 'report:create', { kind: 'wallCard', itemId: card.id, spaceId: wallId, category: 'autre', text: 'Je signale' });

    // Her forum topic.
    const forumId = await newForum(teacher, world.classId);
    const leaForum = await following(server, pupil, forumId);
    sockets.push(leaForum);
    await createTopic(leaForum, forumId, 'Mon exposé sur les séismes', 'La terre tremble parfois.');

    // Her passage in a pad.
    const padId = (await createPad(teacher, world.classId)).id;
    const client = connectPad(server, pupil, padId);
    await client.synced();
    addParagraph(client.doc, PASSAGE);
    await eventually(async () => (await serverText(server, teacher, padId)).includes(PASSAGE), 'the paragraph reaches the server', 20_000);
    client.destroy();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('gives Léa a ZIP of her data: her card with its image bytes, her forum topic, her pad passage, JSON that parses and a French summary', async () => {
    const got = await exportOf(world.browsers.pupil, leaId);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toMatch(/^application\/zip/);
    expect(String(got.headers['content-disposition'])).toMatch(/attachment; filename="mes-donnees-lea\.martin-/);
    const files = unzip(got.data);
    for (const name of Object.keys(files).filter((found) => found.endsWith('.json'))) expect(() => json(files, name)).not.toThrow();
    expect(json<{ displayName: string; login: string }>(files, 'profil.json')).toMatchObject({ displayName: 'Léa Martin', login: 'lea.martin' });
    expect(JSON.stringify(json(files, 'profil.json'))).not.toMatch(/passwordHash|\$argon|\$scrypt/);
    const cards = json<{ title: string; file: string | null }[]>(files, 'murs-cartes.json');
    const card = cards.find((found) => found.title === 'Mon volcan en dessin');
    expect(card?.file).toMatch(/^fichiers\//);
    // The image's stored bytes, as the wall serves them (the server re-encodes an upload, dropping its metadata).
    imageBytes = (await download(world.browsers.pupil, imageUrl)).data;
    expect(imageBytes.length).toBeGreaterThan(0);
    expect(Buffer.from(files[card!.file!]!).equals(imageBytes)).toBe(true);
    expect(JSON.stringify(json(files, 'forum.json'))).toContain('Mon exposé sur les séismes');
    expect(JSON.stringify(json(files, 'textes-collaboratifs.json'))).toContain(PASSAGE);
    expect(json<{ id: string }[]>(files, 'sessions.json').length).toBeGreaterThan(0);
    expect(JSON.stringify(json(files, 'sessions.json'))).not.toMatch(/csrf/i);
    const html = strFromU8(files['index.html']!);
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).toContain('Mes données');
    expect(html).toContain('Mon volcan en dessin');
    expect(html).toContain(`src="${card!.file}"`);
    expect(html).not.toMatch(/<script/i);
    namesNoReporter(files);
  });

  it('says 429 with a clear message to a second download within the minute', async () => {
    const again = await world.browsers.pupil.get<{ error: { code: string; message: string } }>(`/api/my-data/${leaId}/export`);
    expect(again.status).toBe(429);
    expect(again.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/a minute: retry in \d+ s/) });
  });

  it('gives the ZIP of Léa to her parent, not to another parent nor to a classmate', async () => {
    const mine = await world.browsers.parent.get<MyDataResponse>('/api/my-data');
    expect(mine.body.people.map((person) => person.displayName)).toEqual(['Sophie Renaud', 'Léa Martin']);
    const got = await exportOf(world.browsers.parent, leaId);
    expect(got.status).toBe(200);
    expect(strFromU8(unzip(got.data)['index.html']!)).toContain('Mon volcan en dessin');
    namesNoReporter(unzip(got.data));
    expect(json<{ event: string }[]>(unzip(got.data), 'journal.json').some((entry) => entry.event === 'report.created')).toBe(false);
    expect((await exportOf(otherParent, leaId)).status).toBe(403);
    expect((await exportOf(world.browsers.pupilModerator, leaId)).status).toBe(403);
    expect((await fetch(`${server.url}/api/my-data/${leaId}/export`)).status).toBe(401);
  });

  it('writes each download in the audit log, about Léa', async () => {
    const log = await world.browsers.director.get<{ items: AuditEntry[] }>('/api/audit?event=mydata.exported');
    const about = log.body.items.filter((entry) => entry.target.id === leaId);
    expect(about.map((entry) => entry.actor.userId).sort()).toEqual([leaId, world.ids.parent].sort());
  });

  it('sends a rectification request to the direction’s queue, whose answer Léa reads; a pupil cannot read the queue', async () => {
    const sent = await world.browsers.pupil.post<RectificationView>('/api/my-data/rectifications', { subjectId: leaId, text: 'Mon nom s’écrit Léa avec un accent.' });
    expect(sent.status).toBe(201);
    expect((await world.browsers.pupil.get('/api/admin/rectifications')).status).toBe(403);
    expect((await world.browsers.pupil.post('/api/my-data/rectifications', { subjectId: world.ids.pupilModerator, text: 'Pas moi' })).status).toBe(403);
    const queue = await world.browsers.director.get<RectificationQueueResponse>('/api/admin/rectifications');
    expect(queue.status).toBe(200);
    const request = queue.body.requests.find((found) => found.id === sent.body.id);
    expect(request).toMatchObject({ status: 'open', subjectName: 'Léa Martin', requesterName: 'Léa Martin', text: 'Mon nom s’écrit Léa avec un accent.' });
    expect((await world.browsers.pupil.post(`/api/admin/rectifications/${sent.body.id}/answer`, { status: 'done', answer: 'x' })).status).toBe(403);
    const answered = await world.browsers.director.post<RectificationView>(`/api/admin/rectifications/${sent.body.id}/answer`, { status: 'done', answer: 'C’est corrigé.' });
    expect(answered.status).toBe(200);
    const mine = await world.browsers.pupil.get<MyDataResponse>('/api/my-data');
    expect(mine.body.requests.find((found) => found.id === sent.body.id)).toMatchObject({ status: 'done', answer: 'C’est corrigé.', answeredByName: 'Isabelle Moreau' });
    const log = await world.browsers.director.get<{ items: AuditEntry[] }>('/api/audit?event=mydata.rectification_answered');
    expect(log.body.items.some((entry) => entry.target.id === sent.body.id && entry.target.ownerId === leaId)).toBe(true);
    const asked = await world.browsers.director.get<{ items: AuditEntry[] }>('/api/audit?event=mydata.rectification_requested');
    expect(asked.body.items.some((entry) => entry.target.id === sent.body.id)).toBe(true);
  });
});
