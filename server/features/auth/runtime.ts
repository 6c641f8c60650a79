import { AppError } from '../../../shared/errors';
import { can } from '../../../shared/policy/can';
import type { Resource } from '../../../shared/policy/resources';
import type { AuditOrigin } from '../../../shared/audit/events';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState, type RequestState } from '../../http/request-state';
import type { PolicyQuestion, RouteRuntime } from '../../http/route';

/** The target fields of an audit event for a resource. */
export function auditTargetOf(resource: Resource): { type: string; id: string | null; ownerId: string | null } {
  switch (resource.type) {
    case 'user':
    case 'session':
      return { type: resource.type, id: resource.userId, ownerId: resource.userId };
    case 'class':
      return { type: 'class', id: resource.classId, ownerId: null };
    case 'group':
      return { type: 'group', id: resource.groupId, ownerId: null };
    case 'space':
      return { type: 'space', id: resource.spaceId, ownerId: resource.ownerId };
    case 'item':
      return { type: resource.kind, id: resource.itemId, ownerId: resource.authorId };
    case 'profileGrant':
      return { type: 'profile', id: resource.profile, ownerId: null };
    case 'auditLog':
      return { type: 'auditLog', id: resource.classId ?? null, ownerId: null };
    default:
      return { type: resource.type, id: resource.schoolId, ownerId: null };
  }
}

/** Where a denial on a resource happened, for its audit event: its target, and its class and space if any. */
export function auditPlaceOf(resource: Resource): { target: ReturnType<typeof auditTargetOf>; classId: string | null; spaceId: string | null } {
  const space = resource.type === 'space' ? resource : resource.type === 'item' ? resource.space : null;
  const classId = resource.type === 'class' ? resource.classId : space?.scope.kind === 'class' ? space.scope.classId : null;
  return { target: auditTargetOf(resource), classId, spaceId: space?.spaceId ?? null };
}

/** Records a denial (BRIEF checklist 7: every denial is logged) and returns the error to throw. */
export async function deny(
  ctx: ServerContext,
  state: RequestState,
  origin: AuditOrigin,
  code: GateRefusal | 'FORBIDDEN',
  detail: { action: string; target?: ReturnType<typeof auditTargetOf>; classId?: string | null; spaceId?: string | null },
): Promise<AppError> {
  await ctx.services.audit.record({
    schoolId: state.user?.schoolId ?? null,
    actor: auditActorOf(state),
    origin,
    event: 'access.denied',
    target: detail.target ?? { type: 'none', id: null, ownerId: null },
    context: { classId: detail.classId ?? null, spaceId: detail.spaceId ?? null },
    reason: `${code}: ${detail.action}`,
    status: 'denied',
  });
  const messages = {
    UNAUTHENTICATED: 'Sign in first',
    FORBIDDEN: 'You are not allowed to do this',
    CHARTER_REQUIRED: 'Accept the charter first',
    PASSWORD_CHANGE_REQUIRED: 'Choose a new password first',
    SUSPENDED: 'This account is suspended',
  };
  return new AppError(code, messages[code]);
}

export type GateRefusal = 'UNAUTHENTICATED' | 'SUSPENDED' | 'CHARTER_REQUIRED' | 'PASSWORD_CHANGE_REQUIRED';

/**
 * Whether a signed-in user may use Préau beyond their account pages: active, their generated password
 * replaced, and the charter accepted (on REST, sockets and collab alike).
 */
export async function gateSignedIn(ctx: ServerContext, state: RequestState, charterExempt: boolean): Promise<'ok' | GateRefusal> {
  if (!state.session || !state.user || !state.actor) return 'UNAUTHENTICATED';
  if (state.user.status !== 'active') return 'SUSPENDED';
  if (charterExempt) return 'ok';
  if (state.user.mustChangePassword) return 'PASSWORD_CHANGE_REQUIRED';
  const charter = await ctx.services.charters.state(state.user);
  return charter.accepted ? 'ok' : 'CHARTER_REQUIRED';
}

/** The REST side of authorization: sign-in and charter gate, then `can()`, every denial audited. */
export function routeRuntime(ctx: ServerContext): RouteRuntime {
  return {
    async enforceSignedIn(state, charterExempt) {
      const gate = await gateSignedIn(ctx, state, charterExempt);
      if (gate !== 'ok') throw await deny(ctx, state, 'http', gate, { action: 'request' });
      return state as AuthedRequestState;
    },
    async authorize(state: AuthedRequestState, question: PolicyQuestion) {
      if (can(state.actor, question.action, question.resource)) return;
      throw await deny(ctx, state, 'http', 'FORBIDDEN', { action: `${question.action} ${question.resource.type}`, ...auditPlaceOf(question.resource) });
    },
  };
}
