/**
 * nginx (`deploy/nginx.conf`) passes the build's compressed copies through as Préau sends them: the same encoding,
 * the same bytes, `Vary` kept, nothing compressed twice (its `gzip` stays off), for brotli, gzip-only and
 * identity clients alike.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeNginx, startNginx, type TestNginx } from '../../helpers/nginx';
import { freePort, rawRequest } from '../../helpers/net';
import { ROOT, startServer, type TestServer } from '../../helpers/server';

const get = (url: string, headers: Record<string, string>) => rawRequest(url, headers);

describeNginx('the compressed client through nginx', () => {
  let server: TestServer;
  let nginx: TestNginx;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: ROOT, stdio: 'inherit' });
    const port = await freePort();
    server = await startServer({ env: { TRUST_PROXY: '1', PUBLIC_ORIGIN: `http://127.0.0.1:${port}` } });
    nginx = await startNginx({ port, nodes: [server.port] });
  }, 600_000);

  afterAll(async () => {
    await nginx?.stop();
    await server?.stop();
    server?.cleanup();
  });

  it('sends the same encoded bytes as the node, whatever the client accepts', async () => {
    const page = await get(`${server.url}/connexion`, {});
    const scripts = [...page.body.toString('utf8').matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(2);
    for (const url of ['/connexion', ...scripts]) {
      for (const accept of ['gzip, deflate, br, zstd', 'gzip, deflate', '']) {
        const headers: Record<string, string> = accept ? { 'Accept-Encoding': accept } : {};
        const direct = await get(`${server.url}${url}`, headers);
        const proxied = await get(`${nginx.url}${url}`, headers);
        const what = `${url} (${accept || 'nothing accepted'})`;
        expect(proxied.status, what).toBe(200);
        expect(proxied.headers['content-encoding'], what).toBe(direct.headers['content-encoding']);
        expect(proxied.headers['content-type'], what).toBe(direct.headers['content-type']);
        expect(proxied.headers.vary, what).toMatch(/Accept-Encoding/i);
        expect(proxied.body.equals(direct.body), `${what}: the same bytes`).toBe(true);
      }
    }
  });
});
