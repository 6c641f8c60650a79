import { beforeAll, describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT_BYTES } from '../../../shared/limits';
import { useTestServer, type TestServer } from '../../helpers/server';
import { onMongo } from '../../helpers/store';

/** The store the tests' servers run on (MONGODB_URI set: MongoDB). */
const STORE = onMongo ? 'mongodb' : 'embedded';

describe('HTTP basics', () => {
  const use = useTestServer();
  let server: TestServer;
  beforeAll(() => {
    server = use();
  });

  it(`answers /healthz and /readyz with 200 on the ${STORE} store`, async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: STORE });
  });

  it('sends a strict CSP and the other security headers', async () => {
    const res = await fetch(`${server.url}/api/meta`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('gives every request an id, and keeps a well-formed incoming one', async () => {
    const fresh = await fetch(`${server.url}/api/meta`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`${server.url}/api/meta`, { headers: { 'X-Request-Id': 'lb-1234567890' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-1234567890');
    const replaced = await fetch(`${server.url}/api/meta`, { headers: { 'X-Request-Id': 'bad\tid with spaces' } });
    expect(replaced.headers.get('x-request-id')).not.toContain('bad');
  });

  it('serves /api/meta', async () => {
    const res = await fetch(`${server.url}/api/meta`);
    expect(await res.json()).toMatchObject({ name: 'Préau', store: STORE });
  });

  it('refuses a JSON body over the limit with 413 and a clear error, and keeps serving', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(JSON_BODY_LIMIT_BYTES + 1) });
    const res = await fetch(`${server.url}/api/meta`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(413);
    const answer = (await res.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers malformed JSON with 400 VALIDATION', async () => {
    const res = await fetch(`${server.url}/api/meta`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"unterminated": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await fetch(`${server.url}/api/does-not-exist`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
