import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForumPostView, ForumRevisionView, ForumTopicPage } from '../../../shared/forum/types';
import type { ModeratedItemView } from '../../../shared/moderation/types';
import { richTextToPlain } from '../../../shared/richtext/validate';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { createTopic, doc, emit, following, newForum, nextEvent, ok } from './support';

/** Forum posts seen from the moderation console (issue 7): live stream, edits keeping a revision, versions, pending. */
describe('forum posts in the moderation console', () => {
  let server: TestServer;
  let world: PersonaWorld;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startServer();
    world = await personaWorld(server);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('streams new posts, edits on a version with a revision, and refuses a stale version', async () => {
    const forumId = await newForum(world.browsers.teacher, world.classId);
    const pupil = await following(server, world.browsers.pupil, forumId);
    const teacher = await following(server, world.browsers.teacher, forumId);
    sockets.push(pupil, teacher);
    ok(await emit(teacher, 'moderation:join', { scope: { kind: 'class', classId: world.classId } }));
    const streamed = nextEvent<ModeratedItemView>(teacher, 'moderation:item', (item) => item.kind === 'forumPost');
    const { post } = await createTopic(pupil, forumId, 'Mon avis', 'Ce livre est nul et toi aussi');
    expect(await streamed).toMatchObject({ id: post.id, state: 'visible', version: 1, classId: world.classId });

    const seen = nextEvent<ForumPostView>(pupil, 'forum:postUpdated', (p) => p.id === post.id);
    const edit = { kind: 'forumPost', itemId: post.id, spaceId: forumId, action: 'edit', reasonCode: 'insulte', version: 1, content: { body: doc('Ce livre ne m’a pas plu.') } };
    expect(ok(await emit<{ item: ModeratedItemView }>(teacher, 'moderation:act', edit)).item).toMatchObject({ version: 2 });
    expect(await seen).toMatchObject({ edited: true });
    expect(await emit(teacher, 'moderation:act', edit)).toMatchObject({ ok: false, code: 'CONFLICT' });
    const revisions = (await world.browsers.teacher.get<{ revisions: ForumRevisionView[] }>(`/api/forums/${forumId}/posts/${post.id}/revisions`)).body.revisions;
    expect(revisions.map((r) => richTextToPlain(r.previousBody).trim())).toEqual(['Ce livre est nul et toi aussi']);
    expect(await emit(teacher, 'moderation:act', { ...edit, version: 2, content: { body: { type: 'doc', content: [{ type: 'script' }] } } })).toMatchObject({ ok: false, code: 'VALIDATION' });
  });

  it('approves a pending topic from the console, which publishes it', async () => {
    const forumId = await newForum(world.browsers.teacher, world.classId, { preModeration: true });
    const pupil = await following(server, world.browsers.pupil, forumId);
    const teacher = await following(server, world.browsers.teacher, forumId);
    sockets.push(pupil, teacher);
    const { topic, post } = await createTopic(pupil, forumId, 'Question', 'Peut-on venir en vélo ?');
    const opened = ok(await emit<{ pending: ModeratedItemView[] }>(teacher, 'moderation:join', { scope: { kind: 'space', spaceId: forumId } }));
    expect(opened.pending.map((item) => item.id)).toEqual([post.id]);
    ok(await emit(teacher, 'moderation:act', { kind: 'forumPost', itemId: post.id, spaceId: forumId, action: 'approve', reasonCode: 'autre', version: 1 }));
    const page = await world.browsers.parent.get<ForumTopicPage>(`/api/forums/${forumId}/topics/${topic.id}`);
    expect(page.status).toBe(200);
    expect(page.body.topic).toMatchObject({ status: 'published', postCount: 1 });
  });
});
