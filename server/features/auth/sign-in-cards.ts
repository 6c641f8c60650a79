import { createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { PublicUser } from '../../../shared/identity/api';
import { signInCardLink, SIGN_IN_CARD_TOKEN_BYTES, SIGN_IN_CARD_TTL_MS, type IssuedSignInCard } from '../../../shared/identity/sign-in-card';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import type { BaseDoc, Collection } from '../../storage/port';
import type { UserDoc } from '../directory/model';
import { directoryEvent, type CommandAuthor } from '../directory/service';

/**
 * A pupil's class sign-in card, stored hashed: `_id` is an HMAC of the token under the server's secret, so neither
 * a copy of the store nor a log holds a usable link. One live card per pupil, tied to the class it was issued for.
 */
export interface SignInCardDoc extends BaseDoc {
  userId: string;
  schoolId: string;
  classId: string;
  issuedBy: string | null;
  createdAt: number;
  expiresAt: number;
}

const collections = new WeakMap<ServerContext, Collection<SignInCardDoc>>();

/** The cards' collection of this server (indexes ensured once by `initSignInCards`). */
export function signInCards(ctx: ServerContext): Collection<SignInCardDoc> {
  let found = collections.get(ctx);
  if (!found) {
    found = ctx.store.collection<SignInCardDoc>('signInCards');
    collections.set(ctx, found);
  }
  return found;
}

export async function initSignInCards(ctx: ServerContext): Promise<void> {
  await signInCards(ctx).ensureIndexes([{ fields: { userId: 1 } }, { fields: { expiresAt: 1 } }]);
}

function tokenHash(ctx: ServerContext, token: string): string {
  return createHmac('sha256', ctx.config.sessionSecret).update(`sign-in-card:${token}`).digest('base64url');
}

/** One pupil of the class to give a card to, with the presented account for the answer. */
export interface CardHolder {
  user: UserDoc;
  presented: PublicUser;
}

/**
 * Issues a card to each of these pupils of one class (asked `issueSignInCode` on each by the route): each pupil's
 * earlier card stops working and, with `endSessions`, their sessions end (a reset of their access); the cards and
 * one audit event per pupil are written in one transaction. The links are returned once.
 */
export async function issueSignInCards(
  ctx: ServerContext,
  by: CommandAuthor,
  classId: string,
  holders: readonly CardHolder[],
  options: { endSessions: boolean },
): Promise<IssuedSignInCard[]> {
  for (const { user } of holders) {
    if (user.schoolId !== by.schoolId) throw new AppError('NOT_FOUND', 'User not found');
    if (user.status !== 'active') throw new AppError('CONFLICT', 'This account is not active: a card would not let it in');
  }
  const now = Date.now();
  const expiresAt = now + SIGN_IN_CARD_TTL_MS;
  const tokens = holders.map(() => randomBytes(SIGN_IN_CARD_TOKEN_BYTES).toString('base64url'));
  const ended = await auditedChange(ctx, async (record) => {
    const cards = signInCards(ctx);
    const endedIds: string[] = [];
    await cards.deleteMany({ expiresAt: { $lte: now } });
    for (const [index, { user }] of holders.entries()) {
      const revoked = await cards.deleteMany({ userId: user._id });
      await cards.insertOne({ _id: tokenHash(ctx, tokens[index]!), userId: user._id, schoolId: user.schoolId, classId, issuedBy: by.userId, createdAt: now, expiresAt });
      const sessionIds = options.endSessions ? await ctx.services.sessions.endAllOf(user._id) : [];
      endedIds.push(...sessionIds);
      await record(
        directoryEvent(by, {
          event: 'auth.sign_in_card_issued',
          target: { type: 'user', id: user._id, ownerId: user._id },
          classId,
          fields: ['signInCard'],
          reason: `valid until ${new Date(expiresAt).toISOString()}; ${revoked} earlier card(s) revoked; ${sessionIds.length} sessions closed`,
        }),
      );
    }
    return endedIds;
  });
  if (ended.length > 0) await ctx.services.live.disconnectSession(ended, 'passwordChanged');
  const origin = ctx.origins.publicOrigin;
  return holders.map(({ presented }, index) => ({ user: presented, link: signInCardLink(origin, tokens[index]!), expiresAt }));
}

/** Revokes a pupil's card (no new one), with its audit event; ends nothing else. */
export async function revokeSignInCard(ctx: ServerContext, by: CommandAuthor, user: UserDoc | null, classId: string | null): Promise<{ revoked: number }> {
  if (!user || user.schoolId !== by.schoolId) throw new AppError('NOT_FOUND', 'User not found');
  const revoked = await auditedChange(ctx, async (record) => {
    const count = await signInCards(ctx).deleteMany({ userId: user._id });
    await record(
      directoryEvent(by, {
        event: 'auth.sign_in_card_revoked',
        target: { type: 'user', id: user._id, ownerId: user._id },
        classId,
        fields: ['signInCard'],
        reason: `${count} card(s) revoked`,
      }),
    );
    return count;
  });
  return { revoked };
}

/** The live card of a token, or null (unknown, revoked, expired). */
export async function findSignInCard(ctx: ServerContext, token: string): Promise<SignInCardDoc | null> {
  return signInCards(ctx).findOne({ _id: tokenHash(ctx, token), expiresAt: { $gt: Date.now() } });
}
