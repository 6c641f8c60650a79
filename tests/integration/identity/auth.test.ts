import { beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../../../shared/identity/api';
import { RATE_LIMITS } from '../../../shared/ratelimit/limits';
import { demoAccount } from '../../helpers/demo';
import { Browser } from '../../helpers/http';
import { signedIn } from '../../helpers/sockets';
import { startServer, useTestServer, type TestServer } from '../../helpers/server';
import { openTestStore } from '../../helpers/store';

describe('sign-in, sessions and CSRF', () => {
  const use = useTestServer();
  let server: TestServer;
  beforeAll(() => {
    server = use();
  });

  it('throttles one IP: 30 wrong passwords get 429 by the 11th, and the right password from another IP works', async () => {
    const account = demoAccount(server.dataDir, 'claire.fontaine');
    const attacker = new Browser(server.url, { localAddress: '127.0.0.2' });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await attacker.login(account.login, `wrong-${i}`)).status);
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(0);
    expect(first429 + 1).toBeLessThanOrEqual(RATE_LIMITS.signInIp.points + 1);
    expect(statuses.slice(first429).every((status) => status === 429)).toBe(true);
    expect(statuses.slice(0, first429).every((status) => status === 401)).toBe(true);

    const realUser = new Browser(server.url, { localAddress: '127.0.0.3' });
    const answer = await realUser.login(account.login, account.password);
    expect(answer.status).toBe(200);
    expect(answer.body.user.login).toBe(account.login);
  });

  it('rotates the session id at sign-in and sets HttpOnly, SameSite=Lax cookies', async () => {
    const account = demoAccount(server.dataDir, 'lea.martin');
    const browser = new Browser(server.url, { localAddress: '127.0.0.4' });
    const first = await browser.login(account.login, account.password);
    const firstSid = browser.cookies.get('preau_sid');
    const cookieLine = first.setCookies.find((line) => line.startsWith('preau_sid='))!;
    expect(cookieLine).toMatch(/HttpOnly/i);
    expect(cookieLine).toMatch(/SameSite=Lax/i);
    expect(cookieLine).toMatch(/Path=\//);
    expect(cookieLine).not.toMatch(/Secure/i);

    await browser.login(account.login, account.password);
    const secondSid = browser.cookies.get('preau_sid');
    expect(secondSid).toBeDefined();
    expect(secondSid).not.toBe(firstSid);

    const stale = new Browser(server.url, { localAddress: '127.0.0.4' });
    stale.cookies.set('preau_sid', firstSid!);
    expect((await stale.get('/api/me')).status).toBe(401);
  });

  it('refuses a cross-site POST that carries the victim’s cookie, and a POST without the CSRF token', async () => {
    const account = demoAccount(server.dataDir, 'yanis.belkacem');
    const victim = new Browser(server.url, { localAddress: '127.0.0.5' });
    await victim.login(account.login, account.password);

    const attacker = new Browser(server.url, { localAddress: '127.0.0.5', origin: 'https://evil.example' });
    attacker.cookies.set('preau_sid', victim.cookies.get('preau_sid')!);
    const crossSite = await attacker.post('/api/auth/logout-all');
    expect(crossSite.status).toBe(403);

    const noToken = new Browser(server.url, { localAddress: '127.0.0.5', origin: null });
    noToken.cookies.set('preau_sid', victim.cookies.get('preau_sid')!);
    expect((await noToken.post('/api/auth/logout-all')).status).toBe(403);

    const fetchMetadata = await victim.send('POST', '/api/auth/logout', {}, { 'Sec-Fetch-Site': 'cross-site' });
    expect(fetchMetadata.status).toBe(403);

    expect((await victim.get('/api/me')).status).toBe(200);
    expect((await victim.post('/api/auth/logout')).status).toBe(200);
    expect((await victim.get('/api/me')).status).toBe(401);
  });

  it('stores argon2id hashes with m >= 19456 and t >= 2', async () => {
    const store = await openTestStore(server.dataDir);
    try {
      const users = await store.collection<{ _id: string; passwordHash: string }>('users').find({}, { limit: 500 });
      expect(users.length).toBeGreaterThan(50);
      for (const user of users) {
        const match = /^\$argon2id\$v=19\$([a-z=0-9,]+)\$/.exec(user.passwordHash);
        expect(match, user._id).not.toBeNull();
        const params = Object.fromEntries(match![1]!.split(',').map((pair) => pair.split('=') as [string, string]));
        expect(Number(params.m)).toBeGreaterThanOrEqual(19_456);
        expect(Number(params.t)).toBeGreaterThanOrEqual(2);
      }
    } finally {
      await store.close();
    }
  });

  it('gates everything but the charter, the account and sign-out until the charter is accepted', async () => {
    const account = demoAccount(server.dataDir, 'helene.garnier');
    const parent = new Browser(server.url, { localAddress: '127.0.0.6' });
    const me = await parent.login(account.login, account.password);
    expect(me.body.charter.accepted).toBe(false);
    expect(me.body.charter.pending).toEqual([{ profile: 'parent', version: 1 }]);
    const blocked = await parent.get<{ error: { code: string } }>('/api/dashboard');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('CHARTER_REQUIRED');
    expect((await parent.get('/api/charter')).status).toBe(200);

    await parent.acceptCharters();
    const after = await parent.get<MeResponse>('/api/me');
    expect(after.body.charter).toEqual({ accepted: true, version: 1, pending: [] });
    expect((await parent.get('/api/dashboard')).status).toBe(200);
  });
});

describe('charter versions', () => {
  const use = useTestServer();

  it('a new version from the director forces every pupil to accept again, and each acceptance is recorded', async () => {
    const server = use();
    const director = await signedIn(server, 'isabelle.moreau');
    const pupil = await signedIn(server, 'noah.kowalski');
    expect((await pupil.get('/api/dashboard')).status).toBe(200);

    const published = await director.post<{ version: number }>('/api/admin/charters', {
      profile: 'pupil',
      title: 'Charte des élèves — rentrée',
      body: '## Mes engagements\n\nJe respecte les autres et je garde mon mot de passe pour moi.',
    });
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(2);
    const blocked = await pupil.get<{ error: { code: string } }>('/api/dashboard');
    expect(blocked.body.error.code).toBe('CHARTER_REQUIRED');
    const me = await pupil.get<MeResponse>('/api/me');
    expect(me.body.charter).toMatchObject({ accepted: false, version: 2, pending: [{ profile: 'pupil', version: 2 }] });
    expect((await pupil.post('/api/charter/accept', { profile: 'pupil', version: 1 })).status).toBe(409);
    await pupil.acceptCharters();
    expect((await pupil.get('/api/dashboard')).status).toBe(200);

    const store = await openTestStore(server.dataDir);
    try {
      const acceptances = await store.collection<{ _id: string; userId: string; version: number; acceptedAt: number }>('charterAcceptances').find({ userId: me.body.user.id }, { sort: { version: 1 } });
      expect(acceptances.map((acceptance) => acceptance.version)).toEqual([1, 2]);
      expect(acceptances.every((acceptance) => acceptance.acceptedAt > 0)).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('secure cookies behind TLS', () => {
  it('marks cookies Secure when the proxy says the request came over HTTPS', async () => {
    const server = await startServer({ env: { TRUST_PROXY: 'true', PUBLIC_ORIGIN: 'https://ent.example.fr', ALLOWED_ORIGINS: '' } });
    try {
      const account = demoAccount(server.dataDir, 'lea.martin');
      const browser = new Browser(server.url, { origin: 'https://ent.example.fr', headers: { 'X-Forwarded-Proto': 'https' } });
      const answer = await browser.login(account.login, account.password);
      expect(answer.status).toBe(200);
      expect(answer.setCookies.find((line) => line.startsWith('preau_sid='))).toMatch(/;\s*Secure/i);
    } finally {
      await server.stop();
      server.cleanup();
    }
  });
});
