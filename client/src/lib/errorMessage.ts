import type { ErrorCode } from '../../../shared/errors';
import { ApiError } from './api';

/** Translation keys an error can be shown with. */
export type ErrorMessageKey = `errors.codes.${ErrorCode}` | 'errors.network' | 'errors.unknown';

/** Per-screen wording: keyed by server error code or by HTTP status (code wins). */
export type ErrorMessageOverrides<K extends string> = Partial<Record<ErrorCode | number, K>>;

/** What an HTTP status means when the body carried no usable code. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'VALIDATION',
  429: 'RATE_LIMITED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'UNAVAILABLE',
};

function codeFor(error: ApiError): ErrorCode | undefined {
  if (error.code) return error.code;
  const byStatus = CODE_BY_STATUS[error.status];
  if (byStatus) return byStatus;
  return error.status >= 500 ? 'INTERNAL' : undefined;
}

/**
 * Maps any thrown value to a translation key, so no raw server text (often English) reaches pupils.
 * Order: screen override for the code, then for the status, then the generic message for the code.
 */
export function errorMessageKey<K extends string = never>(
  error: unknown,
  overrides: ErrorMessageOverrides<K> = {},
): ErrorMessageKey | K {
  if (!(error instanceof ApiError)) return 'errors.unknown';
  if (error.isNetworkError) return 'errors.network';
  const code = codeFor(error);
  const override = (code && overrides[code]) ?? overrides[error.status];
  if (override) return override;
  return code ? `errors.codes.${code}` : 'errors.unknown';
}
