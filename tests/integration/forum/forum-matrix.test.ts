import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForumPostView } from '../../../shared/forum/types';
import type { Ack } from '../../../shared/realtime/ack';
import { PERSONAS, personaWorld, type Persona, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { auditTotal, createTopic, doc, newForum, ok, patiently } from './support';

/**
 * The authorization matrix of forums (BRIEF checklist 7): every socket event and REST route, for the seven
 * personas, on a CE2 forum. A denial answers FORBIDDEN (403 on REST) and writes exactly one `access.denied`.
 * `pupilModerator` is designated through the moderation feature's API when it exists (a plain pupil otherwise).
 */
const readers: Persona[] = ['pupil', 'pupilModerator', 'teacher', 'parent', 'director'];
const writers: Persona[] = ['pupil', 'pupilModerator', 'teacher', 'director'];
const teachers: Persona[] = ['teacher', 'director'];

describe('forum authorization matrix: 7 personas × every forum event and route', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let forumId: string;
  let topicId: string;
  let designated = false;
  const sockets = {} as Record<Persona, Socket>;
  const moderators = (): Persona[] => (designated ? [...teachers, 'pupilModerator'] : teachers);

  /** A fresh post of the pupil's in the shared topic. */
  async function pupilPost(): Promise<ForumPostView> {
    return ok(await patiently<{ post: ForumPostView }>(sockets.pupil, 'forum:reply', { forumId, topicId, key: crypto.randomUUID(), body: doc('Réponse de Léa') })).post;
  }
  /** A fresh post of another CE2 pupil (a few classmates take turns: the flood control is per user). */
  const classmates: Socket[] = [];
  let turn = 0;
  async function classmatePost(): Promise<ForumPostView> {
    const socket = classmates[turn++ % classmates.length]!;
    return ok(await patiently<{ post: ForumPostView }>(socket, 'forum:reply', { forumId, topicId, key: crypto.randomUUID(), body: doc('Réponse d’un camarade') })).post;
  }

  type SocketRow = { name: string; allowed: () => readonly Persona[]; attempt: (persona: Persona) => Promise<Ack<unknown>> };
  const SOCKET_ROWS: SocketRow[] = [
    { name: 'forum:join', allowed: () => readers, attempt: (p) => patiently(sockets[p], 'forum:join', { forumId }) },
    { name: 'forum:createTopic', allowed: () => writers, attempt: (p) => patiently(sockets[p], 'forum:createTopic', { forumId, key: crypto.randomUUID(), title: `Sujet de ${p}`, body: doc('Bonjour') }) },
    { name: 'forum:reply', allowed: () => writers, attempt: (p) => patiently(sockets[p], 'forum:reply', { forumId, topicId, key: crypto.randomUUID(), body: doc(`Réponse de ${p}`) }) },
    { name: 'forum:markRead', allowed: () => readers, attempt: (p) => patiently(sockets[p], 'forum:markRead', { forumId, topicId, seq: 1 }) },
    {
      name: 'forum:edit (the pupil’s post)',
      allowed: () => ['pupil', ...teachers],
      attempt: async (p) => patiently(sockets[p], 'forum:edit', { forumId, postId: (await pupilPost()).id, body: doc(`Modifié par ${p}`) }),
    },
    {
      name: 'forum:moderate hide',
      allowed: moderators,
      attempt: async (p) => patiently(sockets[p], 'forum:moderate', { forumId, postId: (await classmatePost()).id, action: 'hide' }),
    },
    {
      name: 'forum:moderate delete',
      allowed: () => teachers,
      attempt: async (p) => patiently(sockets[p], 'forum:moderate', { forumId, postId: (await classmatePost()).id, action: 'delete' }),
    },
    {
      name: 'forum:moderate restore',
      allowed: () => teachers,
      attempt: async (p) => {
        const post = await classmatePost();
        ok(await patiently(sockets.teacher, 'forum:moderate', { forumId, postId: post.id, action: 'hide' }));
        return patiently(sockets[p], 'forum:moderate', { forumId, postId: post.id, action: 'restore' });
      },
    },
    { name: 'forum:topic (pin)', allowed: () => teachers, attempt: (p) => patiently(sockets[p], 'forum:topic', { forumId, topicId, pinned: p.length % 2 === 0 }) },
  ];

  type RestRow = { name: string; allowed: () => readonly Persona[]; path: () => Promise<string> };
  const REST_ROWS: RestRow[] = [
    { name: 'GET /api/forums/:id/topics', allowed: () => readers, path: async () => `/api/forums/${forumId}/topics` },
    { name: 'GET /api/forums/:id/topics/:topicId', allowed: () => readers, path: async () => `/api/forums/${forumId}/topics/${topicId}?page=1` },
    { name: 'GET /api/forums/:id/search', allowed: () => readers, path: async () => `/api/forums/${forumId}/search?q=bonjour` },
    { name: 'GET /api/forums/:id/posts/:postId/revisions', allowed: moderators, path: async () => `/api/forums/${forumId}/posts/${(await classmatePost()).id}/revisions` },
  ];

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    forumId = await newForum(world.browsers.teacher, world.classId);
    designated = (await world.browsers.teacher.post(`/api/spaces/${forumId}/moderators`, { userId: world.ids.pupilModerator })).status === 200;
    process.stdout.write(`forum matrix: pupilModerator ${designated ? 'designated as a moderator' : 'is a plain pupil (no designation API)'}\n`);
    for (const persona of PERSONAS) sockets[persona] = await openSocket(server, world.browsers[persona]);
    for (const login of ['chloe.nguyen', 'mamadou.diallo', 'ines.rodrigues', 'gabriel.dubois']) classmates.push(await openSocket(server, await signedIn(server, login)));
    topicId = (await createTopic(sockets.teacher, forumId, 'Sujet commun', 'Bonjour à tous')).topic.id;
  });
  afterAll(async () => {
    for (const socket of [...Object.values(sockets), ...classmates]) socket.close();
    await server.stop();
    server.cleanup();
  });

  for (const row of SOCKET_ROWS) {
    for (const persona of PERSONAS) {
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
});
