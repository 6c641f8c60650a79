/**
 * Moderation of wall cards and comments: reports, the consoles' live stream and pending queue, hide (back into
 * review, withdrawn from everyone else, live and on catch-up), soft delete and restore, edits that keep a
 * revision, pupil moderators' bounds, conflicts, evidence, and one audit event per attempt.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_RECENT_MAX } from '../../../shared/moderation/limits';
import type { ModeratedItemView, ModerationAction, ReportView } from '../../../shared/moderation/types';
import type { WallCard, WallComment, WallSyncResult } from '../../../shared/wall/types';
import type { Browser } from '../../helpers/http';
import { designateModerator, personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { ask, auditEntries, createWall, doc, fullSync, joinWall, must, nextEvent, postCard, record, wait } from '../wall/support';

describe('live moderation on wall cards and comments', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let classmateBrowser: Browser;
  let spaceId: string;
  const sockets: Socket[] = [];
  let teacher: Socket, author: Socket, classmate: Socket, parent: Socket, pupilModerator: Socket, console_: Socket;

  const act = (socket: Socket, kind: 'wallCard' | 'wallComment', itemId: string, action: ModerationAction, version: number, extra: Record<string, unknown> = {}) =>
    ask<{ item: ModeratedItemView }>(socket, 'moderation:act', { kind, itemId, spaceId, action, reasonCode: 'insulte', version, ...extra });
  const cardIds = (result: WallSyncResult) => result.cards.map((card) => card.id);

  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
    classmateBrowser = await signedIn(server, 'chloe.nguyen');
    spaceId = (await createWall(world.browsers.teacher, world.classId, {}, { parentsMayComment: true })).id;
    await designateModerator(world, spaceId);
    teacher = await joinWall(server, world.browsers.teacher, spaceId);
    author = await joinWall(server, world.browsers.pupil, spaceId);
    classmate = await joinWall(server, classmateBrowser, spaceId);
    parent = await joinWall(server, world.browsers.parent, spaceId);
    pupilModerator = await joinWall(server, world.browsers.pupilModerator, spaceId);
    console_ = await openSocket(server, world.browsers.teacher);
    sockets.push(teacher, author, classmate, parent, pupilModerator, console_);
    await must(console_, 'moderation:join', { scope: { kind: 'class', classId: world.classId } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.stop();
    server?.cleanup();
  });

  it('a reported card is hidden pending review: gone for classmates and parents live and on catch-up, marked for its author; restore brings it back', async () => {
    const streamed = nextEvent<ModeratedItemView>(console_, 'moderation:item', (item) => item.kind === 'wallCard' && item.excerpt.startsWith('Carte méchante'));
    const { card } = await postCard(author, spaceId, { title: 'Carte méchante', body: doc('tu es nul') });
    expect(await streamed).toMatchObject({ id: card.id, state: 'visible', authorId: world.ids.pupil, classId: world.classId });
    const before = (await fullSync(classmate, spaceId)).seq;

    const reported = nextEvent<ReportView>(console_, 'moderation:report', (report) => report.itemId === card.id);
    await must(classmate, 'report:create', { kind: 'wallCard', itemId: card.id, spaceId, category: 'insulte', text: 'Elle se moque' });
    const report = await reported;
    expect(report).toMatchObject({ status: 'open', kind: 'wallCard', item: { state: 'visible', version: 1 } });

    const goneForClassmate = nextEvent<{ cardId: string }>(classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    const goneForParent = nextEvent<{ cardId: string }>(parent, 'wall:cardDeleted', (info) => info.cardId === card.id);
    const markedForAuthor = nextEvent<WallCard>(author, 'wall:card', (update) => update.id === card.id && update.hidden === true);
    const told = nextEvent<{ code: string; params: { reason: string; kind: string } }>(author, 'notify');
    const hidden = await act(teacher, 'wallCard', card.id, 'hide', 1, { reportId: report.id });
    expect(hidden).toMatchObject({ ok: true, data: { item: { state: 'hidden', version: 2 } } });
    await Promise.all([goneForClassmate, goneForParent]);
    expect(await markedForAuthor).toMatchObject({ status: 'pending', hidden: true });
    expect(await told).toMatchObject({ code: 'moderation.hide', params: { reason: 'insulte', kind: 'wallCard' } });

    // Catch-up: a full load does not have it, an incremental one names it as gone; its author still sees it.
    expect(cardIds(await fullSync(parent, spaceId))).not.toContain(card.id);
    expect((await must<WallSyncResult>(classmate, 'wall:sync', { spaceId, sinceSeq: before })).deletedCardIds).toContain(card.id);
    expect((await fullSync(author, spaceId)).cards.find((c) => c.id === card.id)).toMatchObject({ hidden: true });
    expect(await ask(classmate, 'wall:card:react', { spaceId, cardId: card.id, value: 1 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const mine = (await must<{ reports: ReportView[] }>(classmate, 'report:mine', {})).reports;
    expect(mine.find((r) => r.id === report.id)?.status).toBe('resolved');

    const back = nextEvent<WallCard>(parent, 'wall:card', (update) => update.id === card.id);
    expect(await act(teacher, 'wallCard', card.id, 'restore', 2)).toMatchObject({ ok: true, data: { item: { state: 'visible', version: 3 } } });
    expect(await back).toMatchObject({ status: 'published', hidden: false, title: 'Carte méchante' });
  });

  it('a moderator’s delete is soft and restorable, keeps evidence, and a teacher’s delete from the wall goes through the same path', async () => {
    // (A card with an address would be held by the personal-information guard: this one is published.)
    const { card } = await postCard(author, spaceId, { title: 'À supprimer', body: doc('tu es un gros nul') });
    const reported = (await must<{ report: ReportView }>(classmate, 'report:create', { kind: 'wallCard', itemId: card.id, spaceId, category: 'insulte' })).report;
    const gone = nextEvent<{ cardId: string }>(classmate, 'wall:cardDeleted', (info) => info.cardId === card.id);
    const handled = nextEvent<ReportView>(classmate, 'moderation:report', (report) => report.id === reported.id && report.status === 'resolved');
    expect(await ask(teacher, 'wall:card:delete', { spaceId, cardId: card.id, reasonCode: 'insulte' })).toMatchObject({ ok: true });
    await gone;
    // Acting from the wall handles the reports on the card too: its reporter is told.
    expect(await handled).toMatchObject({ resolution: 'delete' });
    const deletions = await auditEntries(world.browsers.director, 'moderation.delete');
    expect(deletions.filter((entry) => entry.target.id === card.id)).toMatchObject([{ status: 'success', reason: 'insulte', actor: { userId: world.ids.teacher } }]);
    const evidence = await world.browsers.teacher.get<{ itemId: string; original: { title: string } }[]>(`/api/spaces/${spaceId}/evidence?itemId=${card.id}`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.map((item) => item.original.title)).toEqual(['À supprimer']);

    const back = nextEvent<WallCard>(classmate, 'wall:card', (update) => update.id === card.id);
    expect(await act(teacher, 'wallCard', card.id, 'restore', 2)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    expect((await back).title).toBe('À supprimer');
    expect(cardIds(await fullSync(parent, spaceId))).toContain(card.id);

    // A card its author deleted (its file given back) cannot be restored.
    const { card: own } = await postCard(author, spaceId, { title: 'Je retire' });
    await must(author, 'wall:card:delete', { spaceId, cardId: own.id });
    expect(await act(teacher, 'wallCard', own.id, 'restore', 1)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('a pupil moderator hides, but gets FORBIDDEN on delete, edit, approve and restore of what they hid, from the console and from the wall', async () => {
    const { card } = await postCard(author, spaceId, { title: 'Hors sujet' });
    expect(await act(pupilModerator, 'wallCard', card.id, 'hide', 1)).toMatchObject({ ok: true, data: { item: { state: 'hidden' } } });
    // Hidden pending review: it waits in the teachers' review list until one of them decides.
    const review = await must<{ pending: ModeratedItemView[] }>(console_, 'moderation:join', { scope: { kind: 'space', spaceId } });
    expect(review.pending.find((item) => item.id === card.id)).toMatchObject({ state: 'hidden' });
    expect(await act(pupilModerator, 'wallCard', card.id, 'delete', 2)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await act(pupilModerator, 'wallCard', card.id, 'edit', 2, { content: { title: 'Corrigé' } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await ask(pupilModerator, 'wall:card:delete', { spaceId, cardId: card.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await ask(pupilModerator, 'wall:card:edit', { spaceId, cardId: card.id, version: 2, changes: { title: 'Corrigé' } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // What was hidden waits for a teacher: the pupil moderator can neither approve nor restore it.
    expect(await act(pupilModerator, 'wallCard', card.id, 'approve', 2)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await act(pupilModerator, 'wallCard', card.id, 'restore', 2)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await act(teacher, 'wallCard', card.id, 'restore', 2)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    expect((await fullSync(parent, spaceId)).cards.find((c) => c.id === card.id)?.title).toBe('Hors sujet');
  });

  it('pre-moderated cards wait in the consoles’ queue; approving from the wall is a moderation action', async () => {
    const wall = (await createWall(world.browsers.teacher, world.classId, { preModeration: true })).id;
    const pupil = await joinWall(server, world.browsers.pupil, wall);
    const teacherOnWall = await joinWall(server, world.browsers.teacher, wall);
    sockets.push(pupil, teacherOnWall);
    const { card } = await postCard(pupil, wall, { title: 'En attente de validation' });
    const queue = await must<{ pending: ModeratedItemView[] }>(console_, 'moderation:join', { scope: { kind: 'space', spaceId: wall } });
    expect(queue.pending).toMatchObject([{ kind: 'wallCard', id: card.id, state: 'pending' }]);
    const told = nextEvent<{ code: string }>(pupil, 'notify');
    expect(await ask(teacherOnWall, 'wall:card:approve', { spaceId: wall, cardId: card.id })).toMatchObject({ ok: true, data: { card: { status: 'published' } } });
    expect((await told).code).toBe('moderation.approve');
    expect((await auditEntries(world.browsers.director, 'moderation.approve')).some((entry) => entry.target.id === card.id)).toBe(true);
    expect((await must<{ pending: ModeratedItemView[] }>(console_, 'moderation:join', { scope: { kind: 'space', spaceId: wall } })).pending).toEqual([]);
  });

  it('a teacher edits a card from the console: the content changes for everyone, the original stays as evidence; a stale second edit gets CONFLICT, and both attempts are logged', async () => {
    // (A phone number would be held by the personal-information guard: this card is published, then corrected.)
    const { card } = await postCard(author, spaceId, { title: 'Mon avis', body: doc('Chloé est vraiment nulle') });
    const edited = nextEvent<WallCard>(classmate, 'wall:card', (update) => update.id === card.id && update.version === 2);
    const first = await act(teacher, 'wallCard', card.id, 'edit', 1, { content: { body: doc('Chloé est') }, reasonCode: 'insulte' });
    expect(first).toMatchObject({ ok: true, data: { item: { version: 2, excerpt: 'Mon avis — Chloé est' } } });
    expect(await edited).toMatchObject({ editorName: 'Claire Fontaine', title: 'Mon avis' });
    expect(JSON.stringify((await fullSync(parent, spaceId)).cards.find((c) => c.id === card.id))).not.toContain('nulle');
    expect(await act(teacher, 'wallCard', card.id, 'hide', 1)).toMatchObject({ ok: false, code: 'CONFLICT' });
    const attempts = (await auditEntries(world.browsers.director, 'moderation.hide')).filter((entry) => entry.target.id === card.id);
    expect(attempts).toMatchObject([{ status: 'fail' }]);
    const evidence = await world.browsers.teacher.get<{ itemId: string; original: { body: unknown } }[]>(`/api/spaces/${spaceId}/evidence?itemId=${card.id}`);
    expect(JSON.stringify(evidence.body[0]?.original)).toContain('vraiment nulle');
    expect((await world.browsers.parent.get(`/api/spaces/${spaceId}/evidence?itemId=${card.id}`)).status).toBe(403);
  });

  it('comments: reported, hidden (gone for others, count updated), edited, deleted by a teacher and restored', async () => {
    const { card } = await postCard(author, spaceId, { title: 'Notre sortie' });
    const streamed = nextEvent<ModeratedItemView>(console_, 'moderation:item', (item) => item.kind === 'wallComment' && item.excerpt === 'nul nul nul');
    const { comment } = await must<{ comment: WallComment }>(classmate, 'wall:comment:create', { spaceId, cardId: card.id, text: 'nul nul nul' });
    expect(comment.version).toBe(1);
    expect((await streamed).id).toBe(comment.id);
    await must(author, 'report:create', { kind: 'wallComment', itemId: comment.id, spaceId, category: 'insulte' });

    const goneForParent = nextEvent<{ commentId: string }>(parent, 'wall:commentDeleted', (info) => info.commentId === comment.id);
    const markedForAuthor = nextEvent<WallComment>(classmate, 'wall:comment', (update) => update.id === comment.id && update.hidden === true);
    const recount = nextEvent<WallCard>(parent, 'wall:card', (update) => update.id === card.id && update.commentCount === 0);
    expect(await act(pupilModerator, 'wallComment', comment.id, 'hide', 1)).toMatchObject({ ok: true, data: { item: { state: 'hidden', version: 2 } } });
    await goneForParent;
    await recount;
    expect(await markedForAuthor).toMatchObject({ hidden: true });
    expect((await fullSync(parent, spaceId)).comments.map((c) => c.id)).not.toContain(comment.id);
    expect((await fullSync(classmate, spaceId)).comments.find((c) => c.id === comment.id)).toMatchObject({ hidden: true });
    expect(await ask(pupilModerator, 'wall:comment:delete', { spaceId, commentId: comment.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const review = await must<{ pending: ModeratedItemView[] }>(console_, 'moderation:join', { scope: { kind: 'space', spaceId } });
    expect(review.pending.find((item) => item.id === comment.id)).toMatchObject({ kind: 'wallComment', state: 'hidden' });

    expect(await act(teacher, 'wallComment', comment.id, 'edit', 2, { content: { text: 'super sortie' } })).toMatchObject({ ok: true, data: { item: { version: 3 } } });
    expect(await act(teacher, 'wallComment', comment.id, 'restore', 3)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    expect((await fullSync(parent, spaceId)).comments.find((c) => c.id === comment.id)).toMatchObject({ text: 'super sortie', hidden: false });

    const deleted = nextEvent<{ commentId: string }>(parent, 'wall:commentDeleted', (info) => info.commentId === comment.id);
    expect(await ask(teacher, 'wall:comment:delete', { spaceId, commentId: comment.id, reasonCode: 'insulte' })).toMatchObject({ ok: true });
    await deleted;
    expect((await auditEntries(world.browsers.director, 'moderation.delete')).some((entry) => entry.target.id === comment.id)).toBe(true);
    expect(await act(teacher, 'wallComment', comment.id, 'restore', 5)).toMatchObject({ ok: true, data: { item: { state: 'visible' } } });
    const cardNow = (await fullSync(parent, spaceId)).cards.find((c) => c.id === card.id);
    expect(cardNow?.commentCount).toBe(1);
  });

  it('pupils and parents never receive a hidden card’s content', async () => {
    const arrived = [classmate, parent].map((socket) => nextEvent<WallCard>(socket, 'wall:card', (c) => c.title === 'Secret gênant'));
    const { card } = await postCard(author, spaceId, { title: 'Secret gênant' });
    await Promise.all(arrived);
    const seen = [classmate, parent].map((socket) => record<WallCard>(socket, 'wall:card'));
    await act(teacher, 'wallCard', card.id, 'hide', 1);
    await must(author, 'wall:card:edit', { spaceId, cardId: card.id, version: 2, changes: { title: 'Secret gênant modifié' } });
    await wait(300);
    for (const list of seen) expect(list.filter((c) => c.id === card.id)).toEqual([]);
  });

  it('the console reads an item’s whole text and corrects it as plain text, whatever its kind', async () => {
    const { card } = await postCard(author, spaceId, { title: 'Correction', body: doc('Mon numéro : 06 12 34 56 78') });
    const read = await must<{ item: ModeratedItemView; text: string }>(teacher, 'moderation:read', { kind: 'wallCard', itemId: card.id, spaceId });
    expect(read).toMatchObject({ item: { id: card.id, version: 1 }, text: 'Mon numéro : 06 12 34 56 78' });
    expect(read.item).not.toHaveProperty('content');
    expect(await ask(classmate, 'moderation:read', { kind: 'wallCard', itemId: card.id, spaceId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // The personal-information guard held it: the teacher corrects it, then publishes it.
    expect(read.item).toMatchObject({ state: 'pending', personalInfo: true });
    const edited = await act(teacher, 'wallCard', card.id, 'edit', 1, { content: { text: 'Mon numéro : (retiré)\nMerci' }, reasonCode: 'information_personnelle' });
    expect(edited).toMatchObject({ ok: true, data: { item: { version: 2, state: 'pending' } } });
    expect(await act(teacher, 'wallCard', card.id, 'approve', 2)).toMatchObject({ ok: true, data: { item: { version: 3, state: 'visible' } } });
    const now = (await fullSync(parent, spaceId)).cards.find((c) => c.id === card.id);
    expect(now?.body?.content).toHaveLength(2);
    expect(JSON.stringify(now)).not.toContain('06 12');
  });

  it('a teacher locks the space from the console with a reason (pupils can no longer post), and unlocks it; a pupil moderator cannot', async () => {
    expect(await ask(pupilModerator, 'moderation:lock', { spaceId, locked: true, reasonCode: 'spam' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const toldConsoles = nextEvent<{ id: string; locked: boolean }>(console_, 'moderation:space', (space) => space.id === spaceId);
    expect(await ask(teacher, 'moderation:lock', { spaceId, locked: true, reasonCode: 'spam' })).toMatchObject({ ok: true, data: { space: { id: spaceId, locked: true } } });
    expect(await toldConsoles).toMatchObject({ locked: true });
    expect(await ask(author, 'wall:card:create', { spaceId, title: 'Encore une' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await ask(teacher, 'moderation:lock', { spaceId, locked: true, reasonCode: 'spam' })).toMatchObject({ ok: false, code: 'CONFLICT' });
    const locks = await auditEntries(world.browsers.director, 'space.locked');
    expect(locks.find((entry) => entry.target.id === spaceId)).toMatchObject({ reason: 'spam', actor: { userId: world.ids.teacher } });
    const joined = await must<{ spaces: { id: string; locked: boolean }[] }>(console_, 'moderation:join', { scope: { kind: 'class', classId: world.classId } });
    expect(joined.spaces.find((space) => space.id === spaceId)?.locked).toBe(true);
    expect(await ask(teacher, 'moderation:lock', { spaceId, locked: false, reasonCode: 'erreur' })).toMatchObject({ ok: true, data: { space: { locked: false } } });
    await must(author, 'wall:card:create', { spaceId, title: 'De nouveau ouvert' });
  });

  it('acting from a report resolves only a report on that very item, and not one another moderator claimed', async () => {
    const { card: first } = await postCard(author, spaceId, { title: 'Premier' });
    const { card: second } = await postCard(author, spaceId, { title: 'Second' });
    const onFirst = (await must<{ report: ReportView }>(classmate, 'report:create', { kind: 'wallCard', itemId: first.id, spaceId, category: 'autre' })).report;
    expect(await act(teacher, 'wallCard', second.id, 'hide', 1, { reportId: onFirst.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await must<{ reports: ReportView[] }>(classmate, 'report:mine', {})).reports.find((r) => r.id === onFirst.id)?.status).toBe('open');

    const director = await joinWall(server, world.browsers.director, spaceId);
    sockets.push(director);
    await must(teacher, 'moderation:claim', { reportId: onFirst.id, version: onFirst.version });
    expect(await act(director, 'wallCard', first.id, 'hide', 1, { reportId: onFirst.id })).toMatchObject({ ok: false, code: 'CONFLICT' });
    const attempts = (await auditEntries(world.browsers.director, 'moderation.hide')).filter((entry) => entry.target.id === first.id);
    expect(attempts).toMatchObject([{ status: 'fail', actor: { userId: world.ids.director } }]);
    const muted = await act(teacher, 'wallCard', first.id, 'mute', 1, { reportId: onFirst.id, durationMinutes: 5 });
    expect(muted.ok && muted.data.item).not.toHaveProperty('content');
    // The reporter gets their report (what they saw when reporting), never the item's moderation view.
    expect((await must<{ reports: ReportView[] }>(classmate, 'report:mine', {})).reports.find((r) => r.id === onFirst.id)).toMatchObject({ status: 'resolved', itemId: first.id, item: null });
  });

  it('a console opens with the newest contributions of its spaces, newest first', async () => {
    // (The author was muted by the previous test.)
    const { card } = await postCard(classmate, spaceId, { title: 'Toute fraîche' });
    const { comment } = await must<{ comment: WallComment }>(teacher, 'wall:comment:create', { spaceId, cardId: card.id, text: 'Bravo' });
    const opened = await must<{ recent: ModeratedItemView[] }>(console_, 'moderation:join', { scope: { kind: 'class', classId: world.classId } });
    expect(opened.recent.length).toBeLessThanOrEqual(CONSOLE_RECENT_MAX);
    expect(opened.recent.map((item) => item.id)).toEqual(expect.arrayContaining([card.id, comment.id]));
    expect(opened.recent.map((item) => item.createdAt)).toEqual([...opened.recent.map((item) => item.createdAt)].sort((a, b) => b - a));
    expect(await ask(classmate, 'moderation:join', { scope: { kind: 'class', classId: world.classId } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
