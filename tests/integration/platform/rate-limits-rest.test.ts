/**
 * The REST flood of issue 12 (no general limit on the API), replayed with raw HTTP: a signed-in user, and an
 * anonymous client per IP (loopback addresses 127.0.0.x stand for machines). Limits are injected small, with
 * windows far longer than the test (RATE_LIMITS): nothing here waits for a window to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../../shared/errors';
import { demoAccount } from '../../helpers/demo';
import { Browser, type HttpAnswer } from '../../helpers/http';
import { startServer, type TestServer } from '../../helpers/server';
import { signedIn } from '../../helpers/sockets';

const WINDOW_SECONDS = 600;
const LIMITS = {
  restUser: { points: 40, durationSeconds: WINDOW_SECONDS },
  restAnonymous: { points: 30, durationSeconds: WINDOW_SECONDS },
};

/** Sends `count` requests at once, as a script would. */
const flood = (count: number, request: () => Promise<HttpAnswer>): Promise<HttpAnswer[]> => Promise.all(Array.from({ length: count }, request));

/** Checks each 429: the API's JSON error shape with RATE_LIMITED, and Retry-After in whole seconds within the window. */
function refusalsOf(answers: HttpAnswer[]): HttpAnswer[] {
  const refused = answers.filter((answer) => answer.status === 429);
  for (const answer of refused) {
    const body = answer.body as ApiErrorBody;
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(typeof body.error.message).toBe('string');
    const seconds = Number(answer.headers['retry-after']);
    expect(Number.isInteger(seconds)).toBe(true);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(WINDOW_SECONDS);
  }
  return refused;
}

describe('a default rate limit on every API route: per user when signed in, per IP before', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMITS: JSON.stringify(LIMITS) } });
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  it('a signed-in pupil flooding the API gets 429 with Retry-After; a classmate on the same IP is unaffected', async () => {
    const flooder = await signedIn(server, 'lea.martin');
    const classmate = await signedIn(server, 'chloe.nguyen');
    const answers = await flood(200, () => flooder.get('/api/me'));
    const served = answers.filter((answer) => answer.status === 200).length;
    // The sign-in's own requests (the charter) spent a few points of the same allowance.
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThanOrEqual(LIMITS.restUser.points);
    expect(refusalsOf(answers)).toHaveLength(200 - served);
    // Every route is covered, mutations included (refused before their body is even read).
    expect((await flooder.post('/api/me/compromise', { details: 'x' })).status).toBe(429);
    expect((await flooder.get('/api/dashboard')).status).toBe(429);
    // Signing in again does not start a new allowance: it is the user's, not the session's.
    const again = new Browser(server.url);
    expect((await again.login('lea.martin', demoAccount(server.dataDir, 'lea.martin').password)).status).toBe(200);
    expect((await again.get('/api/me')).status).toBe(429);
    // The classmate, same IP, is served.
    expect((await classmate.get('/api/me')).status).toBe(200);
    // Signing out is never refused: the school computer is left signed out.
    expect((await flooder.post('/api/auth/logout')).status).toBeLessThan(300);
    expect((await flooder.get('/api/me')).status).toBe(401);
  });

  it('an anonymous flood is limited per IP: another machine still signs in, and health checks are not counted', async () => {
    const attacker = new Browser(server.url, { localAddress: '127.0.0.2' });
    const answers = await flood(100, () => attacker.get('/api/meta'));
    const served = answers.filter((answer) => answer.status === 200).length;
    expect(served).toBe(LIMITS.restAnonymous.points);
    expect(refusalsOf(answers)).toHaveLength(100 - LIMITS.restAnonymous.points);
    expect((await attacker.post('/api/auth/login', { login: 'lea.martin', password: demoAccount(server.dataDir, 'lea.martin').password })).status).toBe(429);
    // Outside the API: not limited.
    expect((await attacker.get('/healthz')).status).toBe(200);
    // Another machine of the school signs in.
    const otherMachine = new Browser(server.url, { localAddress: '127.0.0.3' });
    expect((await otherMachine.login('noah.kowalski', demoAccount(server.dataDir, 'noah.kowalski').password)).status).toBe(200);
    expect((await otherMachine.get('/api/me')).status).toBe(200);
  });
});
