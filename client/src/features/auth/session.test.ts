import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../../../../shared/identity/api';
import { ApiError, getCsrfToken, setCsrfToken } from '../../lib/api';
import { NO_CAPABILITIES } from '../../lib/capabilities';
import { endSession, fetchSession, handleSessionError, landingNavigation, landingPath, noticeForSessionEnd, pendingStep, recheckSession, sessionQueryKey, startSession, wantedPath, type SessionState } from './session';

function me(overrides: Partial<MeResponse> = {}): MeResponse {
  return {
    capabilities: NO_CAPABILITIES,
    user: { id: 'u1', login: 'lea.martin', displayName: 'Léa Martin', profiles: ['pupil'], status: 'active' },
    profiles: ['pupil'],
    charter: { accepted: true, version: 1, pending: [] },
    mustChangePassword: false,
    csrfToken: 'csrf-1',
    school: { id: 's1', name: 'École' },
    ...overrides,
  };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('where a signed-in user goes', () => {
  it('changes a generated password first, then accepts the charter, then reaches the dashboard', () => {
    const pending = { accepted: false, version: 2, pending: [{ profile: 'pupil' as const, version: 2 }] };
    expect(pendingStep(me({ mustChangePassword: true, charter: pending }))).toBe('/mot-de-passe');
    expect(pendingStep(me({ charter: pending }))).toBe('/charte');
    expect(pendingStep(me())).toBeNull();
    expect(landingPath(me({ charter: pending }), '/mon-compte')).toBe('/charte');
  });

  it('carries the wanted page through the password change and the charter (issue 18: a wall link before sign-in)', () => {
    const pending = { accepted: false, version: 2, pending: [{ profile: 'pupil' as const, version: 2 }] };
    expect(landingNavigation(me({ charter: pending }), '/murs/w1')).toEqual({ to: '/charte', state: { from: '/murs/w1' } });
    expect(landingNavigation(me({ mustChangePassword: true, charter: pending }), '/murs/w1')).toEqual({ to: '/mot-de-passe', state: { from: '/murs/w1' } });
    expect(landingNavigation(me(), '/murs/w1')).toEqual({ to: '/murs/w1', state: { from: '/murs/w1' } });
    expect(landingNavigation(me({ charter: pending }))).toEqual({ to: '/charte', state: null });
    expect(wantedPath({ from: '/murs/w1?carte=c1' })).toBe('/murs/w1?carte=c1');
    // Never back to a page of the way in, nor elsewhere.
    for (const from of ['/charte', '/mot-de-passe', '/connexion?x=1', '/', '/accueil', '//evil.example', 'https://evil.example', 42]) expect(wantedPath({ from })).toBeUndefined();
    const parent = me({ capabilities: { ...NO_CAPABILITIES, family: { childIds: ['c1'] } } });
    expect(landingPath(parent, '/accueil')).toBe('/famille');
    expect(wantedPath(null)).toBeUndefined();
  });

  it('returns to the wanted page only when it is a local path', () => {
    expect(landingPath(me(), '/admin/utilisateurs')).toBe('/admin/utilisateurs');
    expect(landingPath(me(), '//evil.example')).toBe('/accueil');
    expect(landingPath(me(), 'https://evil.example')).toBe('/accueil');
    expect(landingPath(me(), '/connexion')).toBe('/accueil');
    expect(landingPath(me())).toBe('/accueil');
  });

  it('lands an account that is only a parent on the family page', () => {
    const parent = me({ profiles: ['parent'], capabilities: { ...NO_CAPABILITIES, family: { childIds: ['c1'] } } });
    expect(landingPath(parent)).toBe('/famille');
    expect(landingPath(parent, '/murs/w1')).toBe('/murs/w1');
  });
});

describe('fetchSession', () => {
  it('keeps the CSRF token of the answer', async () => {
    vi.stubGlobal('fetch', async () => json(200, me({ csrfToken: 'fresh' })));
    await expect(fetchSession(undefined)).resolves.toMatchObject({ me: { csrfToken: 'fresh' } });
    expect(getCsrfToken()).toBe('fresh');
  });

  it('turns a 401 into "signed out" (expired if we were signed in) and a suspension into its notice', async () => {
    setCsrfToken('old');
    vi.stubGlobal('fetch', async () => json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } }));
    await expect(fetchSession(undefined)).resolves.toEqual({ me: null, notice: null });
    await expect(fetchSession({ me: me() })).resolves.toEqual({ me: null, notice: 'expired' });
    expect(getCsrfToken()).toBeUndefined();
    vi.stubGlobal('fetch', async () => json(403, { error: { code: 'SUSPENDED', message: 'suspended' } }));
    await expect(fetchSession({ me: me() })).resolves.toEqual({ me: null, notice: 'suspended' });
  });

  it('lets other failures through as errors', async () => {
    vi.stubGlobal('fetch', async () => json(503, { error: { code: 'UNAVAILABLE', message: 'later' } }));
    await expect(fetchSession(undefined)).rejects.toBeInstanceOf(ApiError);
  });
});

describe('session changes', () => {
  it('forgets the previous user’s data at sign-in and at sign-out', () => {
    const client = new QueryClient();
    client.setQueryData(['dashboard'], { classes: [] });
    startSession(client, me());
    expect(client.getQueryData(['dashboard'])).toBeUndefined();
    expect(getCsrfToken()).toBe('csrf-1');
    client.setQueryData(['admin', 'users'], []);
    endSession(client, 'signedOut');
    expect(client.getQueryData(['admin', 'users'])).toBeUndefined();
    expect(client.getQueryData<SessionState>(sessionQueryKey)).toEqual({ me: null, notice: 'signedOut' });
    expect(getCsrfToken()).toBeUndefined();
  });

  it('reacts to API errors: 401 and SUSPENDED sign out, gate refusals re-read the session, 403 FORBIDDEN does nothing', () => {
    const client = new QueryClient();
    startSession(client, me());
    handleSessionError(client, new ApiError(403, 'FORBIDDEN', 'no'));
    expect(client.getQueryData<SessionState>(sessionQueryKey)?.me).not.toBeNull();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    handleSessionError(client, new ApiError(403, 'CHARTER_REQUIRED', 'charter'));
    expect(invalidate).toHaveBeenCalledWith({ queryKey: sessionQueryKey });
    handleSessionError(client, new ApiError(401, 'UNAUTHENTICATED', 'gone'));
    expect(client.getQueryData<SessionState>(sessionQueryKey)).toEqual({ me: null, notice: 'expired' });
    startSession(client, me());
    handleSessionError(client, new ApiError(403, 'SUSPENDED', 'suspended'));
    expect(client.getQueryData<SessionState>(sessionQueryKey)).toEqual({ me: null, notice: 'suspended' });
  });
});

describe('a session ended under a live connection', () => {
  it('says why: signed out, expired, or closed from elsewhere; a refused handshake reads as expired', () => {
    expect(noticeForSessionEnd('signedOut')).toBe('signedOut');
    expect(noticeForSessionEnd('expired')).toBe('expired');
    for (const reason of ['revoked', 'passwordChanged', 'compromised', 'replaced', 'ended']) expect(noticeForSessionEnd(reason)).toBe('ended');
    expect(noticeForSessionEnd('UNAUTHENTICATED')).toBe('expired');
    expect(noticeForSessionEnd(undefined)).toBe('expired');
  });

  it('goes back to sign-in with that notice once /api/me answers 401, and reconnects nothing', async () => {
    const client = new QueryClient();
    startSession(client, me());
    vi.stubGlobal('fetch', async () => json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } }));
    expect(await recheckSession(client, noticeForSessionEnd('revoked'))).toBe(false);
    expect(client.getQueryData<SessionState>(sessionQueryKey)).toEqual({ me: null, notice: 'ended' });
    expect(getCsrfToken()).toBeUndefined();
  });
});
