import type { QueryClient } from '@tanstack/react-query';
import type { MeResponse } from '../../../../shared/identity/api';
import { paths } from '../../app/paths';
import { homePathOf } from '../family/home';
import { ApiError, apiRequest, setCsrfToken } from '../../lib/api';
import { setSessionHint } from '../../lib/sessionHint';
import { closeLiveConnection } from '../../lib/socket';
import { SESSION_END_REASONS, type SessionEndReason } from '../../../../shared/identity/session-end';

/** Why the user is on the sign-in page, when they did not go there themselves. */
export type SignOutNotice = 'signedOut' | 'expired' | 'suspended' | 'closed' | 'ended';

/**
 * The notice for a session the server ended under a live connection (`session:ended`, or a pad's close reason):
 * signed out, expired, or closed from elsewhere. Anything else (a refused handshake) reads as expired, as a 401 does.
 */
export function noticeForSessionEnd(reason: string | undefined): SignOutNotice {
  if (!SESSION_END_REASONS.includes(reason as SessionEndReason)) return 'expired';
  if (reason === 'signedOut' || reason === 'expired') return reason;
  return 'ended';
}

/** The session as the client knows it: the `GET /api/me` answer, or signed out (with why). */
export type SessionState = { me: MeResponse; notice?: undefined } | { me: null; notice: SignOutNotice | null };

export const sessionQueryKey = ['session'] as const;

/** Where a signed-in user must go first: a forced password change, then the charter; `null` when done. */
export function pendingStep(me: MeResponse): string | null {
  if (me.mustChangePassword) return paths.changePassword;
  if (!me.charter.accepted) return paths.charter;
  return null;
}

/**
 * The pages of the way in, and the generic home: never a destination to come back to (whoever was sent away from
 * « Mon accueil » lands on their own home, the family page for a parent).
 */
const WAY_IN: readonly string[] = [paths.signIn, paths.charter, paths.changePassword, paths.home, paths.dashboard];

/** Where the user was going, as carried in the router's state (`{ from }`) through sign-in and its steps; or undefined. */
export function wantedPath(state: unknown): string | undefined {
  const from = (state as { from?: unknown } | null)?.from;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return undefined;
  return WAY_IN.includes(from.split(/[?#]/)[0]!) ? undefined : from;
}

/** The first page after sign-in (or after a step is done): the one asked for, or the user's home. */
export function landingPath(me: MeResponse, wanted?: string): string {
  const step = pendingStep(me);
  if (step) return step;
  return wantedPath({ from: wanted }) ?? homePathOf(me);
}

/**
 * The navigation to the first page after sign-in or a step: to the next step, carrying where the user was going
 * (`state.from`), so that after the password change and the charter they land there (a wall link opened before
 * signing in), not on their home page.
 */
export function landingNavigation(me: MeResponse, wanted?: string): { to: string; state: { from: string } | null } {
  const from = wantedPath({ from: wanted });
  return { to: landingPath(me, from), state: from ? { from } : null };
}

function isSignedOutError(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 401 || error.code === 'SUSPENDED');
}

/** `GET /api/me`; a 401 or a suspension is an answer (signed out), not an error. */
export async function fetchSession(previous: SessionState | undefined, signal?: AbortSignal): Promise<SessionState> {
  try {
    const me = await apiRequest<MeResponse>('/api/me', signal ? { signal } : {});
    setCsrfToken(me.csrfToken);
    setSessionHint(true);
    return { me };
  } catch (error) {
    if (!isSignedOutError(error)) throw error;
    setCsrfToken(undefined);
    setSessionHint(false);
    closeLiveConnection();
    if (error.code === 'SUSPENDED') return { me: null, notice: 'suspended' };
    return { me: null, notice: previous?.me ? 'expired' : (previous?.notice ?? null) };
  }
}

/**
 * Drops every cached answer but the session itself, whose query object must stay: components observing it
 * (the header) would otherwise keep watching a removed query.
 */
function forgetUserData(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
}

/** After a sign-in: forget everything about a previous user of this browser, then remember the new one. */
export function startSession(client: QueryClient, me: MeResponse): void {
  forgetUserData(client);
  setCsrfToken(me.csrfToken);
  setSessionHint(true);
  client.setQueryData<SessionState>(sessionQueryKey, { me });
}

/** Signed out, whatever the cause: drop the token, the live connection and every cached answer. */
export function endSession(client: QueryClient, notice: SignOutNotice | null): void {
  setCsrfToken(undefined);
  setSessionHint(false);
  closeLiveConnection();
  forgetUserData(client);
  client.setQueryData<SessionState>(sessionQueryKey, { me: null, notice });
}

/**
 * Asks the server again who we are (after the server closed our live connection, for instance); if we are
 * no longer signed in, ends the session with `noticeIfGone`. Resolves with whether the session is still valid.
 */
export async function recheckSession(client: QueryClient, noticeIfGone: SignOutNotice): Promise<boolean> {
  const state = await fetchSession(client.getQueryData<SessionState>(sessionQueryKey));
  if (state.me) {
    client.setQueryData<SessionState>(sessionQueryKey, state);
    return true;
  }
  endSession(client, state.notice === 'suspended' ? 'suspended' : noticeIfGone);
  return false;
}

/**
 * What any failed API call means for the session (wired into the query and mutation caches):
 * 401 → signed out; SUSPENDED → signed out with that notice; a gate refusal → re-read `/api/me` so the
 * router sends the user to the password or charter page.
 */
export function handleSessionError(client: QueryClient, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  const signedIn = Boolean(client.getQueryData<SessionState>(sessionQueryKey)?.me);
  if (error.code === 'SUSPENDED') endSession(client, 'suspended');
  else if (error.status === 401 && signedIn) endSession(client, 'expired');
  else if (error.code === 'CHARTER_REQUIRED' || error.code === 'PASSWORD_CHANGE_REQUIRED') {
    void client.invalidateQueries({ queryKey: sessionQueryKey });
  }
}
