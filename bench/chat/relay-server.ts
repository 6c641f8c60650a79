/**
 * The reference of `bench:chat`: a plain Socket.IO 4 server that relays chat messages to rooms, with nothing else
 * (no authentication, validation, persistence or audit). It answers the events the load clients send to Préau
 * (`space:join`, `chat:join`, `chat:send`), so both servers get the very same clients, rooms and messages.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

type Ack = (answer: { ok: true; data: unknown }) => void;

/** The `--role=relay` process: listens on a free loopback port and reports it to its parent. */
export function runRelayServer(): void {
  const http = createServer();
  const io = new Server(http, { serveClient: false, transports: ['websocket'] });
  let seq = 0;
  io.on('connection', (socket) => {
    socket.on('space:join', (_payload: unknown, ack: Ack) => ack({ ok: true, data: {} }));
    socket.on('chat:join', (payload: { roomId: string }, ack: Ack) => {
      void socket.join(payload.roomId);
      ack({ ok: true, data: { messages: [] } });
    });
    socket.on('chat:send', (payload: { roomId: string; key: string; body: string }, ack: Ack) => {
      seq += 1;
      const message = { id: String(seq), roomId: payload.roomId, seq, key: payload.key, authorId: socket.id, body: payload.body, status: 'published', createdAt: Date.now() };
      io.to(payload.roomId).emit('chat:message', message);
      ack({ ok: true, data: { message, duplicate: false } });
    });
  });
  http.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: (http.address() as AddressInfo).port }));
}
