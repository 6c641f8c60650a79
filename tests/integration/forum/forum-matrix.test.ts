import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForumPostView } from '../../../shared/forum/types';
import type { Ack } from '../../../shared/realtime/ack';
import { PERSONAS, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { auditTotal, collect, createTopic, doc, emit, following, newForum, nextEvent, ok, FORUM_TEST_SERVER } from './support';

/**
 * The authorization matrix of forums (BRIEF checklist 7): every socket event and REST route, for the seven
 * personas, on a CE2 forum, each asking its exact action at the edge: `read` (join, pages, search, unread
 * marker), `write` (a topic), `comment` (a reply, an edit of one's own post), the item's moderation action
 * (`hide`, `delete`, `restore`, `approve`, `reject`, and `edit` of someone else's post) and `configure` (a topic's
 * state, revisions). A denial answers FORBIDDEN (403 on REST) and writes exactly one
 * `access.denied`. `pupilModerator` is designated on both forums; the last test revokes them on an open socket.
 */
const readers: Persona[] = ['pupil', 'pupilModerator', 'teacher', 'parent', 'director'];
const writers: Persona[] = ['pupil', 'pupilModerator', 'teacher', 'director'];
const teachers: Persona[] = ['teacher', 'director'];

describe('forum authorization matrix: 7 personas × every forum event and route', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let forumId: string;
  let topicId: string;
  /** A pre-moderated forum of the class: first publications and authors' changes wait for review there. */
  let moderatedId: string;
  let moderatedTopicId: string;
  let designated = false;
  const sockets = {} as Record<Persona, Socket>;
  const moderators = (): Persona[] => (designated ? [...teachers, 'pupilModerator'] : teachers);

  /** A fresh post of the pupil's in the shared topic. */
  async function pupilPost(): Promise<ForumPostView> {
    return ok(await emit<{ post: ForumPostView }>(sockets.pupil, 'forum:reply', { forumId, topicId, key: crypto.randomUUID(), body: doc('Réponse de Léa') })).post;
  }
  /** A fresh post of another CE2 pupil (a few classmates take turns: the flood control is per user). */
  const classmates: Socket[] = [];
  let turn = 0;
  async function classmatePost(): Promise<ForumPostView> {
    const socket = classmates[turn++ % classmates.length]!;
    return ok(await emit<{ post: ForumPostView }>(socket, 'forum:reply', { forumId, topicId, key: crypto.randomUUID(), body: doc('Réponse d’un camarade') })).post;
  }

  /** A classmate's post waiting for its first review in the pre-moderated forum, with its author's socket. */
  async function pendingClassmatePost(): Promise<{ post: ForumPostView; author: Socket }> {
    const author = classmates[turn++ % classmates.length]!;
    const post = ok(await emit<{ post: ForumPostView }>(author, 'forum:reply', { forumId: moderatedId, topicId: moderatedTopicId, key: crypto.randomUUID(), body: doc('À relire') })).post;
    return { post, author };
  }
  /** A classmate's approved post whose author's change now waits for review. */
  async function pendingChange(): Promise<ForumPostView> {
    const { post, author } = await pendingClassmatePost();
    ok(await emit(sockets.teacher, 'forum:moderate', { forumId: moderatedId, postId: post.id, action: 'approve' }));
    const changed = ok(await emit<{ post: ForumPostView }>(author, 'forum:edit', { forumId: moderatedId, postId: post.id, body: doc('Changé') })).post;
    if (!changed.pendingBody) throw new Error('the change should wait for review');
    return changed;
  }

  type SocketRow = { name: string; allowed: () => readonly Persona[]; attempt: (persona: Persona) => Promise<Ack<unknown>>; personas?: readonly Persona[] };
  const SOCKET_ROWS: SocketRow[] = [
    { name: 'forum:join', allowed: () => readers, attempt: (p) => emit(sockets[p], 'forum:join', { forumId }) },
    { name: 'forum:createTopic', allowed: () => writers, attempt: (p) => emit(sockets[p], 'forum:createTopic', { forumId, key: crypto.randomUUID(), title: `Sujet de ${p}`, body: doc('Bonjour') }) },
    { name: 'forum:reply', allowed: () => writers, attempt: (p) => emit(sockets[p], 'forum:reply', { forumId, topicId, key: crypto.randomUUID(), body: doc(`Réponse de ${p}`) }) },
    { name: 'forum:markRead', allowed: () => readers, attempt: (p) => emit(sockets[p], 'forum:markRead', { forumId, topicId, seq: 1 }) },
    {
      name: 'forum:edit (the pupil’s post)',
      allowed: () => ['pupil', ...teachers],
      attempt: async (p) => emit(sockets[p], 'forum:edit', { forumId, postId: (await pupilPost()).id, body: doc(`Modifié par ${p}`) }),
    },
    {
      name: 'forum:moderate hide',
      allowed: moderators,
      attempt: async (p) => emit(sockets[p], 'forum:moderate', { forumId, postId: (await classmatePost()).id, action: 'hide' }),
    },
    {
      name: 'forum:moderate delete',
      allowed: () => teachers,
      attempt: async (p) => emit(sockets[p], 'forum:moderate', { forumId, postId: (await classmatePost()).id, action: 'delete' }),
    },
    {
      name: 'forum:moderate restore',
      allowed: () => teachers,
      attempt: async (p) => {
        const post = await classmatePost();
        ok(await emit(sockets.teacher, 'forum:moderate', { forumId, postId: post.id, action: 'hide' }));
        return emit(sockets[p], 'forum:moderate', { forumId, postId: post.id, action: 'restore' });
      },
    },
    {
      name: 'forum:moderate approve (a classmate’s first publication)',
      allowed: moderators,
      attempt: async (p) => emit(sockets[p], 'forum:moderate', { forumId: moderatedId, postId: (await pendingClassmatePost()).post.id, action: 'approve' }),
    },
    {
      name: 'forum:moderate approve (an author’s change)',
      allowed: () => teachers,
      attempt: async (p) => emit(sockets[p], 'forum:moderate', { forumId: moderatedId, postId: (await pendingChange()).id, action: 'approve' }),
    },
    {
      name: 'forum:moderate reject (an author’s change)',
      allowed: () => teachers,
      attempt: async (p) => emit(sockets[p], 'forum:moderate', { forumId: moderatedId, postId: (await pendingChange()).id, action: 'reject' }),
    },
    {
      name: 'forum:edit (one’s own post)',
      allowed: () => writers,
      personas: writers,
      attempt: async (p) => {
        const own = ok(await emit<{ post: ForumPostView }>(sockets[p], 'forum:reply', { forumId, topicId, key: crypto.randomUUID(), body: doc(`Réponse de ${p}`) })).post;
        return emit(sockets[p], 'forum:edit', { forumId, postId: own.id, body: doc(`Relu par ${p}`) });
      },
    },
    { name: 'forum:topic (pin)', allowed: () => teachers, attempt: (p) => emit(sockets[p], 'forum:topic', { forumId, topicId, pinned: p.length % 2 === 0 }) },
  ];

  type RestRow = { name: string; allowed: () => readonly Persona[]; path: () => Promise<string> };
  const REST_ROWS: RestRow[] = [
    { name: 'GET /api/forums/:id/topics', allowed: () => readers, path: async () => `/api/forums/${forumId}/topics` },
    { name: 'GET /api/forums/:id/topics/:topicId', allowed: () => readers, path: async () => `/api/forums/${forumId}/topics/${topicId}?page=1` },
    { name: 'GET /api/forums/:id/search', allowed: () => readers, path: async () => `/api/forums/${forumId}/search?q=bonjour` },
    // A post's earlier texts (a corrected phone number among them) are for those who run the forum.
    { name: 'GET /api/forums/:id/posts/:postId/revisions', allowed: () => teachers, path: async () => `/api/forums/${forumId}/posts/${(await classmatePost()).id}/revisions` },
  ];

  beforeAll(async () => {
    server = await startServer(FORUM_TEST_SERVER);
    world = await personaWorld(server);
    forumId = await newForum(world.browsers.teacher, world.classId);
    moderatedId = await newForum(world.browsers.teacher, world.classId, { preModeration: true });
    designated = (await world.browsers.teacher.post(`/api/spaces/${forumId}/moderators`, { userId: world.ids.pupilModerator })).status === 200;
    if (designated) await world.browsers.teacher.post(`/api/spaces/${moderatedId}/moderators`, { userId: world.ids.pupilModerator });
    process.stdout.write(`forum matrix: pupilModerator ${designated ? 'designated as a moderator' : 'is a plain pupil (no designation API)'}\n`);
    for (const persona of PERSONAS) sockets[persona] = await openSocket(server, world.browsers[persona]);
    for (const login of ['chloe.nguyen', 'mamadou.diallo', 'ines.rodrigues', 'gabriel.dubois']) classmates.push(await openSocket(server, await signedIn(server, login)));
    topicId = (await createTopic(sockets.teacher, forumId, 'Sujet commun', 'Bonjour à tous')).topic.id;
    moderatedTopicId = (await createTopic(sockets.teacher, moderatedId, 'Sujet relu', 'Bonjour à tous')).topic.id;
  });
  afterAll(async () => {
    for (const socket of [...Object.values(sockets), ...classmates]) socket.close();
    await server.stop();
    server.cleanup();
  });

  for (const row of SOCKET_ROWS) {
    for (const persona of row.personas ?? PERSONAS) {
      it(`${row.name}: ${persona}`, async () => {
        const expected = row.allowed().includes(persona);
        const before = await auditTotal(world.browsers.director, 'event=access.denied');
        const answer = await row.attempt(persona);
        if (expected) {
          expect(answer, `${row.name} by ${persona}`).toMatchObject({ ok: true });
          expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before);
        } else {
          expect(answer, `${row.name} by ${persona}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
          expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 1);
        }
      });
    }
  }

  for (const row of REST_ROWS) {
    for (const persona of PERSONAS) {
      it(`${row.name}: ${persona}`, async () => {
        const expected = row.allowed().includes(persona);
        const path = await row.path();
        const before = await auditTotal(world.browsers.director, 'event=access.denied');
        const answer = await world.browsers[persona].get(path);
        expect(answer.status, `${path} by ${persona}`).toBe(expected ? 200 : 403);
        expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(expected ? before : before + 1);
      });
    }
  }

  /** The last test: it takes the pupil moderator's rights on the pre-moderated forum back. */
  it('revokes a pupil moderator on their open socket: refused at once, audited, and pending posts stop reaching them', async () => {
    if (!designated) return;
    const yanis = await following(server, world.browsers.pupilModerator, moderatedId);
    classmates.push(yanis);
    const heardBefore = nextEvent<ForumPostView>(yanis, 'forum:post', (post) => post.status === 'pending');
    const { post: waiting } = await pendingClassmatePost();
    expect((await heardBefore).id).toBe(waiting.id);
    const { post: published } = await pendingClassmatePost();
    ok(await emit(sockets.teacher, 'forum:moderate', { forumId: moderatedId, postId: published.id, action: 'approve' }));

    const told = nextEvent(yanis, 'rights:changed');
    expect((await world.browsers.teacher.send('DELETE', `/api/spaces/${moderatedId}/moderators/${world.ids.pupilModerator}`)).status).toBe(200);
    await told;
    const heard = collect<ForumPostView>(yanis, 'forum:post');
    const before = await auditTotal(world.browsers.director, 'event=access.denied');
    // The same socket, right after: every moderation action is refused at the edge and audited.
    expect(await emit(yanis, 'forum:moderate', { forumId: moderatedId, postId: waiting.id, action: 'approve' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await emit(yanis, 'forum:moderate', { forumId: moderatedId, postId: published.id, action: 'hide' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await world.browsers.pupilModerator.get(`/api/forums/${moderatedId}/posts/${published.id}/revisions`)).status).toBe(403);
    expect(await auditTotal(world.browsers.director, 'event=access.denied')).toBe(before + 3);
    // …and what waits for review no longer reaches them; their rights say so.
    const { post: later } = await pendingClassmatePost();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(heard.filter((post) => post.id === later.id)).toEqual([]);
    expect(ok(await emit<{ me: { moderator: boolean } }>(yanis, 'forum:join', { forumId: moderatedId })).me).toMatchObject({ moderator: false, mayReply: true });
  });
});
