/**
 * Error codes shared by REST answers (`{ error: { code, message } }`) and socket acks
 * (`{ ok: false, code, message }`). The client translates codes; messages are for developers and logs.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CHARTER_REQUIRED',
  'PASSWORD_CHANGE_REQUIRED',
  'SUSPENDED',
  'ACCOUNT_REMOVED',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'MUTED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status that goes with each code on REST routes. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CHARTER_REQUIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  SUSPENDED: 403,
  ACCOUNT_REMOVED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  MUTED: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The body of every REST error answer. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; requestId?: string; issues?: ValidationIssue[] };
}

/** One problem found by validation, with the path of the offending field. */
export interface ValidationIssue {
  path: string;
  message: string;
  /** A problem the client words itself (e.g. `admin.import.problems.<code>`), with its values; `message` is for developers. */
  code?: string;
  params?: Record<string, string | number>;
}

/** An error a handler throws on purpose; the HTTP layer and the socket gateway turn it into an answer. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
  }
}
