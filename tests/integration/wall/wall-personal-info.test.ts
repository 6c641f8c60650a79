/**
 * The personal-information guard on the wall, written as the attack of issue 11: a pupil sends a phone number
 * anyway, on a card or in a comment (wall comments had no guard at all). It is held: its author and the moderators
 * see it (flagged), nobody else does (broadcast, catch-up, export), the teachers' console has it in « À relire » at
 * once, a pupil moderator cannot publish it, a teacher approves or deletes it.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import type { WallCard, WallComment, WallExport } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { ask, createWall, doc, fullSync, joinWall, must, nextEvent, postCard, record, wait } from './support';

describe('personal information on the wall: held for a teacher, whatever the client did', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let classmateBrowser: Browser;
  let spaceId: string;
  let teacher: Socket, author: Socket, classmate: Socket, parent: Socket, moderator: Socket, console_: Socket;

  const act = (socket: Socket, kind: 'wallCard' | 'wallComment', itemId: string, action: string, version: number) =>
    ask<{ item: ModeratedItemView }>(socket, 'moderation:act', { kind, itemId, spaceId, action, reasonCode: 'information_personnelle', version });
  const exportedBy = async (browser: Browser) => (await browser.get<WallExport>(`/api/walls/${spaceId}/print`)).body;

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    classmateBrowser = await signedIn(server, 'chloe.nguyen');
    // Not pre-moderated: only the guard holds anything here.
    spaceId = (await createWall(world.browsers.teacher, world.classId, {}, { parentsMayComment: true })).id;
    await designateModerator(world, spaceId);
    teacher = await joinWall(server, world.browsers.teacher, spaceId);
    author = await joinWall(server, world.browsers.pupil, spaceId);
    classmate = await joinWall(server, classmateBrowser, spaceId);
    parent = await joinWall(server, world.browsers.parent, spaceId);
    moderator = await joinWall(server, world.browsers.pupilModerator, spaceId);
    console_ = await openSocket(server, world.browsers.teacher);
    await must(console_, 'moderation:join', { scope: { kind: 'class', classId: world.classId } });
  });
  afterAll(async () => {
    for (const socket of [teacher, author, classmate, parent, moderator, console_]) socket?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('a pupil’s card with a phone number is held: only its author and the teachers see it, flagged (not a pupil moderator); a teacher approves it', async () => {
    const seen = [classmate, parent, moderator].map((socket) => record<WallCard>(socket, 'wall:card'));
    const inReview = nextEvent<ModeratedItemView>(console_, 'moderation:item', (item) => item.excerpt.startsWith('Appelle-moi'));
    const { card } = await postCard(author, spaceId, { title: 'Appelle-moi', body: doc('mon numéro : 06 12 34 56 78') });
    expect(card).toMatchObject({ status: 'pending', personalInfo: true });
    expect(await inReview).toMatchObject({ id: card.id, state: 'pending', personalInfo: true, actions: expect.arrayContaining(['approve', 'delete']) });
    await wait(300);
    for (const list of seen) expect(list.filter((c) => c.id === card.id)).toEqual([]);
    for (const socket of [classmate, parent, moderator]) expect((await fullSync(socket, spaceId)).cards.map((c) => c.id)).not.toContain(card.id);
    for (const browser of [classmateBrowser, world.browsers.parent]) expect(JSON.stringify(await exportedBy(browser))).not.toContain('06 12 34 56 78');
    expect((await fullSync(author, spaceId)).cards.find((c) => c.id === card.id)).toMatchObject({ personalInfo: true });

    const review = await must<{ pending: ModeratedItemView[] }>(console_, 'moderation:join', { scope: { kind: 'space', spaceId } });
    expect(review.pending.find((item) => item.id === card.id)).toMatchObject({ personalInfo: true, state: 'pending' });
    // The pupil moderator neither reads nor publishes it: personal information is a teacher's decision.
    expect(await ask(moderator, 'wall:card:approve', { spaceId, cardId: card.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await act(moderator, 'wallCard', card.id, 'approve', 1)).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const published = nextEvent<WallCard>(parent, 'wall:card', (c) => c.id === card.id);
    expect(await must<{ card: WallCard }>(teacher, 'wall:card:approve', { spaceId, cardId: card.id })).toMatchObject({ card: { status: 'published' } });
    expect(await published).not.toHaveProperty('personalInfo');
  });

  it('a teacher deletes a held card: it never reaches the class', async () => {
    const seen = [classmate, parent].map((socket) => record<WallCard>(socket, 'wall:card'));
    const { card } = await postCard(author, spaceId, { title: 'Mon adresse', body: doc('j’habite 12 rue des Lilas') });
    expect(card.status).toBe('pending');
    expect(await act(teacher, 'wallCard', card.id, 'delete', 1)).toMatchObject({ ok: true, data: { item: { state: 'deleted' } } });
    await wait(200);
    for (const list of seen) expect(list.filter((c) => c.id === card.id)).toEqual([]);
    expect((await fullSync(parent, spaceId)).cards.map((c) => c.id)).not.toContain(card.id);
  });

  it('a pupil’s edit that adds a phone number to a published card is held; the others keep the published card', async () => {
    const { card } = await postCard(author, spaceId, { title: 'Mon chat' });
    const edited = await must<{ card: WallCard }>(author, 'wall:card:edit', { spaceId, cardId: card.id, version: 1, changes: { body: doc('appelle au 0612345678') } });
    expect(edited.card).toMatchObject({ pendingEdit: true, personalInfo: true });
    for (const socket of [classmate, parent]) {
      const seen = (await fullSync(socket, spaceId)).cards.find((c) => c.id === card.id);
      expect(seen).toMatchObject({ title: 'Mon chat', body: doc('Bonjour') });
      expect(seen).not.toHaveProperty('pendingEdit');
    }
    expect(await ask(moderator, 'wall:card:approve', { spaceId, cardId: card.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await act(teacher, 'wallCard', card.id, 'reject', 2)).toMatchObject({ ok: true });
    expect(JSON.stringify(await exportedBy(world.browsers.parent))).not.toContain('0612345678');
  });

  it('a pupil’s comment with a phone number is held the same way (wall comments had no guard); a teacher approves or deletes it', async () => {
    const { card } = await postCard(teacher, spaceId, { title: 'Notre sortie' });
    const seen = [classmate, parent].map((socket) => record<WallComment>(socket, 'wall:comment'));
    const inReview = nextEvent<ModeratedItemView>(console_, 'moderation:item', (item) => item.kind === 'wallComment' && item.excerpt.includes('07 11'));
    const { comment } = await must<{ comment: WallComment }>(author, 'wall:comment:create', { spaceId, cardId: card.id, text: 'écris-moi au 07 11 22 33 44' });
    expect(comment).toMatchObject({ status: 'pending', personalInfo: true });
    expect(await inReview).toMatchObject({ id: comment.id, state: 'pending', personalInfo: true });
    await wait(300);
    for (const list of seen) expect(list.filter((c) => c.id === comment.id)).toEqual([]);
    for (const socket of [classmate, parent]) expect((await fullSync(socket, spaceId)).comments.map((c) => c.id)).not.toContain(comment.id);
    for (const browser of [classmateBrowser, world.browsers.parent]) expect(JSON.stringify(await exportedBy(browser))).not.toContain('07 11 22 33 44');
    expect((await fullSync(moderator, spaceId)).comments.find((c) => c.id === comment.id)).toBeUndefined();
    expect(await act(moderator, 'wallComment', comment.id, 'approve', 1)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // Nobody can report what they cannot read.
    expect(await ask(classmate, 'report:create', { kind: 'wallComment', itemId: comment.id, spaceId, category: 'autre' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    const published = nextEvent<WallComment>(parent, 'wall:comment', (c) => c.id === comment.id);
    expect(await act(teacher, 'wallComment', comment.id, 'approve', 1)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    expect(await published).toMatchObject({ status: 'published' });
    expect((await fullSync(parent, spaceId)).cards.find((c) => c.id === card.id)?.commentCount).toBe(1);

    const { comment: other } = await must<{ comment: WallComment }>(author, 'wall:comment:create', { spaceId, cardId: card.id, text: 'mon mail : lea@exemple.fr' });
    expect(other.status).toBe('pending');
    expect(await ask(teacher, 'wall:comment:delete', { spaceId, commentId: other.id, reasonCode: 'information_personnelle' })).toMatchObject({ ok: true });
    expect((await fullSync(parent, spaceId)).comments.map((c) => c.id)).not.toContain(other.id);
  });

  it('adults are not held (they are responsible for what they write)', async () => {
    const { card } = await postCard(teacher, spaceId, { title: 'Contact', body: doc('Secrétariat : 03 26 00 00 00') });
    expect(card.status).toBe('published');
  });
});
