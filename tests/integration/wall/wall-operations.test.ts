import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallCard, WallComment, WallExport, WallLock, WallSyncResult } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';
import { ask, auditEntries, createWall, deniedCount, doc, fullSync, joinWall, must, nextEvent, patchWall, postCard, record, wait } from './support';

describe('wall operations over Socket.IO: validated, authorized, persisted, audited, broadcast, acked', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pupilB: Browser;
  let spaceId: string;
  const sockets: Socket[] = [];
  let teacher: Socket, pupilA: Socket, pupilBSocket: Socket, parent: Socket;

  beforeAll(async () => {
    // Each change leaves at once (no batching window: wall-batching.test.ts covers it), so the short watch for a
    // forbidden card below cannot catch an earlier test's card still waiting in its window.
    server = await startServer({ env: { WALL_BROADCAST_WINDOW_MS: '0' } });
    world = await personaWorld(server);
    pupilB = await signedIn(server, 'chloe.nguyen');
    spaceId = (await createWall(world.browsers.teacher, world.classId, {}, { parentsMayComment: true })).id;
    teacher = await joinWall(server, world.browsers.teacher, spaceId);
    pupilA = await joinWall(server, world.browsers.pupil, spaceId);
    pupilBSocket = await joinWall(server, pupilB, spaceId);
    parent = await joinWall(server, world.browsers.parent, spaceId);
    sockets.push(teacher, pupilA, pupilBSocket, parent);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('a pupil posts a card: every viewer receives it, with its author and time', async () => {
    const seenByB = nextEvent<WallCard>(pupilBSocket, 'wall:card', (card) => card.title === 'Mon idée');
    const seenByParent = nextEvent<WallCard>(parent, 'wall:card', (card) => card.title === 'Mon idée');
    const { card } = await postCard(pupilA, spaceId, { title: 'Mon idée', sectionId: 'questions', link: 'https://fr.wikipedia.org/wiki/Angers', color: 'jaune' });
    expect(card).toMatchObject({ authorId: world.ids.pupil, authorName: 'Léa Martin', authorRole: 'pupil', status: 'published', version: 1, sectionId: 'questions', color: 'jaune' });
    expect(card.link).toEqual({ url: 'https://fr.wikipedia.org/wiki/Angers', domain: 'fr.wikipedia.org' });
    expect(card.createdAt).toBeGreaterThan(Date.now() - 60_000);
    expect((await seenByB).id).toBe(card.id);
    expect((await seenByParent).id).toBe(card.id);
    expect((await auditEntries(world.browsers.director, 'wall.card_created')).some((e) => e.target.id === card.id && e.actor.userId === world.ids.pupil)).toBe(true);
  });

  it('validates: rich text outside the schema, javascript: links, empty cards and unknown fields are refused', async () => {
    const bad = [
      { title: 'x', body: { type: 'doc', content: [{ type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }] } },
      { title: 'x', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] } },
      { title: 'x', link: 'javascript:alert(1)' },
      { title: '', body: null },
      { title: 'x', evil: true },
      { title: 'x'.repeat(500) },
    ];
    for (const fields of bad) {
      const answer = await ask(pupilA, 'wall:card:create', { spaceId, ...fields });
      expect(answer.ok, JSON.stringify(fields).slice(0, 80)).toBe(false);
      if (!answer.ok) expect(answer.code).toBe('VALIDATION');
    }
  });

  it('B cannot edit, move or delete A’s card: FORBIDDEN, nothing changes, and each denial is audited', async () => {
    const { card } = await postCard(pupilA, spaceId, { title: 'À Léa' });
    const before = await deniedCount(world.browsers.director);
    const attempts = [
      ask(pupilBSocket, 'wall:card:edit', { spaceId, cardId: card.id, version: card.version, changes: { title: 'Piraté' } }),
      ask(pupilBSocket, 'wall:card:move', { spaceId, cardId: card.id, position: { x: 5, y: 5 } }),
      ask(pupilBSocket, 'wall:card:delete', { spaceId, cardId: card.id }),
    ];
    for (const answer of await Promise.all(attempts)) expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await deniedCount(world.browsers.director)).toBe(before + 3);
    const denials = await auditEntries(world.browsers.director, 'access.denied');
    const pupilBId = (await pupilB.get<{ user: { id: string } }>('/api/me')).body.user.id;
    // Editing and deleting someone else's card are asked on the card itself; moving it is arranging the wall
    // (`moderate` on the space), so that denial names the wall.
    const mine = denials.filter((e) => (e.target.id === card.id || e.target.id === spaceId) && e.actor.userId === pupilBId && e.status === 'denied');
    expect(mine.map((e) => e.reason?.match(/wall:card:\w+/)?.[0]).sort()).toEqual(['wall:card:delete', 'wall:card:edit', 'wall:card:move']);
    const state = await fullSync(pupilA, spaceId);
    expect(state.cards.find((c) => c.id === card.id)).toMatchObject({ title: 'À Léa', version: 1 });
  });

  it('the author edits with the current version; a stale version gets CONFLICT and nothing is overwritten', async () => {
    const { card } = await postCard(pupilA, spaceId, { title: 'Brouillon' });
    const seenByB = nextEvent<WallCard>(pupilBSocket, 'wall:card', (c) => c.id === card.id && c.version === 2);
    const edited = await must<{ card: WallCard }>(pupilA, 'wall:card:edit', { spaceId, cardId: card.id, version: 1, changes: { title: 'Version 2', body: doc('Texte 2') } });
    expect(edited.card).toMatchObject({ title: 'Version 2', version: 2 });
    expect((await seenByB).title).toBe('Version 2');
    // The teacher edits from the same stale version 1: refused, and version 2 stays.
    const stale = await ask(teacher, 'wall:card:edit', { spaceId, cardId: card.id, version: 1, changes: { title: 'Écrasé ?' } });
    expect(stale).toMatchObject({ ok: false, code: 'CONFLICT' });
    if (!stale.ok) expect(stale.issues?.[0]).toEqual({ path: 'version', message: '2' });
    const state = await fullSync(teacher, spaceId);
    expect(state.cards.find((c) => c.id === card.id)).toMatchObject({ title: 'Version 2', version: 2 });
    // Re-applied on the current version, the teacher's edit goes through and shows who edited.
    const reapplied = await must<{ card: WallCard }>(teacher, 'wall:card:edit', { spaceId, cardId: card.id, version: 2, changes: { title: 'Corrigé' } });
    expect(reapplied.card).toMatchObject({ title: 'Corrigé', version: 3, authorName: 'Léa Martin', editorName: 'Claire Fontaine' });
  });

  it('moves keep both the canvas position and the column, and do not bump the content version', async () => {
    const { card } = await postCard(pupilA, spaceId, { title: 'Mobile' });
    const moved = await must<{ card: WallCard }>(pupilA, 'wall:card:move', { spaceId, cardId: card.id, position: { x: 900, y: 300 } });
    expect(moved.card).toMatchObject({ position: { x: 900, y: 300 }, sectionId: 'idees', version: 1 });
    const seen = nextEvent<WallCard>(teacher, 'wall:card', (c) => c.id === card.id && c.sectionId === 'questions');
    const again = await must<{ card: WallCard }>(pupilA, 'wall:card:move', { spaceId, cardId: card.id, sectionId: 'questions', order: 1 });
    expect(again.card).toMatchObject({ position: { x: 900, y: 300 }, sectionId: 'questions', order: 1 });
    await seen;
    // Positions are clamped into the canvas by validation.
    expect(await ask(pupilA, 'wall:card:move', { spaceId, cardId: card.id, position: { x: -5, y: 1e9 } })).toMatchObject({ ok: false, code: 'VALIDATION' });
  });

  it('switching the layout loses nothing', async () => {
    const before = await fullSync(teacher, spaceId);
    for (const layout of ['canvas', 'stream', 'columns']) {
      const updated = nextEvent<{ settings: { layout: string } }>(pupilA, 'space:updated', (s) => s.settings.layout === layout);
      await patchWall(world.browsers.teacher, spaceId, { settings: { layout } });
      await updated;
    }
    const after = await fullSync(teacher, spaceId);
    expect(after.cards).toEqual(before.cards);
  });

  it('reactions follow the wall’s type, one per person', async () => {
    const { card } = await postCard(pupilA, spaceId, { title: 'À aimer' });
    expect((await must<{ card: WallCard }>(pupilBSocket, 'wall:card:react', { spaceId, cardId: card.id, value: 1 })).card.reactions).toEqual([{ userId: expect.any(String), value: 1 }]);
    expect((await must<{ card: WallCard }>(pupilBSocket, 'wall:card:react', { spaceId, cardId: card.id, value: 1 })).card.reactions).toHaveLength(1);
    expect(await ask(pupilBSocket, 'wall:card:react', { spaceId, cardId: card.id, value: 4 })).toMatchObject({ ok: false, code: 'VALIDATION' });
    await patchWall(world.browsers.teacher, spaceId, { settings: { reaction: 'star' } });
    expect((await must<{ card: WallCard }>(pupilBSocket, 'wall:card:react', { spaceId, cardId: card.id, value: 4 })).card.reactions).toEqual([{ userId: expect.any(String), value: 4 }]);
    expect((await must<{ card: WallCard }>(pupilBSocket, 'wall:card:react', { spaceId, cardId: card.id, value: 0 })).card.reactions).toEqual([]);
    // Parents read and comment; they do not react.
    expect(await ask(parent, 'wall:card:react', { spaceId, cardId: card.id, value: 3 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await patchWall(world.browsers.teacher, spaceId, { settings: { reaction: 'like' } });
  });

  it('comments: pupils and (where allowed) parents comment; off means off; authors and teachers delete', async () => {
    const { card } = await postCard(pupilA, spaceId, { title: 'À commenter' });
    const seen = nextEvent<WallComment>(pupilA, 'wall:comment', (c) => c.cardId === card.id);
    const { comment } = await must<{ comment: WallComment }>(parent, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Bravo ma grande !' });
    expect(comment).toMatchObject({ authorRole: 'parent', authorName: 'Sophie Renaud' });
    expect((await seen).id).toBe(comment.id);
    expect(await ask(pupilBSocket, 'wall:comment:delete', { spaceId, commentId: comment.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const gone = nextEvent<{ commentId: string }>(parent, 'wall:commentDeleted', (c) => c.commentId === comment.id);
    await must(teacher, 'wall:comment:delete', { spaceId, commentId: comment.id });
    await gone;

    await patchWall(world.browsers.teacher, spaceId, { parentsMayComment: false });
    expect(await ask(parent, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Encore' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await patchWall(world.browsers.teacher, spaceId, { settings: { comments: false } });
    expect(await ask(pupilBSocket, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Moi aussi' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await patchWall(world.browsers.teacher, spaceId, { parentsMayComment: true, settings: { comments: true } });
    await must(pupilBSocket, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Moi aussi' });
  });

  it('exports every card and comment with its authors, as a JSON download', async () => {
    const { card } = await postCard(pupilA, spaceId, { title: 'À exporter' });
    await must(parent, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Commentaire exporté' });
    const exported = await world.browsers.teacher.get<WallExport>(`/api/walls/${spaceId}/export?download=1`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="mur-de-la-classe\.json"/);
    expect(exported.body).toMatchObject({ format: 'preau.wall', version: 1, wall: { id: spaceId, title: 'Mur de la classe', ownerName: 'Claire Fontaine' } });
    const line = exported.body.cards.find((c) => c.id === card.id);
    expect(line).toMatchObject({ title: 'À exporter', authorName: 'Léa Martin', comments: [{ text: 'Commentaire exporté', authorName: 'Sophie Renaud', authorRole: 'parent' }] });
    expect((await auditEntries(world.browsers.director, 'wall.exported')).some((e) => e.actor.userId === world.ids.teacher)).toBe(true);
  });

  it('parents never post cards unless the wall is open to everyone and they may take part', async () => {
    await patchWall(world.browsers.teacher, spaceId, { settings: { whoCanPost: 'pupils' } });
    expect(await ask(parent, 'wall:card:create', { spaceId, title: 'Parent' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await patchWall(world.browsers.teacher, spaceId, { settings: { whoCanPost: 'closed' } });
    expect(await ask(pupilA, 'wall:card:create', { spaceId, title: 'Fermé' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await must(teacher, 'wall:card:create', { spaceId, title: 'Consigne de la maîtresse' });
    await patchWall(world.browsers.teacher, spaceId, { settings: { whoCanPost: 'everyone' } });
    await must(parent, 'wall:card:create', { spaceId, title: 'Un mot des parents' });
  });

  it('"tout le monde modifie" lets pupils edit each other’s cards; locked positions leave moves to the teacher', async () => {
    const { card } = await postCard(pupilA, spaceId, { title: 'Collective' });
    await patchWall(world.browsers.teacher, spaceId, { settings: { everyoneEdits: true } });
    await must(pupilBSocket, 'wall:card:edit', { spaceId, cardId: card.id, version: 1, changes: { title: 'Collective (complétée)' } });
    await patchWall(world.browsers.teacher, spaceId, { settings: { everyoneEdits: false, lockedPositions: true } });
    expect(await ask(pupilA, 'wall:card:move', { spaceId, cardId: card.id, position: { x: 1, y: 1 } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await must(teacher, 'wall:card:move', { spaceId, cardId: card.id, position: { x: 1, y: 1 } });
    await patchWall(world.browsers.teacher, spaceId, { settings: { lockedPositions: false } });
  });

  it('soft lock: "en cours de modification par X", refused to others, released on unlock and on disconnect', async () => {
    const { card } = await postCard(pupilA, spaceId, { title: 'Verrou' });
    const announced = nextEvent<WallLock>(teacher, 'wall:lock', (l) => l.cardId === card.id && l.holder !== null);
    const lock = await must<WallLock>(pupilA, 'wall:card:lock', { spaceId, cardId: card.id });
    expect(lock.holder?.name).toBe('Léa Martin');
    expect((await announced).holder?.name).toBe('Léa Martin');
    const refused = await ask(teacher, 'wall:card:lock', { spaceId, cardId: card.id });
    expect(refused).toMatchObject({ ok: false, code: 'CONFLICT' });
    if (!refused.ok) expect(refused.message).toContain('Léa Martin');
    expect((await fullSync(pupilBSocket, spaceId)).locks.some((l) => l.cardId === card.id)).toBe(true);
    const released = nextEvent<WallLock>(teacher, 'wall:lock', (l) => l.cardId === card.id && l.holder === null);
    await must(pupilA, 'wall:card:unlock', { spaceId, cardId: card.id });
    await released;
    // A holder who disconnects frees the card at once.
    const other = await joinWall(server, world.browsers.pupil, spaceId);
    await must(other, 'wall:card:lock', { spaceId, cardId: card.id });
    const freed = nextEvent<WallLock>(teacher, 'wall:lock', (l) => l.cardId === card.id && l.holder === null);
    other.close();
    await freed;
  });

  it('the teacher deletes any card; everyone is told; catch-up reports the deletion', async () => {
    const { card } = await postCard(pupilA, spaceId, { title: 'À supprimer' });
    const sinceSeq = (await fullSync(pupilBSocket, spaceId)).seq;
    const goneForA = nextEvent<{ cardId: string }>(pupilA, 'wall:cardDeleted', (d) => d.cardId === card.id);
    const goneForB = nextEvent<{ cardId: string }>(pupilBSocket, 'wall:cardDeleted', (d) => d.cardId === card.id);
    await must(teacher, 'wall:card:delete', { spaceId, cardId: card.id });
    await Promise.all([goneForA, goneForB]);
    const delta = await must<WallSyncResult>(pupilBSocket, 'wall:sync', { spaceId, sinceSeq });
    expect(delta.deletedCardIds).toContain(card.id);
    expect(delta.full).toBe(false);
    expect((await fullSync(pupilBSocket, spaceId)).cards.some((c) => c.id === card.id)).toBe(false);
    expect(await ask(pupilA, 'wall:card:edit', { spaceId, cardId: card.id, version: 1, changes: { title: 'x' } })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('catch-up after a reconnection: a client that was away gets every change since its last seq, and nothing twice is harmful', async () => {
    const since = (await fullSync(pupilBSocket, spaceId)).seq;
    pupilBSocket.disconnect();
    const created = (await postCard(pupilA, spaceId, { title: 'Pendant l’absence' })).card;
    await must(pupilA, 'wall:card:edit', { spaceId, cardId: created.id, version: 1, changes: { title: 'Pendant l’absence (modifiée)' } });
    const { comment } = await must<{ comment: WallComment }>(teacher, 'wall:comment:create', { spaceId, cardId: created.id, text: 'Vu' });
    pupilBSocket.connect();
    await nextEvent(pupilBSocket, 'connect').catch(() => undefined);
    await must(pupilBSocket, 'space:join', { spaceId });
    const delta = await must<WallSyncResult>(pupilBSocket, 'wall:sync', { spaceId, sinceSeq: since });
    expect(delta.cards.find((c) => c.id === created.id)).toMatchObject({ title: 'Pendant l’absence (modifiée)', version: 2 });
    expect(delta.comments.map((c) => c.id)).toContain(comment.id);
    expect(delta.seq).toBeGreaterThan(since);
  });

  it('works over the long-polling fallback: live updates and acks', async () => {
    const polling = await joinWall(server, pupilB, spaceId, 'polling');
    sockets.push(polling);
    expect(polling.io.engine.transport.name).toBe('polling');
    const seen = nextEvent<WallCard>(polling, 'wall:card', (c) => c.title === 'Par long-polling');
    await postCard(pupilA, spaceId, { title: 'Par long-polling' });
    expect((await seen).authorName).toBe('Léa Martin');
    const { card } = await postCard(polling, spaceId, { title: 'Depuis le long-polling' });
    expect(card.authorId).not.toBe(world.ids.pupil);
  });

  it('another class’s pupil and teacher cannot even read the wall', async () => {
    for (const persona of ['pupilOtherClass', 'teacherOtherClass'] as const) {
      const { openSocket } = await import('../../helpers/sockets');
      const socket = await openSocket(server, world.browsers[persona]);
      expect(await ask(socket, 'wall:sync', { spaceId, sinceSeq: 0 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await ask(socket, 'wall:card:create', { spaceId, title: 'Intrus' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      socket.close();
    }
    const missing = record<WallCard>(parent, 'wall:card');
    await wait(10);
    expect(missing).toEqual([]);
  });
});
