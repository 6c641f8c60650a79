/**
 * « A pupil sees what a teacher removed »: a designated pupil moderator reads a space like a classmate, plus the
 * first publications they may approve. What a teacher hid, what the personal-information guard holds (a
 * classmate's phone number) and changes waiting for review never reach them: not through the moderation console
 * (lists, live items, `moderation:read`), the wall (sync, live, files, print), the forum or the chat. The teacher
 * still sees everything.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatHistoryPage, ChatMessageView } from '../../../shared/chat/types';
import type { ForumPostView, ForumTopicPage } from '../../../shared/forum/types';
import type { ModeratedItemView, ReportView } from '../../../shared/moderation/types';
import type { WallCard, WallExport } from '../../../shared/wall/types';
import { png } from '../../fixtures/wall/images';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { emit, inRoom, newRoom, ok, send } from '../chat/support';
import { createTopic, following, newForum, reply } from '../forum/support';
import { ask, createWall, deniedCount, download, fullSync, joinWall, must, nextEvent, postCard, record, upload } from '../wall/support';

type Join = { reports: ReportView[]; pending: ModeratedItemView[]; recent: ModeratedItemView[] };
const PHONE = 'appelle-moi au 06 12 34 56 78';

describe('a pupil moderator reads nothing a teacher removed nor what the personal-information guard holds', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let wallId: string;
  let reviewedWallId: string;
  const sockets: Socket[] = [];
  const keep = (socket: Socket) => {
    sockets.push(socket);
    return socket;
  };
  const act = (socket: Socket, spaceId: string, kind: string, itemId: string, action: string, version: number) =>
    ask<{ item: ModeratedItemView }>(socket, 'moderation:act', { kind, itemId, spaceId, action, reasonCode: 'insulte', version });
  const consoleOf = async (who: 'teacher' | 'pupilModerator', spaceId: string) => {
    const socket = keep(await openSocket(server, world.browsers[who]));
    const joined = await must<Join>(socket, 'moderation:join', { scope: { kind: 'space', spaceId } });
    return { socket, joined };
  };

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 100_000, durationSeconds: 60 }, forumWrite: { points: 100_000, durationSeconds: 60 } }) } });
    world = await personaWorld(server);
    wallId = (await createWall(world.browsers.teacher, world.classId)).id;
    reviewedWallId = (await createWall(world.browsers.teacher, world.classId, { preModeration: true })).id;
    await designateModerator(world, wallId);
    await designateModerator(world, reviewedWallId);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  describe('the wall and the console', () => {
    let hiddenCard: WallCard;
    let heldCard: WallCard;
    let imageCard: WallCard;
    let blobId: string;

    it('live: the pupil moderator is told to drop a card a teacher hid, and never gets a held card; the console withdraws it', async () => {
      const teacher = keep(await joinWall(server, world.browsers.teacher, wallId));
      const author = keep(await joinWall(server, world.browsers.pupil, wallId));
      const moderator = keep(await joinWall(server, world.browsers.pupilModerator, wallId));
      const { socket: moderatorConsole } = await consoleOf('pupilModerator', wallId);
      const cards = record<WallCard>(moderator, 'wall:card');
      const items = record<ModeratedItemView>(moderatorConsole, 'moderation:item');

      ({ card: hiddenCard } = await postCard(author, wallId, { title: 'Secret caché par la maîtresse' }));
      const file = await upload(world.browsers.pupil, wallId, await png(32, 32), 'secret.png');
      expect(file.status).toBe(201);
      blobId = (file.body as { blobId: string }).blobId;
      ({ card: imageCard } = await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId: wallId, title: 'Image cachée', attachmentId: blobId }));
      const dropped = [hiddenCard, imageCard].map((card) => nextEvent<{ cardId: string }>(moderator, 'wall:cardDeleted', (info) => info.cardId === card.id));
      const withdrawn = nextEvent<ModeratedItemView>(moderatorConsole, 'moderation:item', (item) => item.id === hiddenCard.id && item.state === 'hidden');
      expect(await act(teacher, wallId, 'wallCard', hiddenCard.id, 'hide', 1)).toMatchObject({ ok: true });
      expect(await act(teacher, wallId, 'wallCard', imageCard.id, 'hide', 1)).toMatchObject({ ok: true });
      await Promise.all(dropped);
      expect(await withdrawn).toMatchObject({ withdrawn: true, excerpt: '', authorName: null, display: { title: null, attachment: null } });

      const teacherSaw = nextEvent<WallCard>(teacher, 'wall:card', (card) => card.status === 'pending' && card.title.includes('Mon numéro'));
      ({ card: heldCard } = await postCard(author, wallId, { title: `Mon numéro : ${PHONE}` }));
      expect(heldCard.status).toBe('pending');
      await teacherSaw;
      // A barrier: a public card posted after reaches the pupil moderator after anything sent before it.
      const barrier = nextEvent<WallCard>(moderator, 'wall:card', (card) => card.title === 'Barrière');
      const barrierItem = nextEvent<ModeratedItemView>(moderatorConsole, 'moderation:item', (item) => item.excerpt.includes('Barrière'));
      await postCard(author, wallId, { title: 'Barrière' });
      await Promise.all([barrier, barrierItem]);
      const heard = JSON.stringify([cards.filter((card) => card.hidden || card.status === 'pending'), items.filter((item) => item.state !== 'visible')]);
      for (const secret of ['Secret caché', 'Image cachée', '06 12 34 56 78', blobId]) expect(heard).not.toContain(secret);
    });

    it('sync, catch-up, print and the file route: nothing of the hidden or held cards; the teacher sees them all', async () => {
      const moderator = keep(await joinWall(server, world.browsers.pupilModerator, wallId));
      const teacher = keep(await joinWall(server, world.browsers.teacher, wallId));
      const ids = (cards: WallCard[]) => cards.map((card) => card.id);
      const removed = [hiddenCard.id, imageCard.id, heldCard.id];
      expect(ids((await fullSync(moderator, wallId)).cards)).not.toEqual(expect.arrayContaining([expect.stringMatching(removed.join('|'))]));
      for (const id of removed) expect(ids((await fullSync(moderator, wallId)).cards)).not.toContain(id);
      for (const id of removed) expect(ids((await fullSync(teacher, wallId)).cards)).toContain(id);
      const catchUp = await must<{ cards: WallCard[]; deletedCardIds: string[] }>(moderator, 'wall:sync', { spaceId: wallId, sinceSeq: 1 });
      for (const id of removed) expect(ids(catchUp.cards)).not.toContain(id);

      const print = await world.browsers.pupilModerator.get<WallExport>(`/api/walls/${wallId}/print`);
      expect(print.status).toBe(200);
      for (const secret of ['Secret caché', 'Image cachée', '06 12 34 56 78']) expect(JSON.stringify(print.body)).not.toContain(secret);
      expect(JSON.stringify((await world.browsers.teacher.get<WallExport>(`/api/walls/${wallId}/print`)).body)).toContain('Secret caché');

      const before = await deniedCount(world.browsers.director);
      expect((await download(world.browsers.pupilModerator, `/api/walls/${wallId}/files/${blobId}`)).status).toBeGreaterThanOrEqual(403);
      expect(await deniedCount(world.browsers.director)).toBeGreaterThan(before);
      expect((await download(world.browsers.teacher, `/api/walls/${wallId}/files/${blobId}`)).status).toBe(200);
    });

    it('the console: no hidden or held item in its lists, and moderation:read refuses them (audited); the teacher gets them all', async () => {
      const { socket, joined } = await consoleOf('pupilModerator', wallId);
      const listed = [...joined.pending, ...joined.recent].map((item) => item.id);
      for (const id of [hiddenCard.id, imageCard.id, heldCard.id]) expect(listed).not.toContain(id);
      expect(JSON.stringify(joined)).not.toContain('06 12 34 56 78');
      const teacher = (await consoleOf('teacher', wallId)).joined;
      for (const id of [hiddenCard.id, imageCard.id, heldCard.id]) expect(teacher.pending.map((item) => item.id)).toContain(id);

      for (const card of [hiddenCard, heldCard]) {
        const before = await deniedCount(world.browsers.director);
        expect(await ask(socket, 'moderation:read', { kind: 'wallCard', itemId: card.id, spaceId: wallId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
        expect(await deniedCount(world.browsers.director)).toBe(before + 1);
      }
    });

    it("a report on a hidden card tells the pupil moderator nothing of it", async () => {
      const classmate = keep(await joinWall(server, world.browsers.pupil, wallId));
      const { card } = await postCard(classmate, wallId, { title: 'Moquerie signalée' });
      const reporter = keep(await joinWall(server, world.browsers.parent, wallId));
      ok(await emit(reporter, 'report:create', { kind: 'wallCard', itemId: card.id, spaceId: wallId, category: 'moquerie', text: 'Pas gentil', quote: 'Moquerie signalée' }));
      const teacher = keep(await joinWall(server, world.browsers.teacher, wallId));
      expect(await act(teacher, wallId, 'wallCard', card.id, 'hide', 1)).toMatchObject({ ok: true });
      const { joined } = await consoleOf('pupilModerator', wallId);
      const report = joined.reports.find((entry) => entry.itemId === card.id);
      if (report) expect(report).toMatchObject({ item: null, excerpt: '', quote: '', itemRemoved: true });
      expect(JSON.stringify(joined)).not.toContain('Moquerie signalée');
    });

    it("a classmate's first publication on a pre-moderated wall: the pupil moderator sees it and approves it", async () => {
      const author = keep(await joinWall(server, world.browsers.pupil, reviewedWallId));
      const moderator = keep(await joinWall(server, world.browsers.pupilModerator, reviewedWallId));
      const arrives = nextEvent<WallCard>(moderator, 'wall:card', (card) => card.title === 'Mon dessin');
      const { card } = await postCard(author, reviewedWallId, { title: 'Mon dessin' });
      expect(card.status).toBe('pending');
      expect(await arrives).toMatchObject({ id: card.id, status: 'pending' });
      expect((await fullSync(moderator, reviewedWallId)).cards.map((c) => c.id)).toContain(card.id);
      const { joined } = await consoleOf('pupilModerator', reviewedWallId);
      expect(joined.pending.find((item) => item.id === card.id)).toMatchObject({ actions: expect.arrayContaining(['approve']) });
      expect(await act(moderator, reviewedWallId, 'wallCard', card.id, 'approve', card.version)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    });
  });

  describe('the forum', () => {
    it('a post a teacher hid and a post held for personal information: no text for the pupil moderator, page or live', async () => {
      const forumId = await newForum(world.browsers.teacher, world.classId);
      await designateModerator(world, forumId);
      const teacher = keep(await following(server, world.browsers.teacher, forumId));
      const author = keep(await following(server, world.browsers.pupil, forumId));
      const moderator = keep(await following(server, world.browsers.pupilModerator, forumId));
      const heard = record<ForumPostView>(moderator, 'forum:post');
      const updated = record<ForumPostView>(moderator, 'forum:postUpdated');
      const { topic } = await createTopic(teacher, forumId, 'Nos vacances', 'Racontez vos vacances.');
      const hidden = await reply(author, forumId, topic.id, 'Réponse méchante cachée');
      ok(await emit(teacher, 'forum:moderate', { forumId, postId: hidden.id, action: 'hide', reasonCode: 'insulte' }));
      const held = await reply(author, forumId, topic.id, `Mon numéro : ${PHONE}`);
      expect(held.status).toBe('pending');
      const barrier = nextEvent<ForumPostView>(moderator, 'forum:post', (post) => post.id !== held.id && post.status === 'published' && post.authorId === world.ids.teacher);
      await reply(teacher, forumId, topic.id, 'Barrière');
      await barrier;
      const page = await world.browsers.pupilModerator.get<ForumTopicPage>(`/api/forums/${forumId}/topics/${topic.id}`);
      expect(page.status).toBe(200);
      // (The hidden reply was published before the teacher hid it: what came before the hide was everyone's.)
      const everything = JSON.stringify([page.body, heard.filter((post) => post.id === held.id), updated.filter((post) => post.id === hidden.id && post.status === 'hidden')]);
      expect(everything).not.toContain('Réponse méchante cachée');
      expect(everything).not.toContain('06 12 34 56 78');
      const teacherPage = JSON.stringify((await world.browsers.teacher.get<ForumTopicPage>(`/api/forums/${forumId}/topics/${topic.id}`)).body);
      expect(teacherPage).toContain('Réponse méchante cachée');
      expect(teacherPage).toContain('06 12 34 56 78');
      // Search finds neither for the pupil moderator; it does for the teacher.
      const search = (browser: typeof world.browsers.teacher, q: string) => browser.get<unknown>(`/api/forums/${forumId}/search?q=${encodeURIComponent(q)}`);
      expect(JSON.stringify((await search(world.browsers.pupilModerator, '06 12')).body)).not.toContain('06 12');
      expect(JSON.stringify((await search(world.browsers.pupilModerator, 'méchante')).body)).not.toContain('méchante');
      expect(JSON.stringify((await search(world.browsers.teacher, 'méchante')).body)).toContain('méchante');
      // Earlier texts of a post (what a teacher corrected or hid) are for those who configure the forum only.
      for (const postId of [hidden.id, held.id]) {
        expect((await world.browsers.pupilModerator.get(`/api/forums/${forumId}/posts/${postId}/revisions`)).status).toBe(403);
        expect((await world.browsers.teacher.get(`/api/forums/${forumId}/posts/${postId}/revisions`)).status).toBe(200);
      }

      // A topic a teacher hid: gone from the pupil moderator's list and page, kept for the teacher.
      const { topic: secret } = await createTopic(author, forumId, 'Sujet caché par la maîtresse', 'Un sujet qui se moque.');
      ok(await emit(teacher, 'forum:topic', { forumId, topicId: secret.id, hidden: true }));
      const list = await world.browsers.pupilModerator.get<unknown>(`/api/forums/${forumId}/topics`);
      expect(JSON.stringify(list.body)).not.toContain('Sujet caché');
      expect((await world.browsers.pupilModerator.get(`/api/forums/${forumId}/topics/${secret.id}`)).status).toBe(404);
      expect(JSON.stringify((await world.browsers.teacher.get<unknown>(`/api/forums/${forumId}/topics`)).body)).toContain('Sujet caché');
    });
  });

  describe('the chat', () => {
    it('a message a teacher hid and a message held for personal information: not in the history nor live for the pupil moderator', async () => {
      const roomId = await newRoom(world.browsers.teacher, world.classId, {}, 'Salon de la classe');
      await designateModerator(world, roomId);
      const teacher = keep((await inRoom(server, world.browsers.teacher, roomId)).socket);
      const author = keep((await inRoom(server, world.browsers.pupil, roomId)).socket);
      const moderator = keep((await inRoom(server, world.browsers.pupilModerator, roomId)).socket);
      const heard = record<ChatMessageView>(moderator, 'chat:message');
      const updated = record<ChatMessageView>(moderator, 'chat:updated');
      const hidden = await send(author, roomId, 'Message méchant caché');
      ok(await emit(teacher, 'chat:moderate', { roomId, messageId: hidden.id, action: 'hide', reasonCode: 'insulte' }));
      const held = await send(author, roomId, `Mon numéro : ${PHONE}`);
      expect(held.status).toBe('pending');
      const barrier = nextEvent<ChatMessageView>(moderator, 'chat:message', (message) => message.body === 'Barrière');
      await send(teacher, roomId, 'Barrière');
      await barrier;
      const history = ok(await emit<ChatHistoryPage>(moderator, 'chat:history', { roomId }));
      expect(history.messages.map((message) => message.id)).not.toContain(held.id);
      const everything = JSON.stringify([history, heard.filter((message) => message.id === held.id), updated.filter((message) => message.status !== 'published')]);
      expect(everything).not.toContain('Message méchant caché');
      expect(everything).not.toContain('06 12 34 56 78');
      const teacherHistory = JSON.stringify(ok(await emit<ChatHistoryPage>(teacher, 'chat:history', { roomId })));
      expect(teacherHistory).toContain('Message méchant caché');
      expect(teacherHistory).toContain('06 12 34 56 78');
    });
  });
});
