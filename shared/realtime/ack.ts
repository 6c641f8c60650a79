import type { ErrorCode, ValidationIssue } from '../errors';

/** The answer to every client-to-server socket event. */
export type Ack<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; issues?: ValidationIssue[] };

/** The acknowledgement callback Socket.IO hands to a server-side handler. */
export type AckCallback<T> = (answer: Ack<T>) => void;
