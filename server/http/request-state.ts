import type { IncomingMessage } from 'node:http';
import type { Actor } from '../../shared/policy/actor';
import type { AuditActor } from '../../shared/audit/events';
import { PROFILE_PRECEDENCE, type Profile } from '../../shared/identity/profiles';
import type { SessionDoc } from '../features/auth/sessions';
import type { UserDoc } from '../features/directory/model';

/** What the authentication middleware learned about a request (or a socket handshake). */
export interface RequestState {
  ip: string | null;
  userAgent: string | null;
  session: SessionDoc | null;
  user: UserDoc | null;
  actor: Actor | null;
}

export interface AuthedRequestState extends RequestState {
  session: SessionDoc;
  user: UserDoc;
  actor: Actor;
}

const STATE = Symbol('preau.requestState');
type WithState = IncomingMessage & { [STATE]?: RequestState };

export function setRequestState(req: IncomingMessage, state: RequestState): void {
  (req as WithState)[STATE] = state;
}

/** The state set by the authentication middleware; an anonymous state when it did not run. */
export function requestState(req: IncomingMessage): RequestState {
  return (
    (req as WithState)[STATE] ?? {
      ip: req.socket.remoteAddress ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      session: null,
      user: null,
      actor: null,
    }
  );
}

/** The audit actor for a request state: the profile recorded is the user's main one at the time. */
export function auditActorOf(state: RequestState): Partial<AuditActor> {
  return {
    userId: state.user?._id ?? null,
    profile: state.user ? mainProfile(state.user.profiles) : null,
    sessionHash: state.session?._id ?? null,
    ip: state.ip,
    userAgent: state.userAgent,
  };
}

/** The profile that decides rights and the charter shown first when a user holds several. */
export function mainProfile(profiles: readonly Profile[]): Profile | null {
  return PROFILE_PRECEDENCE.find((profile) => profiles.includes(profile)) ?? null;
}
