/**
 * Review on the wall, written as the attacks of issue 11: a pupil moderator re-publishing what a teacher hid or
 * deleted (their own card included, from the console and from the wall), a pupil moderator's own card skipping
 * pre-moderation, and pre-moderation bypassed by editing a card after its approval.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { WallCard, WallComment, WallExport } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { ask, createWall, deniedCount, doc, fullSync, joinWall, must, nextEvent, postCard, record, wait } from './support';

describe('review on the wall: what a teacher removed stays removed, and every change waits on a pre-moderated wall', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let classmateBrowser: Browser;
  let openWall: string;
  let reviewedWall: string;
  const sockets: Socket[] = [];

  const act = (socket: Socket, spaceId: string, kind: 'wallCard' | 'wallComment', itemId: string, action: string, version: number) =>
    ask<{ item: ModeratedItemView }>(socket, 'moderation:act', { kind, itemId, spaceId, action, reasonCode: 'insulte', version });
  const join = async (browser: Browser, spaceId: string) => {
    const socket = await joinWall(server, browser, spaceId);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    classmateBrowser = await signedIn(server, 'chloe.nguyen');
    openWall = (await createWall(world.browsers.teacher, world.classId)).id;
    reviewedWall = (await createWall(world.browsers.teacher, world.classId, { preModeration: true }, { parentsMayComment: true })).id;
    await designateModerator(world, openWall);
    await designateModerator(world, reviewedWall);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('a pupil moderator cannot approve (re-publish) a card a teacher hid or deleted, nor their own hidden card, from the console or the wall: FORBIDDEN and audited', async () => {
    const teacher = await join(world.browsers.teacher, openWall);
    const author = await join(world.browsers.pupil, openWall);
    const moderator = await join(world.browsers.pupilModerator, openWall);
    const { card: hidden } = await postCard(author, openWall, { title: 'Masquée par la maîtresse' });
    const { card: deleted } = await postCard(author, openWall, { title: 'Supprimée par la maîtresse' });
    const { card: own } = await postCard(moderator, openWall, { title: 'Ma carte masquée' });
    expect(await act(teacher, openWall, 'wallCard', hidden.id, 'hide', 1)).toMatchObject({ ok: true });
    expect(await act(teacher, openWall, 'wallCard', deleted.id, 'delete', 1)).toMatchObject({ ok: true });
    expect(await act(teacher, openWall, 'wallCard', own.id, 'hide', 1)).toMatchObject({ ok: true });

    for (const card of [hidden, deleted, own]) {
      const before = await deniedCount(world.browsers.director);
      expect(await act(moderator, openWall, 'wallCard', card.id, 'approve', 2)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await act(moderator, openWall, 'wallCard', card.id, 'restore', 2)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await deniedCount(world.browsers.director)).toBe(before + 2);
    }
    // From the wall: a hidden card they no longer see (refused all the same), and their own.
    for (const card of [hidden, own]) {
      const before = await deniedCount(world.browsers.director);
      expect(await ask(moderator, 'wall:card:approve', { spaceId: openWall, cardId: card.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await deniedCount(world.browsers.director)).toBe(before + 1);
    }
    const parent = await join(world.browsers.parent, openWall);
    const visible = (await fullSync(parent, openWall)).cards.map((card) => card.id);
    for (const card of [hidden, deleted, own]) expect(visible).not.toContain(card.id);
    // A teacher does not "approve" a removed card either: bringing it back is a restore.
    expect(await act(teacher, openWall, 'wallCard', hidden.id, 'approve', 2)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('a pupil moderator cannot approve (re-publish) a wall comment a teacher hid or deleted: FORBIDDEN and audited', async () => {
    const teacher = await join(world.browsers.teacher, openWall);
    const classmate = await join(classmateBrowser, openWall);
    const moderator = await join(world.browsers.pupilModerator, openWall);
    const { card } = await postCard(teacher, openWall, { title: 'Notre sortie' });
    const { comment: hidden } = await must<{ comment: WallComment }>(classmate, 'wall:comment:create', { spaceId: openWall, cardId: card.id, text: 'nul nul nul' });
    const { comment: deleted } = await must<{ comment: WallComment }>(classmate, 'wall:comment:create', { spaceId: openWall, cardId: card.id, text: 'encore nul' });
    expect(await act(teacher, openWall, 'wallComment', hidden.id, 'hide', 1)).toMatchObject({ ok: true });
    expect(await act(teacher, openWall, 'wallComment', deleted.id, 'delete', 1)).toMatchObject({ ok: true });
    for (const comment of [hidden, deleted]) {
      const before = await deniedCount(world.browsers.director);
      expect(await act(moderator, openWall, 'wallComment', comment.id, 'approve', 2)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await act(moderator, openWall, 'wallComment', comment.id, 'restore', 2)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await deniedCount(world.browsers.director)).toBe(before + 2);
    }
    const parent = await join(world.browsers.parent, openWall);
    const comments = (await fullSync(parent, openWall)).comments.map((comment) => comment.id);
    expect(comments).not.toContain(hidden.id);
    expect(comments).not.toContain(deleted.id);
  });

  it('a pupil moderator’s own new card on a pre-moderated wall waits for review: invisible to classmates and parents', async () => {
    const moderator = await join(world.browsers.pupilModerator, reviewedWall);
    const classmate = await join(classmateBrowser, reviewedWall);
    const parent = await join(world.browsers.parent, reviewedWall);
    const seen = [classmate, parent].map((socket) => record<WallCard>(socket, 'wall:card'));
    const { card } = await postCard(moderator, reviewedWall, { title: 'Ma carte de modérateur' });
    expect(card.status).toBe('pending');
    await wait(300);
    for (const list of seen) expect(list.filter((c) => c.id === card.id)).toEqual([]);
    for (const socket of [classmate, parent]) expect((await fullSync(socket, reviewedWall)).cards.map((c) => c.id)).not.toContain(card.id);
    expect((await world.browsers.parent.get<WallExport>(`/api/walls/${reviewedWall}/print`)).body.cards.map((c) => c.id)).not.toContain(card.id);
    // Nor may they approve it themselves.
    expect(await ask(moderator, 'wall:card:approve', { spaceId: reviewedWall, cardId: card.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('pre-moderated wall: a pupil’s edit of an approved card waits for review; everyone else keeps the approved version until a teacher approves it, and a rejection keeps it', async () => {
    const teacher = await join(world.browsers.teacher, reviewedWall);
    const author = await join(world.browsers.pupil, reviewedWall);
    const classmate = await join(classmateBrowser, reviewedWall);
    const parent = await join(world.browsers.parent, reviewedWall);
    const moderator = await join(world.browsers.pupilModerator, reviewedWall);
    const { card } = await postCard(author, reviewedWall, { title: 'Mon exposé', body: doc('Les volcans') });
    await must(teacher, 'wall:card:approve', { spaceId: reviewedWall, cardId: card.id });
    const approved = (await fullSync(classmate, reviewedWall)).cards.find((c) => c.id === card.id)!;
    expect(approved).toMatchObject({ status: 'published', title: 'Mon exposé' });

    const toClassmate = record<WallCard>(classmate, 'wall:card');
    const toParent = record<WallCard>(parent, 'wall:card');
    const toTeacher = nextEvent<WallCard>(teacher, 'wall:card', (c) => c.id === card.id && c.title === 'Mon exposé (insultes)');
    const edited = await must<{ card: WallCard }>(author, 'wall:card:edit', { spaceId: reviewedWall, cardId: card.id, version: approved.version, changes: { title: 'Mon exposé (insultes)', body: doc('Chloé est nulle') } });
    // The author sees their change, marked as waiting; the moderators too.
    expect(edited.card).toMatchObject({ title: 'Mon exposé (insultes)', pendingEdit: true, status: 'published' });
    expect(await toTeacher).toMatchObject({ pendingEdit: true });
    await wait(300);
    for (const list of [toClassmate, toParent]) {
      expect(list.filter((c) => c.id === card.id && (c.title !== 'Mon exposé' || c.pendingEdit))).toEqual([]);
    }
    for (const socket of [classmate, parent]) {
      const seen = (await fullSync(socket, reviewedWall)).cards.find((c) => c.id === card.id);
      expect(seen).toMatchObject({ title: 'Mon exposé' });
      expect(JSON.stringify(seen)).not.toContain('nulle');
    }
    for (const browser of [classmateBrowser, world.browsers.parent]) {
      const exported = (await browser.get<WallExport>(`/api/walls/${reviewedWall}/print`)).body.cards.find((c) => c.id === card.id);
      expect(exported).toMatchObject({ title: 'Mon exposé' });
      expect(JSON.stringify(exported)).not.toContain('nulle');
    }
    const review = await must<{ pending: ModeratedItemView[] }>(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: reviewedWall } });
    expect(review.pending.find((item) => item.id === card.id)).toMatchObject({ state: 'visible', pendingEdit: true, excerpt: 'Mon exposé — Les volcans', pendingExcerpt: 'Mon exposé (insultes) — Chloé est nulle' });
    // An author's change is a teacher's decision, not a pupil moderator's.
    expect(await ask(moderator, 'wall:card:approve', { spaceId: reviewedWall, cardId: card.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    // Rejected: the approved version stays for everyone, the author's view goes back to it.
    const backForAuthor = nextEvent<WallCard>(author, 'wall:card', (c) => c.id === card.id && !c.pendingEdit);
    expect(await act(teacher, reviewedWall, 'wallCard', card.id, 'reject', edited.card.version)).toMatchObject({ ok: true, data: { item: { state: 'visible', pendingEdit: false } } });
    expect(await backForAuthor).toMatchObject({ title: 'Mon exposé' });
    expect((await fullSync(parent, reviewedWall)).cards.find((c) => c.id === card.id)).toMatchObject({ title: 'Mon exposé' });

    // A new change, approved: now everyone sees it.
    const second = await must<{ card: WallCard }>(author, 'wall:card:edit', { spaceId: reviewedWall, cardId: card.id, version: edited.card.version + 1, changes: { title: 'Mon exposé complet' } });
    expect(second.card).toMatchObject({ pendingEdit: true });
    const published = nextEvent<WallCard>(parent, 'wall:card', (c) => c.id === card.id && c.title === 'Mon exposé complet');
    expect(await must<{ card: WallCard }>(teacher, 'wall:card:approve', { spaceId: reviewedWall, cardId: card.id })).toMatchObject({ card: { title: 'Mon exposé complet' } });
    expect(await published).not.toHaveProperty('pendingEdit');
    expect((await fullSync(classmate, reviewedWall)).cards.find((c) => c.id === card.id)).toMatchObject({ title: 'Mon exposé complet', body: doc('Les volcans') });
  });

  it('a pupil moderator’s own edit of their approved card waits for review too', async () => {
    const teacher = await join(world.browsers.teacher, reviewedWall);
    const moderator = await join(world.browsers.pupilModerator, reviewedWall);
    const classmate = await join(classmateBrowser, reviewedWall);
    const { card } = await postCard(moderator, reviewedWall, { title: 'Règles du mur' });
    await must(teacher, 'wall:card:approve', { spaceId: reviewedWall, cardId: card.id });
    const current = (await fullSync(moderator, reviewedWall)).cards.find((c) => c.id === card.id)!;
    const edited = await must<{ card: WallCard }>(moderator, 'wall:card:edit', { spaceId: reviewedWall, cardId: card.id, version: current.version, changes: { title: 'Règles changées en douce' } });
    expect(edited.card).toMatchObject({ pendingEdit: true });
    expect((await fullSync(classmate, reviewedWall)).cards.find((c) => c.id === card.id)).toMatchObject({ title: 'Règles du mur' });
  });

  it('a revoked pupil moderator’s console socket no longer hears the wall’s pending cards', async () => {
    const wall = (await createWall(world.browsers.teacher, world.classId, { preModeration: true })).id;
    await designateModerator(world, wall);
    const console_ = await openSocket(server, world.browsers.pupilModerator);
    sockets.push(console_);
    await must(console_, 'moderation:join', { scope: { kind: 'space', spaceId: wall } });
    const author = await join(world.browsers.pupil, wall);
    const streamed = nextEvent<ModeratedItemView>(console_, 'moderation:item', (item) => item.excerpt.startsWith('Avant'));
    await postCard(author, wall, { title: 'Avant' });
    expect(await streamed).toMatchObject({ state: 'pending', actions: expect.arrayContaining(['approve']) });
    expect((await world.browsers.teacher.send('DELETE', `/api/spaces/${wall}/moderators/${world.ids.pupilModerator}`)).status).toBe(200);
    const heard = record<ModeratedItemView>(console_, 'moderation:item');
    await wait(200);
    await postCard(author, wall, { title: 'Après' });
    await wait(300);
    expect(heard.filter((item) => item.excerpt.startsWith('Après'))).toEqual([]);
  });
});
