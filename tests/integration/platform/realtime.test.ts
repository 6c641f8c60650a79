import type { Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_MAX_PAYLOAD_BYTES } from '../../../shared/limits';
import { COLLAB_CLOSE } from '../../../shared/realtime/close-codes';
import type { Ack } from '../../../shared/realtime/ack';
import { startServer, useTestServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import type { Browser } from '../../helpers/http';

type Transport = 'websocket' | 'polling';

function emit<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(5_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

describe('Socket.IO gateway', () => {
  let server: TestServer;
  let pupil: Browser;
  const open = (options: { origin?: string; transport?: Transport } = {}): Promise<Socket> => openSocket(server, pupil, options);
  beforeAll(async () => {
    server = await startServer();
    pupil = await signedIn(server, 'lea.martin');
  });
  afterAll(async () => {
    await server.stop();
    server.cleanup();
  });

  it.each<Transport>(['websocket', 'polling'])('accepts its own origin over %s and answers a ping', async (transport) => {
    const socket = await open({ origin: server.url, transport });
    const answer = await emit<{ sentAt: number; serverTime: number }>(socket, 'system:ping', { sentAt: 42 });
    expect(answer).toMatchObject({ ok: true, data: { sentAt: 42 } });
    socket.close();
  });

  it.each<Transport>(['websocket', 'polling'])('refuses a foreign origin over %s', async (transport) => {
    await expect(open({ origin: 'https://evil.example', transport })).rejects.toThrow();
  });

  it('refuses a handshake without a session, with the UNAUTHENTICATED code', async () => {
    const error = (await openSocket(server, null).catch((reason: unknown) => reason)) as Error & { data?: { code: string } };
    expect(error.data?.code).toBe('UNAUTHENTICATED');
  });

  it('answers an invalid payload with a VALIDATION ack naming the field', async () => {
    const socket = await open();
    const answer = await emit(socket, 'system:ping', { sentAt: 'yesterday' });
    expect(answer).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(answer.ok ? [] : answer.issues?.map((issue) => issue.path)).toContain('sentAt');
    const extra = await emit(socket, 'system:ping', { sentAt: 1, admin: true });
    expect(extra).toMatchObject({ ok: false, code: 'VALIDATION' });
    socket.close();
  });

  it('answers an unknown event with NOT_FOUND', async () => {
    const socket = await open();
    expect(await emit(socket, 'no:such-event', {})).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    socket.close();
  });

  it('disconnects a client that sends more than the payload limit, and others carry on', async () => {
    const bystander = await open();
    const offender = await open();
    const closed = new Promise<string>((resolve) => offender.once('disconnect', (reason) => resolve(reason)));
    offender.emit('system:ping', { sentAt: 1, blob: 'x'.repeat(SOCKET_MAX_PAYLOAD_BYTES * 2) });
    expect(await closed).toBe('transport close');
    expect(await emit(bystander, 'system:ping', { sentAt: 7 })).toMatchObject({ ok: true });
    bystander.close();
  });
});

describe('collab endpoint', () => {
  const use = useTestServer();
  let server: TestServer;
  beforeAll(() => {
    server = use();
  });

  const wsUrl = (path: string): string => `${server.url.replace('http', 'ws')}${path}`;

  it('refuses a foreign origin before upgrading', async () => {
    const ws = new WebSocket(wsUrl('/collab/pad-1'), { headers: { Origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
    });
    expect(status).toBe(403);
  });

  it('closes an unauthenticated connection with the shared UNAUTHENTICATED code', async () => {
    const ws = new WebSocket(wsUrl('/collab/pad-1'), { headers: { Origin: server.url } });
    const code = await new Promise<number>((resolve) => ws.once('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(COLLAB_CLOSE.UNAUTHENTICATED);
  });

  it('refuses malformed document names', async () => {
    const ws = new WebSocket(wsUrl('/collab/..%2Fetc'));
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
    });
    expect(status).toBe(400);
  });
});
