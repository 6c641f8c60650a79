/**
 * The school the accessibility sweep walks through: every persona signed in (charter accepted), and one of each
 * kind of space with content in it (a wall with cards, a pad, a chat with messages, a forum topic with a reply, an
 * open report in the moderation console), so each page is swept as it looks in use, not empty.
 */
import type { BrowserContext } from 'playwright-core';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { Browser as HttpClient } from '../../helpers/http';
import type { TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { emit, inRoom, newRoom, ok, send } from '../../integration/chat/support';
import { createTopic, following, newForum, reply } from '../../integration/forum/support';
import { createPad } from '../../integration/pad/support';
import { createWall, joinWall, postCard } from '../../integration/wall/support';

/** Who the sweep signs in as: the seven kinds of people of the school, and the partner (guest profile). */
export const SWEEP_LOGINS = {
  pupil: 'lea.martin',
  pupilModerator: 'yanis.belkacem',
  teacher: 'claire.fontaine',
  parent: 'sophie.renaud',
  director: 'isabelle.moreau',
  admin: 'thomas.lefebvre',
  guest: 'romain.carpentier',
} as const;
export type SweepPersona = keyof typeof SWEEP_LOGINS;

export interface SweepWorld {
  http: Record<SweepPersona, HttpClient>;
  ids: Record<SweepPersona, string>;
  classId: string;
  wallId: string;
  padId: string;
  roomId: string;
  forumId: string;
  topicId: string;
}

/** Signs everyone in and fills one space of each kind (the servers' own APIs, as the integration tests do). */
export async function buildSweepWorld(server: TestServer): Promise<SweepWorld> {
  const http = {} as Record<SweepPersona, HttpClient>;
  const ids = {} as Record<SweepPersona, string>;
  for (const persona of Object.keys(SWEEP_LOGINS) as SweepPersona[]) {
    http[persona] = await signedIn(server, SWEEP_LOGINS[persona]);
    ids[persona] = (await http[persona].get<{ user: { id: string } }>('/api/me')).body.user.id;
  }
  const classId = (await http.teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;

  const wall: SpaceSummary = await createWall(http.teacher, classId);
  const designated = await http.teacher.post(`/api/spaces/${wall.id}/moderators`, { userId: ids.pupilModerator });
  if (designated.status !== 200) throw new Error(`designation failed: ${designated.status}`);
  const teacherWall = await joinWall(server, http.teacher, wall.id);
  const pupilWall = await joinWall(server, http.pupil, wall.id);
  await postCard(teacherWall, wall.id, { title: 'Les oiseaux du jardin', sectionId: 'idees' });
  await postCard(pupilWall, wall.id, { title: 'Le rouge-gorge', sectionId: 'idees' });
  await postCard(pupilWall, wall.id, { title: 'Pourquoi ils chantent ?', sectionId: 'questions' });
  teacherWall.close();
  pupilWall.close();

  const pad = await createPad(http.teacher, classId);

  const roomId = await newRoom(http.teacher, classId, {}, 'Salon des CE2');
  const teacherRoom = await inRoom(server, http.teacher, roomId);
  const pupilRoom = await inRoom(server, http.pupil, roomId);
  const moderatorRoom = await inRoom(server, http.pupilModerator, roomId);
  await send(teacherRoom.socket, roomId, 'Bonjour à tous !');
  const message = await send(pupilRoom.socket, roomId, 'Bonjour maîtresse');
  // An open report: the moderation console and « Mes signalements » have something to show.
  ok(await emit(moderatorRoom.socket, 'report:create', { kind: 'chatMessage', itemId: message.id, spaceId: roomId, category: 'hors_sujet', text: 'Pas le bon salon' }));
  for (const joined of [teacherRoom, pupilRoom, moderatorRoom]) joined.socket.close();

  const forumId = await newForum(http.teacher, classId);
  const teacherForum = await following(server, http.teacher, forumId);
  const pupilForum = await following(server, http.pupil, forumId);
  const { topic } = await createTopic(teacherForum, forumId, 'Notre sortie au musée', 'Qu’avez-vous préféré ?');
  await reply(pupilForum, forumId, topic.id, 'Les dinosaures !');
  teacherForum.close();
  pupilForum.close();

  await lifecycleAndRequests(http, ids, classId);
  return { http, ids, classId, wallId: wall.id, padId: pad.id, roomId, forumId, topicId: topic.id };
}

/**
 * What the session 27 pages show when in use: an archived wall and one in the « Corbeille » (the walls page), and
 * rectification requests of a pupil and a parent, one answered (« Mes données », the direction's queue).
 */
async function lifecycleAndRequests(http: Record<SweepPersona, HttpClient>, ids: Record<SweepPersona, string>, classId: string): Promise<void> {
  const expect = (what: string, status: number, wanted: number) => {
    if (status !== wanted) throw new Error(`${what} failed: ${status}`);
  };
  const archived = await createWall(http.teacher, classId, {}, { title: 'Mur de l’an dernier' });
  expect('archiving', (await http.teacher.post(`/api/spaces/${archived.id}/archive`, { archived: true })).status, 200);
  const binned = await createWall(http.teacher, classId, {}, { title: 'Mur à jeter' });
  expect('deleting', (await http.teacher.send('DELETE', `/api/spaces/${binned.id}`)).status, 200);
  const asked = await http.pupil.post<{ id: string }>('/api/my-data/rectifications', { subjectId: ids.pupil, text: 'Mon prénom prend un accent.' });
  expect('pupil rectification', asked.status, 201);
  const family = await http.parent.get<{ people: { id: string }[] }>('/api/my-data');
  const child = family.body.people.find((person) => person.id !== ids.parent)?.id ?? ids.parent;
  expect('parent rectification', (await http.parent.post('/api/my-data/rectifications', { subjectId: child, text: 'La date de naissance est fausse.' })).status, 201);
  expect('answer', (await http.director.post(`/api/admin/rectifications/${asked.body.id}/answer`, { status: 'done', answer: 'C’est corrigé.' })).status, 200);
}

/** Gives a browser context the session of an HTTP client signed in on the server. */
export async function shareSession(context: BrowserContext, server: TestServer, client: HttpClient): Promise<void> {
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: server.url })));
}
