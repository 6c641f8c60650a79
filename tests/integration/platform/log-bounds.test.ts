import { request } from 'node:http';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { useTestServer, type TestServer } from '../../helpers/server';

/** No log line may be longer (LOG_LINE_MAX_CHARS in shared/limits.ts; written out so the test stands alone). */
const LINE_BOUND = 8 * 1024;
/** A 10 kB Origin, as in the observed attack (each refusal logged it whole: 2 MB of log for 200 attempts). */
const HUGE_ORIGIN = `https://${'a'.repeat(10_000)}.example`;

/** Opens a raw WebSocket upgrade with the huge Origin; resolves once the server answered (refused) it. */
function upgrade(server: TestServer, path: string): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}${path}`, { headers: { Origin: HUGE_ORIGIN } });
    ws.on('unexpected-response', (req) => {
      req.destroy();
      resolve();
    });
    ws.on('error', () => resolve());
    ws.on('open', () => {
      ws.close();
      resolve();
    });
  });
}

/** A plain HTTP request carrying a huge header (a Socket.IO polling handshake's Origin, or the API's User-Agent). */
function get(server: TestServer, path: string, header: 'Origin' | 'User-Agent'): Promise<void> {
  return new Promise((resolve) => {
    const req = request(new URL(path, server.url), { headers: { [header]: HUGE_ORIGIN } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', () => resolve());
    req.end();
  });
}

/** Resolves once the server's output stopped growing for a moment. */
async function settled(server: TestServer): Promise<void> {
  let last = -1;
  while (server.output().length !== last) {
    last = server.output().length;
    await new Promise((done) => setTimeout(done, 200));
  }
}

describe('bounded log lines (issue 12: a 10 kB Origin was logged whole)', () => {
  const use = useTestServer();

  it('200 foreign-Origin upgrades and handshakes with a 10 kB Origin produce a bounded log', async () => {
    const server = use();
    await settled(server);
    const before = server.output().length;
    const attempts: (() => Promise<void>)[] = [];
    for (let i = 0; i < 70; i += 1) attempts.push(() => upgrade(server, `/collab/pad-${i}`));
    for (let i = 0; i < 70; i += 1) attempts.push(() => upgrade(server, '/socket.io/?EIO=4&transport=websocket'));
    for (let i = 0; i < 40; i += 1) attempts.push(() => get(server, '/socket.io/?EIO=4&transport=polling', 'Origin'));
    for (let i = 0; i < 20; i += 1) attempts.push(() => get(server, '/api/meta', 'User-Agent'));
    for (let i = 0; i < attempts.length; i += 20) await Promise.all(attempts.slice(i, i + 20).map((attempt) => attempt()));
    await settled(server);

    const written = server.output().slice(before);
    const lines = written.split('\n').filter(Boolean);
    // Every refusal is still logged, each line short: about 200 lines, none with the Origin whole.
    expect(lines.filter((line) => line.includes('foreign origin')).length).toBeGreaterThanOrEqual(180);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(LINE_BOUND);
    expect(written).not.toContain('a'.repeat(1_000));
    expect(written.length).toBeLessThan(200 * 1024);
  });
});
