import { setTimeout as sleep } from 'node:timers/promises';
import { Router } from 'express';
import { AppError } from '../../../shared/errors';
import { ChangePasswordSchema, ReportCompromiseSchema, SignInSchema } from '../../../shared/identity/schemas';
import type { SessionSummary } from '../../../shared/identity/api';
import type { ServerContext } from '../../context';
import { auditActorOf, type RequestState } from '../../http/request-state';
import { defineRoute, notFound, type RouteRuntime } from '../../http/route';
import { clearSessionCookie, isTrustedDevice, rememberDevice, setSessionCookie } from './cookies';
import { buildMe } from './me';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';

/** Sign-in, sign-out, my account and my sessions. */
export function authRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const { audit, directory, sessions, throttle } = ctx.services;
  const record = (state: RequestState, input: Omit<Parameters<typeof audit.record>[0], 'actor' | 'origin'>) =>
    audit.record({ ...input, actor: auditActorOf(state), origin: 'http' });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/auth/login',
    policy: { public: 'signing in is how one becomes known' },
    body: SignInSchema,
    async handler({ body, state, req, res }) {
      const ip = state.ip ?? 'unknown';
      const attempt = { ip, login: body.login, trustedDevice: isTrustedDevice(ctx, req, body.login) };
      const user = await directory.users.findOne({ login: body.login });
      const subject = { type: 'user', id: user?._id ?? null, ownerId: user?._id ?? null };
      const decision = throttle.check(attempt);
      if (!decision.allowed) {
        await record(state, { schoolId: user?.schoolId ?? null, event: 'auth.login_failed', target: subject, reason: `throttled (${decision.scope})`, status: 'denied' });
        res.setHeader('Retry-After', String(Math.ceil(decision.retryAfterMs / 1000)));
        throw new AppError('RATE_LIMITED', 'Too many failed attempts, try again later');
      }
      if (decision.delayMs > 0) await sleep(decision.delayMs);
      const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password);
      if (!user || !valid) {
        throttle.recordFailure(attempt);
        await record(state, { schoolId: user?.schoolId ?? null, event: 'auth.login_failed', target: subject, reason: user ? 'wrong password' : 'unknown login', status: 'fail' });
        throw new AppError('UNAUTHENTICATED', 'Wrong login or password');
      }
      if (user.status !== 'active') {
        await record(state, { schoolId: user.schoolId, event: 'auth.login_failed', target: subject, reason: `account ${user.status}`, status: 'denied' });
        throw new AppError('SUSPENDED', 'This account is suspended');
      }
      throttle.recordSuccess(attempt);
      // Rotation: whatever session this browser had is closed, and a new id is issued.
      if (state.session) await sessions.destroy(state.session._id);
      const { token, session } = await sessions.create({ userId: user._id, schoolId: user.schoolId, ip: state.ip, userAgent: state.userAgent });
      setSessionCookie(ctx, req, res, token);
      rememberDevice(ctx, req, res, body.login);
      const signedIn = { ...state, session, user };
      await record(signedIn, { schoolId: user.schoolId, event: 'auth.login', target: subject });
      return buildMe(ctx, signedIn);
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/auth/logout',
    policy: { signedIn: 'one closes one’s own session', charterExempt: true },
    async handler({ state, req, res }) {
      await sessions.destroy(state.session!._id);
      clearSessionCookie(ctx, req, res);
      await record(state, { schoolId: state.user!.schoolId, event: 'auth.logout', target: { type: 'session', id: state.session!._id, ownerId: state.user!._id } });
      return { ok: true };
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/auth/logout-all',
    policy: { signedIn: 'one closes all of one’s own sessions', charterExempt: true },
    async handler({ state, req, res }) {
      const closed = await sessions.destroyAllOf(state.user!._id);
      clearSessionCookie(ctx, req, res);
      await ctx.services.live.disconnectUser(state.user!._id, 'signed out everywhere');
      await record(state, { schoolId: state.user!.schoolId, event: 'auth.logout_all', target: { type: 'user', id: state.user!._id, ownerId: state.user!._id }, reason: `${closed} sessions closed` });
      return { ok: true, closed };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/me',
    policy: { signedIn: 'one reads one’s own account', charterExempt: true },
    handler: ({ state }) => buildMe(ctx, { user: state.user!, session: state.session! }),
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
      await directory.users.updateOne(
        { _id: user._id },
        { $set: { passwordHash: await hashPassword(body.newPassword), mustChangePassword: false, updatedAt: Date.now() } },
      );
      // Other sessions may belong to someone who learnt the old password.
      const closed = await sessions.destroyAllOf(user._id, state.session!._id);
      await record(state, { schoolId: user.schoolId, event: 'auth.password_changed', target: { type: 'user', id: user._id, ownerId: user._id }, reason: `${closed} other sessions closed` });
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
      const closed = await sessions.destroyAllOf(user._id, state.session!._id);
      await record(state, { schoolId: user.schoolId, event: 'auth.compromise_reported', target: { type: 'user', id: user._id, ownerId: user._id }, reason: body.details || `${closed} other sessions closed` });
      return { ok: true, closed };
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
      const target = await sessions.sessions.findOne({ _id: params.id ?? '', userId: state.user!._id });
      if (!target) notFound('Session');
      await sessions.destroy(target._id);
      await record(state, { schoolId: state.user!.schoolId, event: 'auth.session_revoked', target: { type: 'session', id: target._id, ownerId: state.user!._id } });
      return { ok: true };
    },
  });

  return router;
}
