import type { ErrorCode, ValidationIssue } from '../errors';

/**
 * The answer to every client-to-server socket event. A `RATE_LIMITED` refusal carries `retryAfterMs`: the wait
 * before the same action may succeed, which the client shows.
 */
export type Ack<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; issues?: ValidationIssue[]; retryAfterMs?: number };

/** The acknowledgement callback Socket.IO hands to a server-side handler. */
export type AckCallback<T> = (answer: Ack<T>) => void;
