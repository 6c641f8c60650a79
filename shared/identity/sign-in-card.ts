import { z } from 'zod';
import type { ClassSummary, PublicUser } from './api';
import { SIGN_IN_CARD_PATH } from './paths';

/**
 * Class sign-in cards: a teacher prints or shows a card with one QR code per pupil; each code opens a link that
 * carries a secret token (stored hashed, like the one-time codes), so a young pupil signs in by scanning it and
 * tapping once. Unlike a one-time code a card works every day, until its teacher issues a new one (which
 * revokes the old) or it expires at the end of its school year.
 */
export const SIGN_IN_CARD_TOKEN_BYTES = 24;
/** A card works this long after it was issued (a school year and its summer), unless revoked before. */
export const SIGN_IN_CARD_TTL_MS = 400 * 24 * 60 * 60 * 1000;
export { SIGN_IN_CARD_PATH };

/** The link a card's QR code encodes. */
export const signInCardLink = (origin: string, token: string): string => `${origin}${SIGN_IN_CARD_PATH}#${token}`;

/** `POST /api/auth/login-card`: the token read from the link. */
export const SignInCardSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
export type SignInCardReq = z.infer<typeof SignInCardSchema>;

/** One pupil's card, as issued (the link is shown once, to whoever issued it: only its hash is kept). */
export interface IssuedSignInCard {
  user: PublicUser;
  link: string;
  expiresAt: number;
}

/** `POST /api/admin/classes/:id/sign-in-cards`: the class's cards (every earlier card of these pupils revoked). */
export interface IssuedClassCards {
  class: ClassSummary;
  cards: IssuedSignInCard[];
}

/**
 * Cycle 2 (CP, CE1, CE2): by default a pupil of these levels keeps the password the school gave and is not asked
 * to choose another at first sign-in (a blocker at 7). Each school sets its own list; adults are never exempt.
 */
export const CYCLE_2_LEVELS = ['CP', 'CE1', 'CE2'] as const;
/** The primary and collège levels a school may exempt from the forced password change. */
export const SCHOOL_LEVELS = ['CP', 'CE1', 'CE2', 'CM1', 'CM2', '6E', '5E', '4E', '3E'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

/** A class's level as typed (« ce2 », « 6e ») in the form of `SCHOOL_LEVELS`. */
export const normalizeLevel = (level: string): string => level.trim().toUpperCase().replace(/\s+/g, '');

/** `PUT /api/admin/school/password-change`: the levels whose pupils are not forced to change their password. */
export const PasswordChangeSettingSchema = z.object({ exemptLevels: z.array(z.enum(SCHOOL_LEVELS)).max(SCHOOL_LEVELS.length) });
export type PasswordChangeSetting = z.infer<typeof PasswordChangeSettingSchema>;

/**
 * Whether a pupil in classes of these levels may skip the forced change: every one of their levels exempt (a
 * pupil in no class, or in one class of a forced level, changes it as before).
 */
export function exemptFromPasswordChange(levels: readonly string[], exemptLevels: readonly string[]): boolean {
  return levels.length > 0 && levels.every((level) => exemptLevels.includes(normalizeLevel(level)));
}
