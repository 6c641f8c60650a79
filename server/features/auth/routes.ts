import { Router } from 'express';
import { AppError } from '../../../shared/errors';
import { ChangePasswordSchema, ReportCompromiseSchema } from '../../../shared/identity/schemas';
import type { SessionSummary } from '../../../shared/identity/api';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type RequestState } from '../../http/request-state';
import { defineRoute, notFound, type RouteRuntime } from '../../http/route';
import { clearSessionCookie } from './cookies';
import { buildMe } from './me';
import type { AuditInput } from '../../audit/log';
import { hashPassword, verifyPassword } from './passwords';
import { signInCardRoutes } from './card-routes';
import { signInRoutes } from './sign-in';

/**
 * Sign-in (sign-in.ts), sign-out, my account and my sessions. Each change of a session or a password is written with its
 * audit event in one transaction (`auditedChange`); refused attempts are single events. Passwords are hashed
 * and verified before any transaction opens (argon2 is slow on purpose).
 */
export function authRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const { audit, directory, sessions } = ctx.services;
  type EventInput = Omit<AuditInput, 'actor' | 'origin'>;
  /** An event alone (a refused attempt): its own transaction. */
  const record = (state: RequestState, input: EventInput) => audit.record({ ...input, actor: auditActorOf(state), origin: 'http' });
  /** The audit input of a change made by this request, recorded in the change's transaction. */
  const event = (state: RequestState, input: EventInput): AuditInput => ({ ...input, actor: auditActorOf(state), origin: 'http' });

  signInRoutes(router, ctx, runtime);
  signInCardRoutes(router, ctx, runtime);

  defineRoute(router, runtime, {
    method: 'post',
    path: '/auth/logout',
    policy: { signedIn: 'one closes one’s own session', charterExempt: true },
    async handler({ state, req, res }) {
      await auditedChange(ctx, async (recordIn) => {
        await sessions.destroy(state.session!._id);
        await recordIn(event(state, { schoolId: state.user!.schoolId, event: 'auth.logout', target: { type: 'session', id: state.session!._id, ownerId: state.user!._id } }));
      });
      clearSessionCookie(ctx, req, res);
      // After the commit: this session's sockets and pad connections (other tabs) close with it.
      await ctx.services.live.disconnectSession(state.session!._id, 'signedOut');
      return { ok: true };
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/auth/logout-all',
    policy: { signedIn: 'one closes all of one’s own sessions', charterExempt: true },
    async handler({ state, req, res }) {
      const ended = await auditedChange(ctx, async (recordIn) => {
        const ids = await sessions.endAllOf(state.user!._id);
        await recordIn(event(state, { schoolId: state.user!.schoolId, event: 'auth.logout_all', target: { type: 'user', id: state.user!._id, ownerId: state.user!._id }, reason: `${ids.length} sessions closed` }));
        return ids;
      });
      clearSessionCookie(ctx, req, res);
      await ctx.services.live.disconnectSession(ended, 'signedOut');
      return { ok: true, closed: ended.length };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/me',
    policy: { signedIn: 'one reads one’s own account', charterExempt: true },
    handler: ({ state }) => buildMe(ctx, { user: state.user!, session: state.session!, actor: state.actor! }),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/me/password',
    policy: { signedIn: 'one changes one’s own password', charterExempt: true },
    body: ChangePasswordSchema,
    async handler({ body, state }) {
      const user = state.user!;
      if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
        await record(state, { schoolId: user.schoolId, event: 'auth.password_changed', target: { type: 'user', id: user._id, ownerId: user._id }, reason: 'wrong current password', status: 'fail' });
        throw new AppError('VALIDATION', 'The current password is wrong', [{ path: 'currentPassword', message: 'wrong password' }]);
      }
      const passwordHash = await hashPassword(body.newPassword);
      const ended = await auditedChange(ctx, async (recordIn) => {
        // Only over the password just verified: a concurrent change (or reset) wins, and this one is refused.
        const changed = await directory.users.updateOne(
          { _id: user._id, passwordHash: user.passwordHash },
          { $set: { passwordHash, mustChangePassword: false, updatedAt: Math.max(Date.now(), user.updatedAt + 1) } },
        );
        if (changed.matchedCount === 0) throw new AppError('CONFLICT', 'The password changed meanwhile');
        // Other sessions may belong to someone who learnt the old password.
        const ids = await sessions.endAllOf(user._id, state.session!._id);
        await recordIn(
          event(state, {
            schoolId: user.schoolId,
            event: 'auth.password_changed',
            target: { type: 'user', id: user._id, ownerId: user._id },
            change: { fields: ['passwordHash', 'mustChangePassword'] },
            reason: `${ids.length} other sessions closed`,
          }),
        );
        return ids;
      });
      await ctx.services.live.disconnectSession(ended, 'passwordChanged');
      return { ok: true };
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/me/compromise',
    policy: { signedIn: 'anyone can report that their account may be compromised', charterExempt: true },
    body: ReportCompromiseSchema,
    async handler({ body, state }) {
      const user = state.user!;
      const ended = await auditedChange(ctx, async (recordIn) => {
        const ids = await sessions.endAllOf(user._id, state.session!._id);
        await recordIn(event(state, { schoolId: user.schoolId, event: 'auth.compromise_reported', target: { type: 'user', id: user._id, ownerId: user._id }, reason: body.details || `${ids.length} other sessions closed` }));
        return ids;
      });
      await ctx.services.live.disconnectSession(ended, 'compromised');
      return { ok: true, closed: ended.length };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/me/sessions',
    policy: { signedIn: 'one lists one’s own sessions', charterExempt: true },
    async handler({ state }): Promise<SessionSummary[]> {
      const list = await sessions.listOf(state.user!._id);
      return list.map((session) => ({
        id: session._id,
        current: session._id === state.session!._id,
        createdAt: session.createdAt,
        lastSeenAt: session.lastSeenAt,
        ip: session.ip,
        userAgent: session.userAgent,
      }));
    },
  });

  defineRoute(router, runtime, {
    method: 'delete',
    path: '/me/sessions/:id',
    policy: { signedIn: 'one closes one’s own sessions', charterExempt: true },
    async handler({ params, state }) {
      const revoked = await auditedChange(ctx, async (recordIn) => {
        const target = await sessions.sessions.findOne({ _id: params.id ?? '', userId: state.user!._id });
        if (!target) notFound('Session');
        await sessions.destroy(target._id);
        await recordIn(event(state, { schoolId: state.user!.schoolId, event: 'auth.session_revoked', target: { type: 'session', id: target._id, ownerId: state.user!._id } }));
        return target._id;
      });
      await ctx.services.live.disconnectSession(revoked, 'revoked');
      return { ok: true };
    },
  });

  return router;
}
