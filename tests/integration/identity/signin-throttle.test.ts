import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit/events';
import type { SessionSummary } from '../../../shared/identity/api';
import { demoAccount } from '../../helpers/demo';
import { Browser } from '../../helpers/http';
import { signedIn } from '../../helpers/sockets';
import { startServer, useTestServer, type TestServer } from '../../helpers/server';

/**
 * Sign-in throttling, as the attacks of issue 12 (raw HTTP), with the default limits of shared/ratelimit/limits.ts
 * (written out here so that the file also runs, and fails, on the code before issue 12). Each attacker uses its
 * own loopback address; failures that are not 429 are password checks.
 */
const IP_LIMIT = 10;
/** Failed sign-ins on one account from a browser that signed in to it before, per 15 minutes (signInKnownDevice). */
const KNOWN_DEVICE_LIMIT = 10;

describe('sign-in throttling per IP holds', () => {
  const use = useTestServer();
  let server: TestServer;
  beforeAll(() => {
    server = use();
  });

  it('a successful sign-in to one’s own account does not reset the IP window', async () => {
    const own = demoAccount(server.dataDir, 'noah.kowalski');
    const attacker = new Browser(server.url, { localAddress: '127.0.0.21' });
    let checked = 0;
    let refused = 0;
    for (let round = 0; round < 8; round += 1) {
      // Guesses on several identifiers (a spray), then a sign-in to the attacker's own account.
      for (let guess = 0; guess < 3; guess += 1) {
        const status = (await attacker.login(`eleve${round}.${guess}`, `devine-${round}-${guess}`)).status;
        if (status === 401) checked += 1;
        if (status === 429) refused += 1;
      }
      const mine = await attacker.login(own.login, own.password);
      expect([200, 429]).toContain(mine.status);
    }
    // Before issue 12 every success cleared the window: 24 password checks out of 24 guesses.
    expect(checked).toBeLessThanOrEqual(IP_LIMIT);
    expect(refused).toBeGreaterThan(0);
  });

  it('30 parallel wrong passwords: at most the limit are checked, the rest are refused before any check', async () => {
    const victim = demoAccount(server.dataDir, 'yanis.belkacem');
    const attacker = new Browser(server.url, { localAddress: '127.0.0.22' });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attacker.login(victim.login, `parallele-${i}`)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 429).length).toBeLessThanOrEqual(IP_LIMIT);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThan(0);
    const refusal = answers.find((answer) => answer.status === 429)!;
    expect(Number(refusal.headers['retry-after'])).toBeGreaterThan(0);
    expect((refusal.body as unknown as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it('a pupil flooding the school’s address does not keep classmates out of the computers they already use', async () => {
    const classmate = demoAccount(server.dataDir, 'chloe.nguyen');
    const schoolComputer = new Browser(server.url, { localAddress: '127.0.0.23' });
    expect((await schoolComputer.login(classmate.login, classmate.password)).status).toBe(200);
    expect((await schoolComputer.post('/api/auth/logout')).status).toBe(200);

    const flooder = new Browser(server.url, { localAddress: '127.0.0.23' });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i += 1) statuses.push((await flooder.login(`inconnu.${i}`, 'flood')).status);
    expect(statuses.at(-1)).toBe(429);
    // A new device on that address waits; the browser Chloé used before does not.
    expect((await new Browser(server.url, { localAddress: '127.0.0.23' }).login(classmate.login, classmate.password)).status).toBe(429);
    expect((await schoolComputer.login(classmate.login, classmate.password)).status).toBe(200);
  });

  it('a browser the victim used gives whoever sits at it a few guesses on her account, not the IP’s budget', async () => {
    const victim = demoAccount(server.dataDir, 'jade.lefevre');
    const shared = new Browser(server.url, { localAddress: '127.0.0.24' });
    expect((await shared.login(victim.login, victim.password)).status).toBe(200);
    expect((await shared.post('/api/auth/logout')).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 14; i += 1) statuses.push((await shared.login(victim.login, `devine-${i}`)).status);
    expect(statuses.filter((status) => status === 401).length).toBe(KNOWN_DEVICE_LIMIT);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('behind a proxy (TRUST_PROXY: one hop), the client cannot choose its IP', () => {
  let server: TestServer;
  beforeAll(async () => {
    // `true`, the older setting, means one proxy.
    server = await startServer({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await server.stop();
    server.cleanup();
  });

  /** What the proxy forwards: whatever the client wrote, then the address the proxy saw. */
  const viaProxy = (clientWrote: string, proxySaw: string) => ({ localAddress: '127.0.0.31', headers: { 'X-Forwarded-For': `${clientWrote}, ${proxySaw}` } });

  it('rotating the leftmost X-Forwarded-For does not give more password checks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const attacker = new Browser(server.url, viaProxy(`10.66.${i}.${i}`, '203.0.113.50'));
      statuses.push((await attacker.login(`eleve.${i}`, `rotation-${i}`)).status);
    }
    expect(statuses.filter((status) => status !== 429).length).toBeLessThanOrEqual(IP_LIMIT);
    expect(statuses.at(-1)).toBe(429);
  });

  it('stores the address the proxy saw as the session and audit IP, never the client’s text', async () => {
    const account = demoAccount(server.dataDir, 'noah.kowalski');
    const forged = '<script>alert(1)</script> x'.repeat(40);
    const browser = new Browser(server.url, viaProxy(forged, '198.51.100.23'));
    expect((await browser.login(account.login, account.password)).status).toBe(200);
    const sessions = await browser.get<SessionSummary[]>('/api/me/sessions');
    expect(sessions.body.find((session) => session.current)?.ip).toBe('198.51.100.23');

    // A proxy that forwarded something that is not an address: the proxy's own address is used.
    const odd = new Browser(server.url, { localAddress: '127.0.0.32', headers: { 'X-Forwarded-For': `1.2.3.4, ${forged}` } });
    expect((await odd.login(account.login, account.password)).status).toBe(200);
    expect((await odd.get<SessionSummary[]>('/api/me/sessions')).body.find((session) => session.current)?.ip).toBe('127.0.0.32');

    const director = await signedIn(server, 'isabelle.moreau', { localAddress: '127.0.0.33' });
    const logins = await director.get<{ items: AuditEntry[] }>('/api/audit?event=auth.login&pageSize=50');
    const ips = logins.body.items.map((entry) => entry.actor.ip);
    expect(ips).toContain('198.51.100.23');
    expect(ips.every((ip) => ip === null || /^[0-9a-f.:]{2,45}$/.test(ip))).toBe(true);
  });
});
