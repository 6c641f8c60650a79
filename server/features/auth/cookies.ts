import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { DEVICE_COOKIE, SESSION_COOKIE } from '../../../shared/identity/api';
import { SESSION_ABSOLUTE_TIMEOUT_MS } from '../../../shared/limits';
import type { ServerContext } from '../../context';
import { readCookies } from '../../http/cookies';

const DEVICE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
/** A shared family computer may remember a few accounts. */
const DEVICE_MAX_ACCOUNTS = 5;

/** Cookies are Secure whenever Préau is reached over TLS (directly, or behind a trusted proxy). */
function secure(ctx: ServerContext, req: Request): boolean {
  return req.secure || ctx.origins.publicOrigin.startsWith('https:');
}

export function setSessionCookie(ctx: ServerContext, req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(ctx, req),
    path: '/',
    maxAge: SESSION_ABSOLUTE_TIMEOUT_MS,
  });
}

export function clearSessionCookie(ctx: ServerContext, req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secure(ctx, req), path: '/' });
}

function deviceMac(ctx: ServerContext, login: string): string {
  return createHmac('sha256', ctx.config.sessionSecret).update(`device:${login}`).digest('base64url').slice(0, 32);
}

function deviceEntries(req: Request): string[] {
  return (readCookies(req).get(DEVICE_COOKIE) ?? '').split('~').filter(Boolean).slice(0, DEVICE_MAX_ACCOUNTS);
}

/** Whether this browser signed in to this login before (a signed device cookie; see SignInThrottle). */
export function isTrustedDevice(ctx: ServerContext, req: Request, login: string): boolean {
  const expected = Buffer.from(deviceMac(ctx, login));
  return deviceEntries(req).some((entry) => {
    const given = Buffer.from(entry);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Remembers this browser for this login, keeping a few other accounts it knew. */
export function rememberDevice(ctx: ServerContext, req: Request, res: Response, login: string): void {
  const mac = deviceMac(ctx, login);
  const entries = [mac, ...deviceEntries(req).filter((entry) => entry !== mac)].slice(0, DEVICE_MAX_ACCOUNTS);
  res.cookie(DEVICE_COOKIE, entries.join('~'), {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(ctx, req),
    path: '/api/auth',
    maxAge: DEVICE_MAX_AGE_MS,
  });
}
