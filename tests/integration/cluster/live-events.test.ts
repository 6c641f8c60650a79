import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChatMessageView, ChatRoomSummary } from '../../../shared/chat/types';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { WallCard } from '../../../shared/wall/types';
import { useTestCluster } from '../../helpers/cluster';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import type { TestServer } from '../../helpers/server';
import { nextEvent, openSocket, signedIn } from '../../helpers/sockets';
import { classOf, emit } from './support';

/**
 * Live events across nodes: three Préau nodes on one store and one Redis (the Socket.IO adapter on Redis Streams),
 * nginx in front. What a pupil does on one node reaches classmates connected to the others, each socket opened on
 * its node directly, then through nginx (which spreads them by their session cookie).
 */

/** Three CE2 pupils: the first acts, the other two watch. */
const PUPILS = [PERSONA_LOGINS.pupil, 'chloe.nguyen', PERSONA_LOGINS.pupilModerator] as const;

describeRedis('live events across three nodes (Redis Streams adapter)', () => {
  const cluster = useTestCluster({ nodes: 3, nginx: true, env: { RATE_LIMITS: JSON.stringify({ chatWrite: { points: 100_000, durationSeconds: 60 } }) } });
  let teacher: Browser;
  let classId: string;
  let roomId: string;
  let wallId: string;
  const sockets: Socket[] = [];

  /** Each pupil signed in and connected on its own target (node i, or nginx for all), joined to a space. */
  async function pupilsOn(targets: readonly TestServer[], join: (socket: Socket) => Promise<void>): Promise<Socket[]> {
    return Promise.all(
      PUPILS.map(async (login, i) => {
        const target = targets[i % targets.length]!;
        const origin = cluster().publicOrigin;
        const socket = await openSocket(target, await signedIn(target, login, { origin }), { origin });
        sockets.push(socket);
        await join(socket);
        return socket;
      }),
    );
  }
  const nodes = (): TestServer[] => cluster().nodes;
  const front = (): TestServer[] => [cluster().front()];

  beforeAll(async () => {
    teacher = await signedIn(cluster().nodes[0]!, PERSONA_LOGINS.teacher, { origin: cluster().publicOrigin });
    classId = await classOf(teacher);
    const room = await teacher.post<ChatRoomSummary>(`/api/chat/classes/${classId}/room`);
    if (room.status !== 200 && room.status !== 201) throw new Error(`opening the class room failed: ${room.status}`);
    roomId = room.body.id;
    const wall = await teacher.post<SpaceSummary>('/api/spaces', {
      kind: 'wall',
      title: 'Mur de la classe',
      scope: { kind: 'class', classId },
      settings: { layout: 'columns', sections: [{ id: 'idees', title: 'Idées', order: 0 }] },
    });
    if (wall.status !== 201) throw new Error(`wall creation failed: ${wall.status} ${JSON.stringify(wall.body)}`);
    wallId = wall.body.id;
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  const joinChat = async (socket: Socket): Promise<void> => {
    await emit(socket, 'space:join', { spaceId: roomId });
    await emit(socket, 'chat:join', { roomId });
  };
  const joinWall = async (socket: Socket): Promise<void> => {
    await emit(socket, 'space:join', { spaceId: wallId });
  };

  for (const [how, targets] of [
    ['each on its node', nodes],
    ['through nginx', front],
  ] as const) {
    it(`a chat message sent on one node reaches classmates on the others (${how})`, async () => {
      const [sender, ...watchers] = await pupilsOn(targets(), joinChat);
      const body = `Bonjour à tous (${how})`;
      const seen = watchers.map((socket) => nextEvent<ChatMessageView>(socket, 'chat:message', (message) => message.body === body, 10_000));
      const { message } = await emit<{ message: ChatMessageView }>(sender!, 'chat:send', { roomId, key: crypto.randomUUID(), body });
      for (const received of await Promise.all(seen)) expect(received).toMatchObject({ id: message.id, seq: message.seq, body });
    });

    it(`a wall card posted on one node reaches classmates on the others (${how})`, async () => {
      const [author, ...watchers] = await pupilsOn(targets(), joinWall);
      const title = `Mon idée (${how})`;
      const seen = watchers.map((socket) => nextEvent<WallCard>(socket, 'wall:card', (card) => card.title === title, 10_000));
      const { card } = await emit<{ card: WallCard }>(author!, 'wall:card:create', { spaceId: wallId, title, sectionId: 'idees' });
      for (const received of await Promise.all(seen)) expect(received).toMatchObject({ id: card.id, title, status: 'published' });
    });
  }
});
