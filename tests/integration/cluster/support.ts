import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ChatMessageView, ChatRoomSummary } from '../../../shared/chat/types';
import type { Ack } from '../../../shared/realtime/ack';
import { useTestCluster, type StartClusterOptions, type TestCluster } from '../../helpers/cluster';
import type { Browser } from '../../helpers/http';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { openSocket, signedIn } from '../../helpers/sockets';

/** Chat writes without a limit in the way (the cluster scenarios send more than a pupil may). */
export const UNLIMITED_CHAT = { chatWrite: { points: 100_000, durationSeconds: 60 } };

/** An event with its ack, waited for generously (a loaded machine, Redis in the path). */
export const ask = <T>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> =>
  socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<T>>;

/** An event that must succeed: its data, or a thrown error naming the refusal. */
export async function emit<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const answer = await ask<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event} failed: ${answer.code} ${answer.message}`);
  return answer.data;
}

/** The CE2 class's id, as its teacher's dashboard names it. */
export async function classOf(teacher: Browser): Promise<string> {
  return (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
}

export interface ClassCluster {
  cluster: () => TestCluster;
  /** The CE2 teacher, signed in on node 1. */
  teacher(): Browser;
  /** The director, signed in on the last node. */
  director(): Browser;
  classId(): string;
  /** `login` signed in on node `node` (0-based) with a socket there, closed after the tests. */
  connected(node: number, login: string): Promise<{ socket: Socket; browser: Browser }>;
  /** The same, joined to a chat room (its space and its messages). */
  chatMember(node: number, roomId: string, login: string): Promise<{ socket: Socket; browser: Browser }>;
  /** A new chat room of the class, by its teacher; its id. */
  chatRoom(title: string, settings?: Record<string, unknown>): Promise<string>;
  /** A chat message, its ack waited for `timeoutMs` (longer across an outage). */
  send(socket: Socket, roomId: string, body?: string, timeoutMs?: number): Promise<Ack<{ message: ChatMessageView }>>;
}

/** A cluster (`useTestCluster`) with the CE2 class's teacher and director signed in, for a whole `describe` block. */
export function useClassCluster(options: StartClusterOptions = {}): ClassCluster {
  const cluster = useTestCluster(options);
  const sockets: Socket[] = [];
  let teacher: Browser | undefined;
  let director: Browser | undefined;
  let classId: string | undefined;
  beforeAll(async () => {
    const { nodes } = cluster();
    teacher = await signedIn(nodes[0]!, PERSONA_LOGINS.teacher);
    director = await signedIn(nodes[nodes.length - 1]!, PERSONA_LOGINS.director);
    classId = await classOf(teacher);
  });
  afterAll(() => {
    for (const socket of sockets) socket.close();
  });
  const connected = async (node: number, login: string) => {
    const browser = await signedIn(cluster().nodes[node]!, login);
    const socket = await openSocket(cluster().nodes[node]!, browser);
    sockets.push(socket);
    return { socket, browser };
  };
  return {
    cluster,
    teacher: () => teacher!,
    director: () => director!,
    classId: () => classId!,
    connected,
    async chatMember(node, roomId, login) {
      const member = await connected(node, login);
      expect((await ask(member.socket, 'space:join', { spaceId: roomId })).ok).toBe(true);
      expect((await ask(member.socket, 'chat:join', { roomId })).ok).toBe(true);
      return member;
    },
    async chatRoom(title, settings = {}) {
      const room = await teacher!.post<ChatRoomSummary>('/api/spaces', { kind: 'chat', title, scope: { kind: 'class', classId }, settings });
      expect(room.status).toBe(201);
      return room.body.id;
    },
    send: (socket, roomId, body = 'coucou', timeoutMs) => ask<{ message: ChatMessageView }>(socket, 'chat:send', { roomId, key: crypto.randomUUID(), body }, timeoutMs),
  };
}
