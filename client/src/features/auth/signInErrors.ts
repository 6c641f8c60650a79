import { errorMessageKey, type ErrorMessageOverrides } from '../../lib/errorMessage';

type SignInMessageKey = 'auth.errors.notAvailable' | 'auth.errors.invalidCredentials';

/** Sign-in specific wording; everything else falls back to the generic error messages. */
const SIGN_IN_OVERRIDES: ErrorMessageOverrides<SignInMessageKey> = {
  // No login route on this server (yet): the API's generic 404.
  404: 'auth.errors.notAvailable',
  UNAUTHENTICATED: 'auth.errors.invalidCredentials',
};

export function signInErrorKey(error: unknown) {
  return errorMessageKey(error, SIGN_IN_OVERRIDES);
}
