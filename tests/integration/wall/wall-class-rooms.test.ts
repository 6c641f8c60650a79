/**
 * Wall broadcasts go to rooms by class of viewers (the moderators, the people an item concerns, everyone else),
 * each class's view computed once. Real sockets of every profile on one pre-moderated wall record every wall event
 * they receive: nothing a viewer may not see ever reaches them (not even the id of a pending card), the author and
 * the moderators see the pending work, a revoked pupil moderator gets nothing more from the next operation on, and a
 * designated one starts getting it without joining again.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { WallCard, WallComment } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { ask, createWall, fullSync, joinWall, must, nextEvent, postCard } from './support';

const WALL_EVENTS = ['wall:card', 'wall:cardDeleted', 'wall:comment', 'wall:commentDeleted', 'wall:lock'] as const;
type Heard = { event: (typeof WALL_EVENTS)[number]; payload: Record<string, unknown> };

/** Every wall event a socket receives, in order. */
function listen(socket: Socket): Heard[] {
  const heard: Heard[] = [];
  for (const event of WALL_EVENTS) socket.on(event, (payload: Record<string, unknown>) => heard.push({ event, payload }));
  return heard;
}

/** The ids an event names (a card's, a comment's, the card of a deletion or a lock). */
const idsOf = ({ payload }: Heard): unknown[] => [payload.id, payload.cardId, payload.commentId].filter((id) => id !== undefined);

describe('wall broadcasts by class of viewers: several profiles on one pre-moderated wall', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let classmateBrowser: Browser;
  let spaceId: string;
  const sockets: Socket[] = [];
  let teacher: Socket, director: Socket, author: Socket, authorTab: Socket, authorElsewhere: Socket, classmate: Socket, moderator: Socket, parent: Socket;
  let heard: Record<'teacher' | 'director' | 'author' | 'authorTab' | 'authorElsewhere' | 'classmate' | 'moderator' | 'parent', Heard[]>;

  const join = async (browser: Browser): Promise<Socket> => {
    const socket = await joinWall(server, browser, spaceId);
    sockets.push(socket);
    return socket;
  };
  const revoke = async () => expect((await world.browsers.teacher.send('DELETE', `/api/spaces/${spaceId}/moderators/${world.ids.pupilModerator}`)).status).toBe(200);
  /**
   * A published card from the teacher, awaited on the given sockets: each socket's events arrive in order, so once it
   * has this one it has everything broadcast by operations acknowledged before (no waiting for a quiet period).
   */
  const barrier = async (on: Socket[]): Promise<void> => {
    const title = `Barrière ${Math.random().toString(36).slice(2)}`;
    const arrivals = on.map((socket) => nextEvent<WallCard>(socket, 'wall:card', (card) => card.title === title));
    await postCard(teacher, spaceId, { title });
    await Promise.all(arrivals);
  };

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    classmateBrowser = await signedIn(server, 'chloe.nguyen');
    spaceId = (await createWall(world.browsers.teacher, world.classId, { preModeration: true }, { parentsMayComment: true })).id;
    await designateModerator(world, spaceId);
    teacher = await join(world.browsers.teacher);
    director = await join(world.browsers.director);
    author = await join(world.browsers.pupil);
    authorTab = await join(world.browsers.pupil);
    classmate = await join(classmateBrowser);
    moderator = await join(world.browsers.pupilModerator);
    parent = await join(world.browsers.parent);
    // The author's socket that never joined this wall: their own pending card is not sent to all their sockets.
    authorElsewhere = await openSocket(server, world.browsers.pupil);
    sockets.push(authorElsewhere);
    heard = {
      teacher: listen(teacher),
      director: listen(director),
      author: listen(author),
      authorTab: listen(authorTab),
      authorElsewhere: listen(authorElsewhere),
      classmate: listen(classmate),
      moderator: listen(moderator),
      parent: listen(parent),
    };
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('pending cards reach their author and the moderators; held changes, held comments and hidden cards only their author and the teachers (never a pupil moderator); the others are told to drop what they saw', async () => {
    // A pending card: its author's two tabs and every moderator (by position or designated) get it at once.
    const pendingArrivals = [teacher, director, moderator, authorTab].map((socket) => nextEvent<WallCard>(socket, 'wall:card', (card) => card.title === 'Secret en attente'));
    const { card: pending } = await postCard(author, spaceId, { title: 'Secret en attente' });
    expect(pending.status).toBe('pending');
    for (const seen of await Promise.all(pendingArrivals)) expect(seen).toMatchObject({ id: pending.id, status: 'pending' });
    const edited = nextEvent<WallCard>(moderator, 'wall:card', (card) => card.id === pending.id && card.version === 2);
    await must(author, 'wall:card:edit', { spaceId, cardId: pending.id, version: 1, changes: { title: 'Secret modifié' } });
    expect(await edited).toMatchObject({ title: 'Secret modifié', status: 'pending' });
    // Its lock ("en cours de modification") names it: announced to the moderators only, and synced to them only.
    const locked = nextEvent<{ cardId: string }>(moderator, 'wall:lock', (lock) => lock.cardId === pending.id);
    await must(author, 'wall:card:lock', { spaceId, cardId: pending.id });
    await locked;
    expect((await fullSync(classmate, spaceId)).locks).toEqual([]);
    expect((await fullSync(teacher, spaceId)).locks.map((lock) => lock.cardId)).toEqual([pending.id]);
    await must(author, 'wall:card:unlock', { spaceId, cardId: pending.id });

    // An approved card of the author whose change waits for review: the others keep the published content.
    const { card: reviewed } = await postCard(author, spaceId, { title: 'Publiée' });
    const published = nextEvent<WallCard>(classmate, 'wall:card', (card) => card.id === reviewed.id);
    await must(teacher, 'wall:card:approve', { spaceId, cardId: reviewed.id });
    expect(await published).toMatchObject({ status: 'published', title: 'Publiée' });
    const heldChange = nextEvent<WallCard>(authorTab, 'wall:card', (card) => card.id === reviewed.id && card.version === 3);
    const publicSide = nextEvent<WallCard>(parent, 'wall:card', (card) => card.id === reviewed.id && card.version === 3);
    await must(author, 'wall:card:edit', { spaceId, cardId: reviewed.id, version: 2, changes: { title: 'Changement secret' } });
    expect(await heldChange).toMatchObject({ title: 'Changement secret', pendingEdit: true });
    expect(await publicSide).toMatchObject({ title: 'Publiée' });
    expect((await publicSide).pendingEdit).toBeUndefined();

    // A comment the personal-information guard holds: its author (the classmate) and the teachers only (not a pupil moderator).
    const { card: consigne } = await postCard(teacher, spaceId, { title: 'Consigne' });
    const heldForModerator = nextEvent<WallComment>(director, 'wall:comment', (comment) => comment.cardId === consigne.id);
    const held = await must<{ comment: WallComment }>(classmate, 'wall:comment:create', { spaceId, cardId: consigne.id, text: 'Secret : appelle-moi au 06 12 34 56 78' });
    expect(held.comment.status).toBe('pending');
    expect(await heldForModerator).toMatchObject({ id: held.comment.id, status: 'pending' });

    // A published card hidden by the pupil moderator: dropped by everyone who saw it (the pupil moderator too), kept (marked) by the teachers.
    const { card: hidden } = await postCard(teacher, spaceId, { title: 'Carte à masquer' });
    const dropped = [classmate, parent, author, moderator].map((socket) => nextEvent<{ cardId: string }>(socket, 'wall:cardDeleted', (info) => info.cardId === hidden.id));
    const marked = nextEvent<WallCard>(director, 'wall:card', (card) => card.id === hidden.id && card.hidden === true);
    expect(await ask<{ item: ModeratedItemView }>(moderator, 'moderation:act', { kind: 'wallCard', itemId: hidden.id, spaceId, action: 'hide', reasonCode: 'hors_sujet', version: 1 })).toMatchObject({ ok: true });
    await Promise.all(dropped);
    expect(await marked).toMatchObject({ status: 'pending', hidden: true });

    await barrier([teacher, director, author, authorTab, classmate, moderator, parent]);
    const secret = (h: Heard) => JSON.stringify(h.payload).includes('ecret');
    const unseen = (h: Heard) => h.payload.status === 'pending' || h.payload.hidden === true || h.payload.pendingEdit === true;
    // The classmate and the parent (the author's own parent) never get a pending or hidden card, a held change or a
    // held comment that is not theirs, nor even the id of the pending card.
    for (const name of ['classmate', 'parent'] as const) {
      const others = heard[name].filter((h) => !(name === 'classmate' && h.payload.id === held.comment.id));
      expect(others.filter((h) => h.event !== 'wall:cardDeleted' && unseen(h))).toEqual([]);
      expect(others.filter(secret)).toEqual([]);
      expect(heard[name].filter((h) => idsOf(h).includes(pending.id))).toEqual([]);
      expect(heard[name].some((h) => h.event === 'wall:card' && h.payload.id === hidden.id && h.payload.status === 'published')).toBe(true);
    }
    expect(heard.classmate.filter((h) => h.payload.id === held.comment.id)).toMatchObject([{ event: 'wall:comment', payload: { status: 'pending' } }]);
    // The author sees their pending card and held change, not the classmate's held comment.
    expect(heard.author.filter((h) => h.payload.id === held.comment.id)).toEqual([]);
    expect(heard.authorTab.filter((h) => h.payload.id === pending.id).map((h) => h.payload.title)).toEqual(['Secret en attente', 'Secret modifié']);
    // Everyone who moderates got each change they may read exactly once: the pupil moderator the first publication
    // they may approve, never the held comment (personal information), the held change or the hidden card.
    for (const name of ['teacher', 'director', 'moderator'] as const) {
      expect(heard[name].filter((h) => h.payload.id === pending.id).map((h) => h.payload.version)).toEqual([1, 2]);
      expect(heard[name].filter((h) => h.payload.id === held.comment.id)).toHaveLength(name === 'moderator' ? 0 : 1);
    }
    expect(JSON.stringify(heard.moderator)).not.toContain('Changement secret');
    expect(heard.moderator.filter((h) => h.payload.id === hidden.id && h.payload.hidden === true)).toEqual([]);
    expect(heard.authorElsewhere).toEqual([]);
  });

  it('a pupil moderator revoked mid-session stops getting pending cards with the next operation, and starts again when designated, on the same socket', async () => {
    // Revoked: no waiting for the socket's room moves or `rights:changed`, the very next pending card skips them.
    const told = nextEvent(moderator, 'rights:changed');
    await revoke();
    const teacherGets = nextEvent<WallCard>(teacher, 'wall:card', (card) => card.title === 'Après la révocation');
    const { card: afterRevocation } = await postCard(author, spaceId, { title: 'Après la révocation' });
    await teacherGets;
    await barrier([moderator]);
    expect(heard.moderator.filter((h) => idsOf(h).includes(afterRevocation.id))).toEqual([]);
    await told;
    // What they saw as a moderator is gone from what they may load (their page reloads it whole when told).
    const visible = (await fullSync(moderator, spaceId)).cards;
    expect(visible.filter((card) => card.status === 'pending')).toEqual([]);
    expect(await ask(moderator, 'wall:card:approve', { spaceId, cardId: afterRevocation.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    // Designated again: the next pending card reaches the same socket, which never joined again.
    await designateModerator(world, spaceId);
    const arrives = nextEvent<WallCard>(moderator, 'wall:card', (card) => card.title === 'Après la désignation');
    const { card: afterDesignation } = await postCard(author, spaceId, { title: 'Après la désignation' });
    expect(await arrives).toMatchObject({ id: afterDesignation.id, status: 'pending' });
    expect(heard.classmate.filter((h) => idsOf(h).includes(afterDesignation.id) || idsOf(h).includes(afterRevocation.id))).toEqual([]);
  });
});
