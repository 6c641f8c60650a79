import { createHmac, randomInt } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { IssuedSignInCode } from '../../../shared/identity/api';
import {
  formatSignInCode,
  normalizeSignInCode,
  SIGN_IN_CODE_ALPHABET,
  SIGN_IN_CODE_LENGTH,
  SIGN_IN_CODE_TTL_MS,
} from '../../../shared/identity/sign-in-code';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import type { BaseDoc, Collection } from '../../storage/port';
import { presentUser, type UserDoc } from '../directory/model';
import { directoryEvent, type CommandAuthor } from '../directory/service';

/**
 * A one-time sign-in code, stored hashed: `_id` is an HMAC of the account and the code under the server's secret,
 * so neither a copy of the store nor a log reveals a usable code. One live code per account.
 */
export interface SignInCodeDoc extends BaseDoc {
  userId: string;
  schoolId: string;
  issuedBy: string | null;
  createdAt: number;
  expiresAt: number;
}

const collections = new WeakMap<ServerContext, Collection<SignInCodeDoc>>();

/** The codes' collection of this server (indexes ensured once by `initSignInCodes`). */
export function signInCodes(ctx: ServerContext): Collection<SignInCodeDoc> {
  let found = collections.get(ctx);
  if (!found) {
    found = ctx.store.collection<SignInCodeDoc>('signInCodes');
    collections.set(ctx, found);
  }
  return found;
}

export async function initSignInCodes(ctx: ServerContext): Promise<void> {
  await signInCodes(ctx).ensureIndexes([{ fields: { userId: 1 } }, { fields: { expiresAt: 1 } }]);
}

function codeHash(ctx: ServerContext, userId: string, code: string): string {
  return createHmac('sha256', ctx.config.sessionSecret).update(`sign-in-code:${userId}:${code}`).digest('base64url');
}

/** The class an account belongs to as a pupil (else any class of theirs), for the audit event's context. */
export async function classOfAccount(ctx: ServerContext, userId: string): Promise<string | null> {
  const { memberships } = ctx.services.directory;
  const membership =
    (await memberships.findOne({ userId, kind: 'class', role: 'pupil' }, { sort: { targetId: 1 } })) ??
    (await memberships.findOne({ userId, kind: 'class' }, { sort: { targetId: 1 } }));
  return membership?.targetId ?? null;
}

/**
 * Issues a one-time sign-in code for an account (asked `issueSignInCode` on it by the route): any earlier code of
 * the account stops working, and the code and its audit event are written in one transaction. The code is
 * returned once, to be read out or written down for its owner; nobody can see it again.
 */
export async function issueSignInCode(ctx: ServerContext, by: CommandAuthor, target: UserDoc | null): Promise<IssuedSignInCode> {
  if (!target || target.schoolId !== by.schoolId) throw new AppError('NOT_FOUND', 'User not found');
  if (target._id === by.userId) throw new AppError('VALIDATION', 'Nobody issues a sign-in code for themselves');
  if (target.status !== 'active') throw new AppError('CONFLICT', 'This account is not active: a code would not let it in');
  let code = '';
  for (let i = 0; i < SIGN_IN_CODE_LENGTH; i += 1) code += SIGN_IN_CODE_ALPHABET[randomInt(SIGN_IN_CODE_ALPHABET.length)];
  const now = Date.now();
  const expiresAt = now + SIGN_IN_CODE_TTL_MS;
  const classId = await classOfAccount(ctx, target._id);
  await auditedChange(ctx, async (record) => {
    const codes = signInCodes(ctx);
    // The account's earlier code stops working; expired codes of anyone go too (the collection stays tiny).
    await codes.deleteMany({ $or: [{ userId: target._id }, { expiresAt: { $lte: now } }] });
    await codes.insertOne({ _id: codeHash(ctx, target._id, code), userId: target._id, schoolId: target.schoolId, issuedBy: by.userId, createdAt: now, expiresAt });
    await record(
      directoryEvent(by, {
        event: 'auth.sign_in_code_issued',
        target: { type: 'user', id: target._id, ownerId: target._id },
        classId,
        fields: ['signInCode'],
        reason: `valid until ${new Date(expiresAt).toISOString()}`,
      }),
    );
  });
  return { user: presentUser(target), code: formatSignInCode(code), expiresAt };
}

/** The live code of an account matching what was typed, or null (wrong, used, expired, or malformed). */
export async function findSignInCode(ctx: ServerContext, userId: string, typed: string): Promise<SignInCodeDoc | null> {
  const code = normalizeSignInCode(typed);
  if (!code) return null;
  return signInCodes(ctx).findOne({ _id: codeHash(ctx, userId, code), userId, expiresAt: { $gt: Date.now() } });
}

/**
 * Uses a code up, inside the sign-in's transaction: of two sign-ins racing with one code, exactly one deletes it
 * and the other is refused (its transaction rolls back).
 */
export async function useSignInCode(ctx: ServerContext, found: SignInCodeDoc): Promise<void> {
  const deleted = await signInCodes(ctx).deleteOne({ _id: found._id, expiresAt: { $gt: Date.now() } });
  if (deleted !== 1) throw new AppError('UNAUTHENTICATED', 'Wrong or expired code');
}
