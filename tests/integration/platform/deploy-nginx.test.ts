/**
 * deploy/nginx.conf, the production reverse proxy: its numbers against the code's, `nginx -t`, and a real nginx
 * in front of one Préau node carrying REST, Socket.IO over WebSocket and over long-polling, and /collab.
 */
import { readFileSync } from 'node:fs';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, type SessionSummary } from '../../../shared/identity/api';
import { JSON_BODY_LIMIT_BYTES, SOCKET_MAX_PAYLOAD_BYTES, SOCKET_PING_INTERVAL_MS, SOCKET_PING_TIMEOUT_MS } from '../../../shared/limits';
import { PAD_KEEPALIVE_MS } from '../../../shared/pad/limits';
import type { Ack } from '../../../shared/realtime/ack';
import { UPLOAD_MAX_BYTES } from '../../../shared/wall/limits';
import type { Browser } from '../../helpers/http';
import { NGINX_CONF, checkNginxConf, describeNginx, startNginx, type TestNginx } from '../../helpers/nginx';
import { freePort } from '../../helpers/net';
import { startServer, type TestServer } from '../../helpers/server';
import { openSocket, signedIn } from '../../helpers/sockets';
import { addParagraph, connectPad, createPad, eventually } from '../pad/support';

const conf = readFileSync(NGINX_CONF, 'utf8').replace(/#.*$/gm, '');

/** The body of the first block `<head> { … }` (blocks inside it included). */
function block(head: string): string {
  const start = conf.indexOf(`${head} {`);
  if (start < 0) throw new Error(`no block ${head}`);
  let depth = 0;
  for (let index = conf.indexOf('{', start); index < conf.length; index += 1) {
    if (conf[index] === '{') depth += 1;
    if (conf[index] === '}' && --depth === 0) return conf.slice(conf.indexOf('{', start) + 1, index);
  }
  throw new Error(`block ${head} is not closed`);
}

/** A duration directive's value in seconds (`75s`, `2m`, or a bare number of seconds). */
function seconds(body: string, directive: string): number {
  const match = new RegExp(`\\b${directive}\\s+(\\d+)(s|m)?;`).exec(body);
  if (!match) throw new Error(`no ${directive}`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

describe('deploy/nginx.conf agrees with the code', () => {
  it('keeps live connections open longer than Socket.IO (ping interval + timeout) and the collab ping wait for', () => {
    const socketIo = (SOCKET_PING_INTERVAL_MS + SOCKET_PING_TIMEOUT_MS) / 1000;
    for (const location of ['location /socket.io/', 'location /collab/']) {
      for (const directive of ['proxy_read_timeout', 'proxy_send_timeout']) {
        expect(seconds(block(location), directive), `${location} ${directive}`).toBeGreaterThan(Math.max(socketIo, PAD_KEEPALIVE_MS / 1000));
      }
    }
  });

  it('accepts the largest upload (and every smaller body) but not much more', () => {
    const match = /client_max_body_size (\d+)m;/.exec(block('server'));
    const bytes = Number(match?.[1]) * 1024 * 1024;
    expect(bytes).toBeGreaterThan(Math.max(UPLOAD_MAX_BYTES, JSON_BODY_LIMIT_BYTES, SOCKET_MAX_PAYLOAD_BYTES));
    expect(bytes).toBeLessThanOrEqual(UPLOAD_MAX_BYTES + 2 * 1024 * 1024);
  });

  it('routes Socket.IO by the session cookie (never ip_hash: a school is one NAT address) and /collab/ by document', () => {
    expect(conf).not.toMatch(/\bip_hash\b/);
    const affinity = new RegExp(`map \\$cookie_${SESSION_COOKIE} \\$(\\w+) \\{`).exec(conf)?.[1];
    expect(affinity).toBeDefined();
    expect(block('upstream preau_socketio')).toMatch(new RegExp(`hash \\$${affinity} consistent;`));
    expect(block('upstream preau_collab')).toMatch(/hash \$uri consistent;/);
    expect(block('location /socket.io/')).toMatch(/proxy_pass http:\/\/preau_socketio;/);
    expect(block('location /collab/')).toMatch(/proxy_pass http:\/\/preau_collab;/);
  });

  it('forwards the upgrade, the client address and the scheme, set once for every location', () => {
    const server = block('server');
    expect(server).toMatch(/proxy_http_version 1\.1;/);
    expect(server).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(server).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(server).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    expect(server).toMatch(/proxy_set_header X-Forwarded-Proto \$\w+;/);
    // A location with a proxy_set_header of its own would inherit none of the server's.
    for (const location of ['location /socket.io/', 'location /collab/', 'location /']) expect(block(location)).not.toMatch(/proxy_set_header/);
  });
});

function ping(socket: Socket, sentAt: number): Promise<Ack<{ sentAt: number }>> {
  return socket.timeout(5_000).emitWithAck('system:ping', { sentAt }) as Promise<Ack<{ sentAt: number }>>;
}

describeNginx('nginx (deploy/nginx.conf) in front of one Préau node', () => {
  let server: TestServer;
  let nginx: TestNginx;
  /** The node as clients see it: through nginx. */
  let proxied: TestServer;
  let pupil: Browser;

  beforeAll(async () => {
    // Préau must know the origin users reach it at (nginx's) before nginx, which needs the node's port, starts.
    const port = await freePort();
    server = await startServer({ env: { TRUST_PROXY: '1', PUBLIC_ORIGIN: `http://127.0.0.1:${port}` } });
    nginx = await startNginx({ port, nodes: [server.port] });
    proxied = { ...server, url: nginx.url };
    // From another loopback address, with a forged X-Forwarded-For: the address nginx saw must win.
    pupil = await signedIn(proxied, 'lea.martin', { localAddress: '127.0.0.7', headers: { 'X-Forwarded-For': '203.0.113.9' } });
  });

  afterAll(async () => {
    await nginx?.stop();
    await server?.stop();
    server?.cleanup();
  });

  it('passes `nginx -t` with its upstreams on loopback', () => {
    const check = checkNginxConf([server.port, server.port + 1]);
    expect(check.output).toMatch(/syntax is ok/);
    expect(check.status).toBe(0);
  });

  it('carries REST: the session records the address nginx saw, never the forged one, and the request id lines up', async () => {
    const sessions = await pupil.get<SessionSummary[]>('/api/me/sessions');
    expect(sessions.status).toBe(200);
    expect(sessions.body.find((session) => session.current)?.ip).toBe('127.0.0.7');
    expect(sessions.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('carries Socket.IO over WebSocket', async () => {
    const socket = await openSocket(proxied, pupil, { transport: 'websocket' });
    try {
      expect(socket.io.engine.transport.name).toBe('websocket');
      expect(await ping(socket, 1)).toMatchObject({ ok: true, data: { sentAt: 1 } });
    } finally {
      socket.close();
    }
  });

  it('carries Socket.IO over long-polling only: every poll reaches the session that opened it', async () => {
    const socket = await openSocket(proxied, pupil, { transport: 'polling' });
    try {
      for (let sentAt = 1; sentAt <= 5; sentAt += 1) expect(await ping(socket, sentAt)).toMatchObject({ ok: true, data: { sentAt } });
      expect(socket.io.engine.transport.name).toBe('polling');
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('carries /collab: two y-websocket clients co-write a pad', async () => {
    const teacher = await signedIn(proxied, 'claire.fontaine');
    const classId = (await teacher.get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
    const pad = await createPad(teacher, classId);
    const writer = connectPad(proxied, pupil, pad.id);
    const reader = connectPad(proxied, teacher, pad.id);
    try {
      await eventually(() => writer.provider.synced && reader.provider.synced, 'both clients synced through nginx', 10_000);
      addParagraph(writer.doc, 'Écrit à travers nginx.');
      await eventually(() => reader.text().includes('Écrit à travers nginx.'), 'the teacher sees the pupil’s paragraph');
      expect(nginx.output()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
    } finally {
      writer.destroy();
      reader.destroy();
    }
  });
});
