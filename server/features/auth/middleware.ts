import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../shared/identity/api';
import { AppError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { readCookies } from '../../http/cookies';
import { requestState, setRequestState, type RequestState } from '../../http/request-state';
import { loadActor } from '../directory/actor';
import { clientIpOf } from './client-ip';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the session cookie into a user and an actor, and records it on the request. */
export function authenticate(ctx: ServerContext): RequestHandler {
  const { sessions, directory } = ctx.services;
  return async (req, _res, next) => {
    const state: RequestState = {
      ip: clientIpOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], ctx.config.trustProxy),
      userAgent: req.headers['user-agent']?.slice(0, 512) ?? null,
      session: null,
      user: null,
      actor: null,
    };
    const session = await sessions.resolve(readCookies(req).get(SESSION_COOKIE));
    if (session) {
      const user = await directory.users.findOne({ _id: session.userId });
      if (user) {
        state.session = session;
        state.user = user;
        state.actor = await loadActor(directory, user);
      } else {
        await sessions.destroy(session._id);
        await ctx.services.live.disconnectSession(session._id, 'ended');
      }
    }
    setRequestState(req, state);
    next();
  };
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * CSRF defence for cookie-authenticated requests (BRIEF checklist 5), in depth:
 * - a mutating request from a foreign Origin, or that the browser marks as cross-site, is refused outright;
 * - a mutating request that carries a session must also carry that session's token in `X-CSRF-Token`, which a
 *   cross-site page cannot read.
 */
export function csrfProtection(ctx: ServerContext): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !ctx.origins.isAllowed(origin)) {
      throw new AppError('FORBIDDEN', 'Cross-site request refused');
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') throw new AppError('FORBIDDEN', 'Cross-site request refused');
    const session = requestState(req).session;
    if (session) {
      const token = req.headers[CSRF_HEADER];
      if (typeof token !== 'string' || !sameToken(token, session.csrfToken)) {
        throw new AppError('FORBIDDEN', 'Missing or wrong CSRF token');
      }
    }
    next();
  };
}
