/**
 * Why a session ended, as its live connections are told: the Socket.IO event `session:ended` just before the
 * server disconnects them, and the reason of the collab close (code UNAUTHENTICATED). The client then shows the
 * sign-in page with the matching notice instead of reconnecting.
 */
export const SESSION_END_REASONS = [
  /** Signed out (from another tab of the same session). */
  'signedOut',
  /** Closed from another session (`DELETE /api/me/sessions/:id`). */
  'revoked',
  /** The user changed their password from another session. */
  'passwordChanged',
  /** The user reported their account compromised from another session. */
  'compromised',
  /** Someone signed in again from the same browser. */
  'replaced',
  /** Idle or absolute timeout. */
  'expired',
  /** Any other end (the session is gone from the store). */
  'ended',
] as const;

export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
