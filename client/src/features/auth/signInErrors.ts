import { errorMessageKey, type ErrorMessageOverrides } from '../../lib/errorMessage';
import type { SignOutNotice } from './session';

type SignInMessageKey = 'auth.errors.notAvailable' | 'auth.errors.invalidCredentials' | 'auth.errors.suspended';

/** Sign-in specific wording; everything else falls back to the generic error messages. */
const SIGN_IN_OVERRIDES: ErrorMessageOverrides<SignInMessageKey> = {
  // No login route on this server: the API's generic 404.
  404: 'auth.errors.notAvailable',
  UNAUTHENTICATED: 'auth.errors.invalidCredentials',
  SUSPENDED: 'auth.errors.suspended',
};

export function signInErrorKey(error: unknown) {
  return errorMessageKey(error, SIGN_IN_OVERRIDES);
}

/** The message shown above the form when the user was signed out (not by choice, except `signedOut`). */
export const NOTICE_KEYS = {
  signedOut: 'auth.notices.signedOut',
  expired: 'auth.notices.expired',
  suspended: 'auth.notices.suspended',
  closed: 'auth.notices.closed',
  ended: 'auth.notices.ended',
} as const satisfies Record<SignOutNotice, string>;
