/**
 * A forum topic's title is read as its topic is: a designated pupil moderator never gets the title of a classmate's
 * topic held by the personal-information guard (the title itself holds the phone number) nor of a topic a teacher
 * hid: not in the topic list, the topic's page, `forum:join`, live `forum:topic`/`forum:post` events, search, nor
 * the moderation console (its lists, its live items, its reports). The teacher gets both; the author their own.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORUM_POSTS_PAGE_SIZE } from '../../../shared/forum/limits';
import type { ForumPostView, ForumTopicPage, ForumTopicView, ForumTopicsPage } from '../../../shared/forum/types';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { CHAT_HISTORY_PAGE_SIZE } from '../../../shared/chat/limits';
import type { ChatHistoryPage } from '../../../shared/chat/types';
import { emit, inRoom, newRoom, ok, send } from '../chat/support';
import { createTopic, FORUM_TEST_SERVER, following, newForum, reply } from '../forum/support';
import { must, nextEvent, record } from '../wall/support';

const PHONE = '06 12 34 56 78';
const HELD_TITLE = `Appelle-moi au ${PHONE}`;
const HIDDEN_TITLE = 'Sujet caché par la maîtresse';

describe("a pupil moderator gets no title of a topic they may not read", () => {
  let server: TestServer;
  let world: PersonaWorld;
  let forumId: string;
  let heldTopic: ForumTopicView;
  let hiddenTopic: ForumTopicView;
  let moderatorJoin: unknown;
  const heardTopics: ForumTopicView[] = [];
  const heardPosts: ForumPostView[] = [];
  const consoleItems: ModeratedItemView[] = [];
  const sockets: Socket[] = [];
  const keep = (socket: Socket) => {
    sockets.push(socket);
    return socket;
  };
  const consoleOf = async (who: 'teacher' | 'pupilModerator') => {
    const socket = keep(await openSocket(server, world.browsers[who]));
    return { socket, joined: await must<unknown>(socket, 'moderation:join', { scope: { kind: 'space', spaceId: forumId } }) };
  };
  const titles = (page: ForumTopicsPage) => page.topics.map((topic) => topic.title);
  const topicsOf = async (who: 'teacher' | 'pupil' | 'pupilModerator') => {
    const answer = await world.browsers[who].get<ForumTopicsPage>(`/api/forums/${forumId}/topics`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const search = async (who: 'teacher' | 'pupilModerator', q: string) => JSON.stringify((await world.browsers[who].get<unknown>(`/api/forums/${forumId}/search?q=${encodeURIComponent(q)}`)).body);

  beforeAll(async () => {
    server = await startServer(FORUM_TEST_SERVER);
    world = await personaWorld(server);
    forumId = await newForum(world.browsers.teacher, world.classId);
    await designateModerator(world, forumId);
    const teacher = keep(await following(server, world.browsers.teacher, forumId));
    const author = keep(await following(server, world.browsers.pupil, forumId));
    const moderator = keep(await openSocket(server, world.browsers.pupilModerator));
    ok(await emit(moderator, 'space:join', { spaceId: forumId }));
    moderatorJoin = ok(await emit(moderator, 'forum:join', { forumId }));
    const { socket: moderatorConsole } = await consoleOf('pupilModerator');
    const items = record<ModeratedItemView>(moderatorConsole, 'moderation:item');

    // Published first (everyone read it then): only what comes once the teacher hides it is checked.
    const published = nextEvent<ForumTopicView>(moderator, 'forum:topic', (topic) => topic.title === HIDDEN_TITLE);
    const publishedItem = nextEvent<ModeratedItemView>(moderatorConsole, 'moderation:item', (item) => JSON.stringify(item).includes('se moque'));
    ({ topic: hiddenTopic } = await createTopic(author, forumId, HIDDEN_TITLE, 'Un sujet qui se moque.'));
    await Promise.all([published, publishedItem]);
    const before = items.length;
    moderator.on('forum:topic', (topic: ForumTopicView) => heardTopics.push(topic));
    moderator.on('forum:post', (post: ForumPostView) => heardPosts.push(post));
    const reporter = keep(await following(server, world.browsers.parent, forumId));
    const opening = (await world.browsers.teacher.get<{ posts: ForumPostView[] }>(`/api/forums/${forumId}/topics/${hiddenTopic.id}`)).body.posts[0]!;
    ok(await emit(reporter, 'report:create', { kind: 'forumPost', itemId: opening.id, spaceId: forumId, category: 'moquerie', text: 'Pas gentil', quote: 'se moque' }));
    ok(await emit(teacher, 'forum:topic', { forumId, topicId: hiddenTopic.id, hidden: true }));

    ({ topic: heldTopic } = await createTopic(author, forumId, HELD_TITLE, 'Voilà mon numéro.'));
    expect(heldTopic.status).toBe('pending');

    // A barrier: a topic opened after reaches the pupil moderator (and their console) after anything sent before it.
    const barrier = nextEvent<ForumTopicView>(moderator, 'forum:topic', (topic) => topic.title === 'Barrière');
    const barrierItem = nextEvent<ModeratedItemView>(moderatorConsole, 'moderation:item', (item) => JSON.stringify(item).includes('Barrière'));
    await createTopic(teacher, forumId, 'Barrière', 'Un sujet publié.');
    await Promise.all([barrier, barrierItem]);
    consoleItems.push(...items.slice(before));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('the topic list, the pages and forum:join: neither title for the pupil moderator; the teacher gets both, the author their own', async () => {
    const listed = JSON.stringify(await topicsOf('pupilModerator'));
    expect(listed).toContain('Barrière');
    expect(listed).not.toContain(PHONE);
    expect(listed).not.toContain('Sujet caché');
    for (const topic of [heldTopic, hiddenTopic]) expect((await world.browsers.pupilModerator.get(`/api/forums/${forumId}/topics/${topic.id}`)).status).toBe(404);
    expect(JSON.stringify(moderatorJoin)).not.toMatch(/06 12|Sujet caché/);

    expect(titles(await topicsOf('teacher'))).toEqual(expect.arrayContaining([HELD_TITLE, HIDDEN_TITLE]));
    expect(titles(await topicsOf('pupil'))).toEqual(expect.arrayContaining([HELD_TITLE, HIDDEN_TITLE]));
    expect((await world.browsers.pupil.get(`/api/forums/${forumId}/topics/${heldTopic.id}`)).status).toBe(200);
  });

  it('live: no forum:topic nor forum:post carries either title to the pupil moderator', () => {
    expect(heardTopics.map((topic) => topic.title)).toContain('Barrière');
    const heard = JSON.stringify([heardTopics, heardPosts]);
    expect(heard).not.toContain(PHONE);
    expect(heard).not.toContain('Sujet caché');
  });

  it('search: neither title for the pupil moderator; the teacher finds both', async () => {
    expect(await search('pupilModerator', 'Appelle')).not.toContain(PHONE);
    expect(await search('pupilModerator', 'caché')).not.toContain('Sujet caché');
    expect(await search('teacher', 'Appelle')).toContain(PHONE);
    expect(await search('teacher', 'caché')).toContain('Sujet caché');
  });

  it('the console: neither title in its lists, live items or reports for the pupil moderator; the teacher gets both', async () => {
    const { joined } = await consoleOf('pupilModerator');
    const seen = JSON.stringify([joined, consoleItems]);
    expect(seen).toContain('Barrière');
    expect(seen).not.toContain(PHONE);
    expect(seen).not.toContain('Sujet caché');
    expect(seen).not.toContain('se moque');
    const teacher = JSON.stringify((await consoleOf('teacher')).joined);
    expect(teacher).toContain(PHONE);
    expect(teacher).toContain('Sujet caché');
  });

  it('a topic page is full for the pupil moderator, held replies left out (and counted out)', async () => {
    const teacher = keep(await following(server, world.browsers.teacher, forumId));
    const author = keep(await following(server, world.browsers.pupil, forumId));
    const { topic } = await createTopic(teacher, forumId, 'Nos lectures', 'Quel livre lisez-vous ?');
    for (let index = 0; index < FORUM_POSTS_PAGE_SIZE + 2; index++) expect((await reply(author, forumId, topic.id, `Mon numéro ${index} : ${PHONE}`)).status).toBe('pending');
    for (const text of ['Un roman', 'Une bande dessinée']) await reply(teacher, forumId, topic.id, text);
    const page = (await world.browsers.pupilModerator.get<ForumTopicPage>(`/api/forums/${forumId}/topics/${topic.id}`)).body;
    expect(page.posts).toHaveLength(3);
    expect(page.total).toBe(3);
    expect(JSON.stringify(page)).not.toContain(PHONE);
    expect((await world.browsers.teacher.get<ForumTopicPage>(`/api/forums/${forumId}/topics/${topic.id}`)).body.total).toBe(FORUM_POSTS_PAGE_SIZE + 5);
  });
});

describe('a page of the chat history is full for a pupil moderator, held messages left out', () => {
  let server: TestServer;
  let world: PersonaWorld;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 100_000, durationSeconds: 60 } }) } });
    world = await personaWorld(server);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('more held messages than a page after the published ones: the latest page still lists the published ones', async () => {
    const roomId = await newRoom(world.browsers.teacher, world.classId, {}, 'Salon de la classe');
    await designateModerator(world, roomId);
    const teacher = (await inRoom(server, world.browsers.teacher, roomId)).socket;
    const author = (await inRoom(server, world.browsers.pupil, roomId)).socket;
    const moderator = (await inRoom(server, world.browsers.pupilModerator, roomId)).socket;
    sockets.push(teacher, author, moderator);
    for (const text of ['Bonjour', 'Ça va ?', 'Au travail']) await send(teacher, roomId, text);
    for (let index = 0; index < CHAT_HISTORY_PAGE_SIZE + 5; index++) expect((await send(author, roomId, `Mon numéro ${index} : ${PHONE}`)).status).toBe('pending');
    const page = ok(await emit<ChatHistoryPage>(moderator, 'chat:history', { roomId }));
    expect(page.messages.map((message) => message.body)).toEqual(['Bonjour', 'Ça va ?', 'Au travail']);
    expect(page.hasMore).toBe(false);
    expect(JSON.stringify(page)).not.toContain(PHONE);
    expect(ok(await emit<ChatHistoryPage>(teacher, 'chat:history', { roomId })).messages).toHaveLength(CHAT_HISTORY_PAGE_SIZE);
  });
});
