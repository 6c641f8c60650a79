import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORUM_POSTS_PAGE_SIZE } from '../../../shared/forum/limits';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { createTopic, following, FORUM_TEST_SERVER, newForum, reply } from './support';

/** Where a post is (what a notification's link opens): the page of its topic, for a reader who may see it. */
describe('GET /api/forums/:forumId/posts/:postId/page', () => {
  let server: TestServer;
  let world: PersonaWorld;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startServer(FORUM_TEST_SERVER);
    world = await personaWorld(server);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.stop();
    server.cleanup();
  });

  it('says the page of a post as the reader lists the topic, and nothing to whoever may not read the forum', async () => {
    const forumId = await newForum(world.browsers.teacher, world.classId);
    const teacher = await following(server, world.browsers.teacher, forumId);
    const pupil = await following(server, world.browsers.pupil, forumId);
    sockets.push(teacher, pupil);
    const { topic, post: first } = await createTopic(teacher, forumId, 'Nos lectures', 'Quel livre ?');
    const replies = [];
    for (let count = 0; count < FORUM_POSTS_PAGE_SIZE + 2; count += 1) replies.push(await reply(pupil, forumId, topic.id, `Réponse ${count + 1}`));
    const onPage2 = replies.find((entry) => entry.seq === FORUM_POSTS_PAGE_SIZE + 1)!;

    const pageOf = (persona: keyof PersonaWorld['browsers'], postId: string) => world.browsers[persona].get<{ topicId: string; page: number }>(`/api/forums/${forumId}/posts/${postId}/page`);
    expect((await pageOf('parent', first.id)).body).toEqual({ topicId: topic.id, page: 1 });
    expect((await pageOf('teacher', onPage2.id)).body).toEqual({ topicId: topic.id, page: 2 });
    expect((await pageOf('pupil', replies[FORUM_POSTS_PAGE_SIZE - 2]!.id)).body).toEqual({ topicId: topic.id, page: 1 });
    expect((await pageOf('teacher', 'no-such-post')).status).toBe(404);
    // A pupil of another class may not read this forum: told nothing about its posts.
    expect([403, 404]).toContain((await pageOf('pupilOtherClass', onPage2.id)).status);
  });
});
