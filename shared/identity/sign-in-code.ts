/**
 * One-time sign-in codes: a teacher (or the direction) gives one to a person whose account is locked by refused
 * sign-ins, so the real user gets in on a shared school computer. Easy to read aloud and to type: capitals and
 * digits without 0/O, 1/I/L.
 */
export const SIGN_IN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 31^8 ≈ 2^39.6 codes: with the per-IP limit on code sign-ins, guessing one within its life is hopeless. */
export const SIGN_IN_CODE_LENGTH = 8;
/** A code works once, within this long after it was issued. */
export const SIGN_IN_CODE_TTL_MS = 15 * 60 * 1000;

/** A code as typed (any case, spaces or dashes) in its stored form: 8 capitals and digits, or null. */
export function normalizeSignInCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== SIGN_IN_CODE_LENGTH) return null;
  for (const char of code) if (!SIGN_IN_CODE_ALPHABET.includes(char)) return null;
  return code;
}

/** A code as shown: two groups of four (« K7QM-4PXD »). */
export function formatSignInCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
