import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** The `--role=reference` process: `@y/websocket-server@0.1.1` as its own server runs it (in memory, no auth). */
export async function runReferenceServer(): Promise<void> {
  const { setupWSConnection } = (await import('@y/websocket-server/utils')) as {
    setupWSConnection: (ws: WebSocket, req: IncomingMessage, options?: { docName?: string; gc?: boolean }) => void;
  };
  const http = createServer((_req, res) => res.end('okay'));
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request)));
  http.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: (http.address() as AddressInfo).port }));
}

