/**
 * Duplicating a space (issue 19, Deliver 3): a wall with its content to another class (the director: the demo
 * teacher teaches CE2 only), keeping the authors of the published cards and leaving hidden, pending and deleted
 * ones behind, each file copied so it still opens once the source's card is gone; structure only; another class
 * without the pupils' contributions unless ticked; a pad and a forum; the audit entries naming source and target.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateSpaceResult } from '../../../shared/spaces/duplicate';
import type { UploadedFile, WallCard } from '../../../shared/wall/types';
import { png } from '../../fixtures/wall/images';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket } from '../../helpers/sockets';
import { createTopic, FORUM_TEST_SERVER, newForum, reply, storedDocuments } from '../forum/support';
import { addParagraph, connectPad, createPad, eventually, serverText } from '../pad/support';
import { auditEntries, createWall, download, fullSync, must, upload } from '../wall/support';

describe('duplicating a space', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let pupil: Socket;
  let teacher: Socket;
  let director: Socket;
  let wallId: string;
  const titles = { published: 'Le cycle de l’eau', teacher: 'Consigne de la maîtresse', pending: 'En attente', hidden: 'Masquée', deleted: 'Supprimée' };
  let image: Buffer;

  const duplicate = (persona: 'teacher' | 'director' | 'teacherOtherClass', id: string, body: Record<string, unknown>) =>
    world.browsers[persona].post<DuplicateSpaceResult>(`/api/spaces/${id}/duplicate`, body);
  const cardsOf = async (spaceId: string): Promise<WallCard[]> => (await fullSync(director, spaceId)).cards;

  beforeAll(async () => {
    server = await startServer(FORUM_TEST_SERVER);
    world = await personaWorld(server);
    [pupil, teacher, director] = await Promise.all([openSocket(server, world.browsers.pupil), openSocket(server, world.browsers.teacher), openSocket(server, world.browsers.director)]);
    wallId = (await createWall(world.browsers.teacher, world.classId, { preModeration: true })).id;
    image = await png();
    const file = (await upload(world.browsers.pupil, wallId, image, 'eau.png')).body as UploadedFile;
    const post = async (title: string, extra: Record<string, unknown> = {}) => (await must<{ card: WallCard }>(pupil, 'wall:card:create', { spaceId: wallId, title, ...extra })).card;
    const approve = async (card: WallCard) => (await must<{ card: WallCard }>(teacher, 'wall:card:approve', { spaceId: wallId, cardId: card.id })).card;
    await approve(await post(titles.published, { attachmentId: file.blobId, sectionId: 'questions' }));
    await post(titles.pending);
    const hidden = await approve(await post(titles.hidden));
    await must(teacher, 'moderation:act', { kind: 'wallCard', itemId: hidden.id, spaceId: wallId, action: 'hide', reasonCode: 'hors_sujet', version: hidden.version });
    const deleted = await post(titles.deleted);
    await approve(deleted);
    await must(teacher, 'wall:card:delete', { spaceId: wallId, cardId: deleted.id });
    await must(teacher, 'wall:card:create', { spaceId: wallId, title: titles.teacher });
  });
  afterAll(async () => {
    for (const socket of [pupil, teacher, director]) socket?.close();
    await server?.stop();
    server?.cleanup();
  });

  it('copies a wall with its content to another class: published cards with their authors, no hidden, pending or deleted one, files that open', async () => {
    const answer = await duplicate('director', wallId, { target: { kind: 'class', classId: world.otherClassId }, content: true, pupilsContent: true, title: 'Le cycle de l’eau (CM2)' });
    expect(answer.status).toBe(201);
    const copy = answer.body.space;
    expect(copy).toMatchObject({ kind: 'wall', title: 'Le cycle de l’eau (CM2)', scope: { kind: 'class', classId: world.otherClassId }, ownerId: world.ids.director });
    expect((copy.settings as { sections: unknown[] }).sections).toHaveLength(2);
    expect(answer.body.copied).toEqual({ items: 2, files: 1 });

    const cards = await cardsOf(copy.id);
    expect(cards.map((card) => card.title).sort()).toEqual([titles.teacher, titles.published].sort());
    const pupils = cards.find((card) => card.title === titles.published)!;
    expect(pupils).toMatchObject({ authorId: world.ids.pupil, authorRole: 'pupil', status: 'published', sectionId: 'questions', commentCount: 0, reactions: [] });
    expect(pupils.attachment?.blobId).not.toBe(undefined);

    // The copy's file is a blob of its own: the source's card and file deleted, it still opens for CM2.
    const source = (await cardsOf(wallId)).find((card) => card.title === titles.published)!;
    expect(pupils.attachment!.blobId).not.toBe(source.attachment!.blobId);
    await must(teacher, 'wall:card:delete', { spaceId: wallId, cardId: source.id });
    const opened = await download(world.browsers.teacherOtherClass, `/api/walls/${copy.id}/files/${pupils.attachment!.blobId}`);
    expect(opened.status).toBe(200);
    expect(opened.data.byteLength).toBeGreaterThan(0);
    expect((await download(world.browsers.teacherOtherClass, `/api/walls/${copy.id}/files/${pupils.attachment!.blobId}/thumb`)).status).toBe(200);

    const audit = (await auditEntries(world.browsers.director, 'space.duplicated')).find((entry) => entry.target.id === copy.id);
    expect(audit).toMatchObject({ actor: { userId: world.ids.director } });
  });

  it('copies no pupil’s card into another class unless asked, and copies no card at all for the structure only', async () => {
    const teachersOnly = await duplicate('director', wallId, { target: { kind: 'class', classId: world.otherClassId }, content: true });
    expect(teachersOnly.status).toBe(201);
    expect((await cardsOf(teachersOnly.body.space.id)).map((card) => card.title)).toEqual([titles.teacher]);

    const structure = await duplicate('teacher', wallId, {});
    expect(structure.status).toBe(201);
    expect(structure.body.space).toMatchObject({ scope: { kind: 'class', classId: world.classId }, ownerId: world.ids.teacher, title: 'Mur de la classe' });
    expect((structure.body.space.settings as { sections: { title: string }[] }).sections.map((section) => section.title)).toEqual(['Idées', 'Questions']);
    expect(await cardsOf(structure.body.space.id)).toEqual([]);
  });

  it('refuses a class the teacher does not teach, and a teacher of another class the source', async () => {
    expect((await duplicate('teacher', wallId, { target: { kind: 'class', classId: world.otherClassId } })).status).toBe(403);
    expect((await duplicate('teacherOtherClass', wallId, { target: { kind: 'class', classId: world.otherClassId } })).status).toBe(403);
  });

  it('refuses to duplicate a chat room (a conversation, not a piece of work)', async () => {
    const chat = await world.browsers.teacher.post<{ id: string }>('/api/spaces', { kind: 'chat', title: 'Discussion', scope: { kind: 'class', classId: world.classId } });
    expect(chat.status).toBe(201);
    expect((await duplicate('teacher', chat.body.id, {})).status).toBe(400);
  });

  it('duplicates a pad with its text and its authors, or empty', async () => {
    const pad = await createPad(world.browsers.teacher, world.classId);
    const writer = connectPad(server, world.browsers.pupil, pad.id);
    try {
      await writer.synced();
      addParagraph(writer.doc, 'Il était une fois un volcan.');
      await eventually(async () => (await serverText(server, world.browsers.teacher, pad.id)).includes('volcan'), 'the text reached the server');
    } finally {
      writer.destroy();
    }
    const withText = await duplicate('teacher', pad.id, { content: true });
    expect(withText.status).toBe(201);
    expect(withText.body.copied.items).toBe(1);
    expect(await serverText(server, world.browsers.pupil, withText.body.space.id)).toBe('Il était une fois un volcan.');
    const authors = (await world.browsers.teacher.get<{ authors: { userId: string }[] }>(`/api/pads/${withText.body.space.id}/authors`)).body;
    expect(JSON.stringify(authors)).toContain(world.ids.pupil);

    const empty = await duplicate('teacher', pad.id, {});
    expect(empty.status).toBe(201);
    expect(await serverText(server, world.browsers.pupil, empty.body.space.id)).toBe('');
  });

  it('duplicates a forum with its published topics and posts, keeping their authors', async () => {
    const forumId = await newForum(world.browsers.teacher, world.classId);
    const pupilForum = await openSocket(server, world.browsers.pupil);
    const teacherForum = await openSocket(server, world.browsers.teacher);
    try {
      const { topic } = await createTopic(pupilForum, forumId, 'Nos sorties', 'Où allons-nous en juin ?');
      await reply(teacherForum, forumId, topic.id, 'Au musée des volcans.');
    } finally {
      pupilForum.close();
      teacherForum.close();
    }
    const answer = await duplicate('teacher', forumId, { content: true });
    expect(answer.status).toBe(201);
    expect(answer.body.copied.items).toBe(2);
    const posts = (await storedDocuments(server, 'forum_posts')).filter((post) => post.forumId === answer.body.space.id);
    expect(posts.map((post) => [post.seq, post.authorId]).sort()).toEqual([
      [1, world.ids.pupil],
      [2, world.ids.teacher],
    ]);
    const topics = (await storedDocuments(server, 'forum_topics')).filter((topic) => topic.forumId === answer.body.space.id);
    expect(topics).toMatchObject([{ title: 'Nos sorties', authorId: world.ids.pupil, postCount: 2 }]);

    const audit = (await auditEntries(world.browsers.director, 'space.duplicated')).map((entry) => entry.target.id);
    expect(audit).toContain(answer.body.space.id);
  });

  it('lets a co-owner teaching another class take the wall there, but never its pupils’ work (only the source’s teachers or the director)', async () => {
    const { browsers, ids, otherClassId } = world;
    expect((await browsers.teacher.post(`/api/spaces/${wallId}/co-owners`, { userId: ids.teacherOtherClass })).status).toBe(200);
    try {
      const target = { kind: 'class', classId: otherClassId };
      expect((await duplicate('teacherOtherClass', wallId, { target, content: true, pupilsContent: true })).status).toBe(403);
      const teachersOnly = await duplicate('teacherOtherClass', wallId, { target, content: true });
      expect(teachersOnly.status).toBe(201);
      expect((await cardsOf(teachersOnly.body.space.id)).map((card) => card.title)).toEqual([titles.teacher]);
    } finally {
      await browsers.teacher.send('DELETE', `/api/spaces/${wallId}/co-owners/${ids.teacherOtherClass}`);
    }
  });
});
