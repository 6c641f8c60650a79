import type { Request, Response, Router } from 'express';
import { AppError } from '../../../shared/errors';
import type { MeResponse } from '../../../shared/identity/api';
import { SignInCodeSchema, SignInSchema } from '../../../shared/identity/schemas';
import { SignInCardSchema } from '../../../shared/identity/sign-in-card';
import { auditedChange } from '../../audit/command';
import type { AuditInput } from '../../audit/log';
import type { ServerContext } from '../../context';
import { auditActorOf, type RequestState } from '../../http/request-state';
import { RateLimitedError } from '../../http/rate-limit';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { loadActor } from '../directory/actor';
import type { UserDoc } from '../directory/model';
import { isTrustedDevice, rememberDevice, setSessionCookie } from './cookies';
import { buildMe } from './me';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { classOfAccount, findSignInCode, initSignInCodes, useSignInCode } from './sign-in-codes';
import { exemptFromForcedChange } from './password-policy';
import { findSignInCard, initSignInCards, signInCards } from './sign-in-cards';
import { SignInThrottle, type ThrottleScope } from './throttle';

type EventInput = Omit<AuditInput, 'actor' | 'origin'>;

const REFUSED_BECAUSE: Record<ThrottleScope, string> = {
  ip: 'too many failed sign-ins from this IP address',
  network: 'too many failed sign-ins to this account from this network',
  account: 'too many failed sign-ins to this account',
  code: 'too many sign-ins with a one-time code from this IP address',
  card: 'too many sign-ins with a class sign-in card from this IP address',
};

/**
 * The two ways in: `POST /api/auth/login` (identifier and password) and `POST /api/auth/login-code` (identifier and
 * a one-time code from a teacher or the direction, for an account that refused sign-ins keep locked). Both are
 * throttled before anything is checked (`SignInThrottle`), open a new session with its audit event in one
 * transaction, and remember the browser as a known device of the account.
 */
/**
 * Why a known account may not sign in: a removed one is told so (ACCOUNT_REMOVED, with the day of its erasure and
 * whether a pupil reads it, for the client's words), not « suspended ». Only after its password, code or card passed.
 */
function refusalOf(user: Pick<UserDoc, 'status' | 'deletionDate' | 'profiles'>): AppError {
  if (user.status !== 'pending_deletion') return new AppError('SUSPENDED', 'This account is suspended');
  const params = { deletionDate: user.deletionDate ?? 0, reader: user.profiles.includes('pupil') ? 'pupil' : 'adult' };
  return new AppError('ACCOUNT_REMOVED', 'This account was removed from the school', [{ path: 'account', message: 'removed from the school', code: 'removed', params }]);
}

export function signInRoutes(router: Router, ctx: ServerContext, runtime: RouteRuntime): void {
  const { audit, directory, sessions } = ctx.services;
  const throttle = new SignInThrottle(ctx.services.rateLimits);
  initSignInCodes(ctx).catch((error: unknown) => ctx.logger.error({ err: error }, 'sign-in code indexes could not be created'));
  initSignInCards(ctx).catch((error: unknown) => ctx.logger.error({ err: error }, 'sign-in card indexes could not be created'));

  /** An event alone (a refused attempt): its own transaction. */
  const record = (state: RequestState, input: EventInput) => audit.record({ ...input, actor: auditActorOf(state), origin: 'http' });
  const targetOf = (user: UserDoc | null) => ({ type: 'user', id: user?._id ?? null, ownerId: user?._id ?? null });

  /**
   * Answers a throttled attempt: 429 with the wait (Retry-After), and an audit event at most once per account (or, for an unknown
   * identifier, per IP) and `signInAlert` window, in the account's class so that its teachers see the attack.
   */
  async function refuse(state: RequestState, login: string, user: UserDoc | null, refusal: { retryAfterMs: number; scope: ThrottleScope }): Promise<never> {
    if (await throttle.shouldReport(user ? { userId: user._id } : { ip: state.ip })) {
      await record(state, {
        schoolId: user?.schoolId ?? null,
        event: 'auth.login_throttled',
        target: targetOf(user),
        context: { classId: user ? await classOfAccount(ctx, user._id) : null },
        reason: user ? `refused: ${REFUSED_BECAUSE[refusal.scope]}` : `refused: ${REFUSED_BECAUSE[refusal.scope]} (unknown identifier "${login}")`,
        status: 'denied',
      });
    }
    throw new RateLimitedError(refusal.retryAfterMs, 'Too many failed sign-ins');
  }

  /** Opens a session for `user` (closing this browser's previous one: the id rotates), with its `auth.login` event. */
  async function openSession(input: { state: RequestState; req: Request; res: Response; user: UserDoc; reason?: string; before?: () => Promise<void> }): Promise<MeResponse> {
    const { state, req, res } = input;
    // A pupil of an exempt level (cycle 2 by default) keeps the given password: the forced change is lifted here.
    const keepsPassword = await exemptFromForcedChange(ctx, input.user);
    const user = keepsPassword ? { ...input.user, mustChangePassword: false } : input.user;
    const reasons = [input.reason, keepsPassword ? 'given password kept (level exempt from the forced change)' : undefined].filter(Boolean);
    const { token, session } = await auditedChange(ctx, async (recordIn) => {
      await input.before?.();
      if (keepsPassword) await directory.users.updateOne({ _id: user._id, mustChangePassword: true }, { $set: { mustChangePassword: false, updatedAt: Math.max(Date.now(), user.updatedAt + 1) } });
      if (state.session) await sessions.destroy(state.session._id);
      const opened = await sessions.create({ userId: user._id, schoolId: user.schoolId, ip: state.ip, userAgent: state.userAgent });
      await recordIn({
        schoolId: user.schoolId,
        event: 'auth.login',
        target: targetOf(user),
        actor: auditActorOf({ ...state, session: opened.session, user }),
        origin: 'http',
        ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
      });
      return opened;
    });
    // The replaced session's sockets and pad connections (maybe another user's, on a shared computer) close too.
    if (state.session) await ctx.services.live.disconnectSession(state.session._id, 'replaced');
    setSessionCookie(ctx, req, res, token);
    rememberDevice(ctx, req, res, user.login);
    return buildMe(ctx, { session, user, actor: await loadActor(directory, user) });
  }

  defineRoute(router, runtime, {
    method: 'post',
    path: '/auth/login',
    policy: { public: 'signing in is how one becomes known' },
    body: SignInSchema,
    async handler({ body, state, req, res }) {
      const attempt = { ip: state.ip, login: body.login, trustedDevice: isTrustedDevice(ctx, req, body.login) };
      const user = await directory.users.findOne({ login: body.login });
      // Spent before the (slow) password check: parallel attempts cannot all pass one earlier count.
      const admission = await throttle.admit(attempt);
      if (!admission.ok) return refuse(state, body.login, user, admission);
      const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password);
      if (!user || !valid) {
        await record(state, { schoolId: user?.schoolId ?? null, event: 'auth.login_failed', target: targetOf(user), reason: user ? 'wrong password' : 'unknown login', status: 'fail' });
        throw new AppError('UNAUTHENTICATED', 'Wrong login or password');
      }
      if (user.status !== 'active') {
        await throttle.notAFailure(attempt);
        await record(state, { schoolId: user.schoolId, event: 'auth.login_failed', target: targetOf(user), reason: `account ${user.status}`, status: 'denied' });
        throw refusalOf(user);
      }
      await throttle.succeeded(attempt);
      return openSession({ state, req, res, user });
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/auth/login-code',
    policy: { public: 'a one-time code is a way of signing in' },
    body: SignInCodeSchema,
    async handler({ body, state, req, res }) {
      const user = await directory.users.findOne({ login: body.login });
      // The code's own IP budget: a flood of wrong passwords from the school's address does not block codes.
      const admission = await throttle.admitCode(state.ip);
      if (!admission.ok) return refuse(state, body.login, user, admission);
      const failed = async (reason: string) => {
        await record(state, { schoolId: user?.schoolId ?? null, event: 'auth.login_failed', target: targetOf(user), reason, status: 'fail' });
        return new AppError('UNAUTHENTICATED', 'Wrong login or code');
      };
      const found = user ? await findSignInCode(ctx, user._id, body.code) : null;
      if (!user || !found) throw await failed(user ? 'wrong or expired sign-in code' : 'unknown login (sign-in code)');
      if (user.status !== 'active') {
        await record(state, { schoolId: user.schoolId, event: 'auth.login_failed', target: targetOf(user), reason: `account ${user.status}`, status: 'denied' });
        throw refusalOf(user);
      }
      try {
        // The lock stays for other unknown devices (the code proves no password); this browser becomes known.
        return await openSession({ state, req, res, user, reason: `one-time sign-in code issued by ${found.issuedBy ?? 'a job'}`, before: () => useSignInCode(ctx, found) });
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNAUTHENTICATED') throw await failed('sign-in code already used');
        throw error;
      }
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/auth/login-card',
    policy: { public: 'a class sign-in card is a way of signing in' },
    body: SignInCardSchema,
    async handler({ body, state, req, res }) {
      const admission = await throttle.admitCard(state.ip);
      if (!admission.ok) return refuse(state, '(class sign-in card)', null, admission);
      const card = await findSignInCard(ctx, body.token);
      const user = card ? await directory.users.findOne({ _id: card.userId }) : null;
      const failed = async (reason: string) => {
        await record(state, { schoolId: user?.schoolId ?? null, event: 'auth.login_failed', target: targetOf(user), context: { classId: card?.classId ?? null }, reason, status: 'fail' });
        return new AppError('UNAUTHENTICATED', 'Unknown, revoked or expired sign-in card');
      };
      if (!card || !user) throw await failed('unknown, revoked or expired class sign-in card');
      if (user.schoolId !== card.schoolId) throw await failed('class sign-in card of another school');
      // A card belongs to its class: a pupil who left it (another class, another school) needs a new one.
      if (!(await directory.memberships.findOne({ userId: user._id, kind: 'class', targetId: card.classId, role: 'pupil' }))) {
        throw await failed('class sign-in card of a class the pupil is no longer in');
      }
      if (user.status !== 'active') {
        await record(state, { schoolId: user.schoolId, event: 'auth.login_failed', target: targetOf(user), reason: `account ${user.status}`, status: 'denied' });
        throw refusalOf(user);
      }
      // Revoked meanwhile (a reset of the pupil's access): no session.
      const stillLive = async () => {
        if (!(await signInCards(ctx).findOne({ _id: card._id }))) throw new AppError('UNAUTHENTICATED', 'Unknown, revoked or expired sign-in card');
      };
      return openSession({ state, req, res, user, reason: `class sign-in card issued by ${card.issuedBy ?? 'a job'}`, before: stillLive });
    },
  });
}
