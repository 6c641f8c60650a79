import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { WallCard } from '../../../shared/wall/types';
import { signedIn } from '../../helpers/sockets';
import { createTopic, following, FORUM_TEST_SERVER, newForum, reply } from '../forum/support';
import { joinWall } from '../wall/support';
import { centre, createWall, eventually, liveTab, must, ofKind, PATIENCE_MS, useNotificationWorld } from './support';

describe('the notification centre', () => {
  const { server, world } = useNotificationWorld(FORUM_TEST_SERVER.env);
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  it('gathers three cards of one wall into one notification (count 3), and tells nobody of their own cards', async () => {
    const { browsers, classId } = world();
    const spaceId = (await createWall(browsers.teacher, classId, {}, { title: 'Nos animaux préférés' })).id;
    const author = await joinWall(server(), browsers.pupil, spaceId);
    sockets.push(author);
    // One card after the other, each delivered (its own batch) before the next: they gather in the store.
    for (const [index, title] of ['Le chat', 'Le chien', 'Le lapin'].entries()) {
      await must<{ card: WallCard }>(author, 'wall:card:create', { spaceId, title });
      await eventually(async () => (await ofKind(browsers.parent, 'newCard')).reduce((sum, n) => sum + n.count, 0) === index + 1, `card ${index + 1} delivered`, PATIENCE_MS);
    }
    const [gathered, ...others] = (await ofKind(browsers.parent, 'newCard')).filter((n) => n.target?.spaceId === spaceId);
    expect(others).toEqual([]);
    expect(gathered).toMatchObject({ count: 3, spaceTitle: 'Nos animaux préférés', actorNames: ['Léa Martin'], childName: 'Léa Martin', read: false });
    expect(await ofKind(browsers.pupil, 'newCard')).toEqual([]);
  });

  it('marks one read, then all read, and tells the user’s other tab each time', async () => {
    const { browsers } = world();
    const [tab1, tab2] = [await liveTab(server(), browsers.parent), await liveTab(server(), browsers.parent)];
    sockets.push(tab1.socket, tab2.socket);
    const before = await centre(browsers.parent);
    expect(before.unread).toBeGreaterThan(0);
    const first = before.notifications.find((n) => !n.read)!;
    const read = await browsers.parent.post<{ unread: number }>(`/api/notifications/${first.id}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(before.unread - 1);
    await eventually(() => tab2.changes.some((change) => change.changed.some((n) => n.id === first.id && n.read)), 'the other tab is told', PATIENCE_MS);
    expect((await browsers.parent.post(`/api/notifications/${first.id}/read`, {})).status).toBe(200);
    // Someone else's notification cannot be marked.
    expect((await browsers.teacher.post(`/api/notifications/${first.id}/read`, {})).status).toBe(404);

    const all = await browsers.parent.post<{ unread: number }>('/api/notifications/read-all', {});
    expect(all.body.unread).toBe(0);
    await eventually(() => tab1.changes.some((change) => change.unread === 0), 'both tabs are told', PATIENCE_MS);
    expect(tab2.changes.at(-1)!.unread).toBe(0);
    expect((await centre(browsers.parent)).notifications.every((n) => n.read)).toBe(true);
  });

  it('tells the author of a topic of a reply to it, and the class of the new topic', async () => {
    const { browsers, classId } = world();
    const forumId = await newForum(browsers.teacher, classId);
    const chloe = await signedIn(server(), 'chloe.nguyen');
    const leaSocket = await following(server(), browsers.pupil, forumId);
    const chloeSocket = await following(server(), chloe, forumId);
    sockets.push(leaSocket, chloeSocket);
    const { topic, post } = await createTopic(leaSocket, forumId, 'Nos sorties', 'Où aller en juin ?');
    await eventually(async () => (await ofKind(chloe, 'newTopic')).some((n) => n.target?.itemId === post.id && n.target.parentId === topic.id), 'the class hears of the topic', PATIENCE_MS);
    const answer = await reply(chloeSocket, forumId, topic.id, 'Au zoo !');
    await eventually(async () => (await ofKind(browsers.pupil, 'commentOnMine')).some((n) => n.target?.itemId === answer.id), 'the topic’s author hears of the reply', PATIENCE_MS);
    expect(await ofKind(browsers.pupil, 'newReply')).toEqual([]);
    expect((await ofKind(browsers.teacher, 'newReply')).some((n) => n.target?.itemId === answer.id && n.actorNames[0] === 'Chloé Nguyen')).toBe(true);
    expect(await ofKind(chloe, 'newReply')).toEqual([]);
  });
});
