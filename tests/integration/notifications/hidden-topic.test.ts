/**
 * A reply in a topic a teacher hid is not the class's to hear of: the reply itself is published, but its topic is
 * not readable by the class (`readsItemWhereItLives`), so the notification service never tells them, while a reply
 * in a readable topic still reaches them.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { signedIn } from '../../helpers/sockets';
import { createTopic, following, newForum, ok, reply, emit } from '../forum/support';
import { centre, eventually, liveTab, PATIENCE_MS, useNotificationWorld } from './support';

describe('a reply in a hidden topic notifies no one who may not read the topic', () => {
  const { server, world } = useNotificationWorld();
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('the class hears of the reply in the readable topic only', async () => {
    const { browsers, classId } = world();
    const forumId = await newForum(browsers.teacher, classId);
    const chloe = await signedIn(server(), 'chloe.nguyen');
    const classmate = await liveTab(server(), chloe);
    const teacher = await following(server(), browsers.teacher, forumId);
    sockets.push(classmate.socket, teacher);

    const { topic: hidden } = await createTopic(teacher, forumId, 'Sujet que la maîtresse masque', 'Premier message.');
    const { topic: open } = await createTopic(teacher, forumId, 'Sujet ouvert', 'Premier message.');
    ok(await emit(teacher, 'forum:topic', { forumId, topicId: hidden.id, hidden: true }));
    await eventually(async () => (await centre(chloe)).notifications.length > 0, 'the class was told of the open topic', PATIENCE_MS);
    const before = new Set((await centre(chloe)).notifications.map((n) => `${n.id}:${n.count}`));

    const secret = await reply(teacher, forumId, hidden.id, 'Réponse dans le sujet masqué.');
    const visible = await reply(teacher, forumId, open.id, 'Réponse dans le sujet ouvert.');
    await eventually(async () => (await centre(chloe)).notifications.some((n) => n.target?.itemId === visible.id), 'the reply in the open topic is told', PATIENCE_MS);
    const replies = (await centre(chloe)).notifications.filter((n) => n.kind === 'newReply' && !before.has(`${n.id}:${n.count}`));
    expect(replies.map((n) => n.target?.itemId)).toEqual([visible.id]);
    expect(replies[0]!.count).toBe(1);
    expect(JSON.stringify(await centre(chloe))).not.toContain(secret.id);
  });
});
