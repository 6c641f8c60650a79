import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChatRoomSummary } from '../../../shared/chat/types';
import type { Ack } from '../../../shared/realtime/ack';
import { useTestCluster } from '../../helpers/cluster';
import { demoAccount } from '../../helpers/demo';
import { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { openSocket, signedIn } from '../../helpers/sockets';

/**
 * Rate limits and sign-in throttling hold across nodes (one limiter service, on Redis with REDIS_URL): a pupil
 * alternating between three nodes gets the limits of one node, not three times them, for chat writes, REST calls
 * and wrong passwords. The limits are lowered through RATE_LIMITS; each node is called directly, in turn.
 */
const CHAT_WRITES = 6;
const REST_CALLS = 40;
const SIGN_IN_FAILURES = 5;

describeRedis('rate limits across three nodes', () => {
  const cluster = useTestCluster({
    nodes: 3,
    nginx: true,
    env: {
      RATE_LIMITS: JSON.stringify({
        chatWrite: { points: CHAT_WRITES, durationSeconds: 600 },
        restUser: { points: REST_CALLS, durationSeconds: 600 },
        signInAccountNetwork: { points: SIGN_IN_FAILURES, durationSeconds: 3600 },
      }),
    },
  });
  const sockets: Socket[] = [];
  /** A URL of node `i` (by turns). */
  const nodeUrl = (i: number, path: string): string => `${cluster().nodes[i % cluster().nodes.length]!.url}${path}`;
  const origin = (): string | undefined => cluster().publicOrigin;

  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  let roomId: string;
  beforeAll(async () => {
    const teacher = await signedIn(cluster().nodes[0]!, PERSONA_LOGINS.teacher, { origin: origin() });
    const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const room = await teacher.post<ChatRoomSummary>('/api/spaces', { kind: 'chat', title: 'Salon des limites', scope: { kind: 'class', classId } });
    if (room.status !== 201) throw new Error(`room creation failed: ${room.status}`);
    roomId = room.body.id;
  });

  it('chat writes: a pupil sending on three nodes in turn gets one node’s burst', async () => {
    const pupil = await signedIn(cluster().nodes[0]!, PERSONA_LOGINS.pupil, { origin: origin() });
    const own = await Promise.all(
      cluster().nodes.map(async (node) => {
        const socket = await openSocket(node, pupil, { origin: origin() });
        sockets.push(socket);
        for (const [event, payload] of [
          ['space:join', { spaceId: roomId }],
          ['chat:join', { roomId }],
        ] as const) {
          const joined = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<unknown>;
          if (!joined.ok) throw new Error(`${event} failed: ${joined.code}`);
        }
        return socket;
      }),
    );
    const answers: Ack<unknown>[] = [];
    for (let i = 0; i < CHAT_WRITES * 3; i += 1) {
      answers.push((await own[i % own.length]!.timeout(10_000).emitWithAck('chat:send', { roomId, key: crypto.randomUUID(), body: `message ${i}` })) as Ack<unknown>);
    }
    const codes = answers.map((answer) => (answer.ok ? 'ok' : answer.code));
    expect(codes, codes.join(' ')).toEqual([...Array<string>(CHAT_WRITES).fill('ok'), ...Array<string>(CHAT_WRITES * 2).fill('RATE_LIMITED')]);
  });

  it('REST calls: a pupil calling three nodes in turn gets one node’s limit', async () => {
    const pupil = await signedIn(cluster().nodes[0]!, 'chloe.nguyen', { origin: origin() });
    const statuses: number[] = [];
    for (let i = 0; i < REST_CALLS * 3; i += 1) statuses.push((await pupil.get(nodeUrl(i, '/api/me'))).status);
    const accepted = statuses.filter((status) => status === 200).length;
    expect(statuses.filter((status) => status !== 200 && status !== 429), statuses.join(' ')).toEqual([]);
    // At most the limit in all (the sign-in's own calls spent some); each node alone would have allowed it three times.
    expect(accepted, statuses.join(' ')).toBeLessThanOrEqual(REST_CALLS);
    expect(accepted, statuses.join(' ')).toBeGreaterThanOrEqual(REST_CALLS / 2);
    // Once spent, every node refuses.
    expect(statuses.slice(-3), statuses.join(' ')).toEqual([429, 429, 429]);
  });

  it('sign-in: wrong passwords tried on three nodes in turn are throttled as on one node', async () => {
    const account = demoAccount(cluster().dataDir, PERSONA_LOGINS.pupilOtherClass);
    const browser = new Browser(cluster().nodes[0]!.url, { origin: origin() ?? null });
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_FAILURES * 3; i += 1) {
      statuses.push((await browser.post(nodeUrl(i, '/api/auth/login'), { login: account.login, password: `pas-le-bon-${i}` })).status);
    }
    expect(statuses.join(' ')).toBe([...Array<number>(SIGN_IN_FAILURES).fill(401), ...Array<number>(SIGN_IN_FAILURES * 2).fill(429)].join(' '));
    // Throttled everywhere: even the right password is refused, on every node, before it is checked.
    for (let i = 0; i < 3; i += 1) {
      const answer = await browser.post(nodeUrl(i, '/api/auth/login'), { login: account.login, password: account.password });
      expect(answer.status).toBe(429);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
