import type { ErrorCode } from '../../../../shared/errors';
import type { ForumKey } from './i18n';

const KNOWN = new Set<string>(['FORBIDDEN', 'MUTED', 'RATE_LIMITED', 'VALIDATION', 'PAYLOAD_TOO_LARGE', 'NOT_FOUND', 'CONFLICT', 'UNAVAILABLE']);

/** The message for an ack's error code, in words a child understands. */
export const forumErrorKey = (code: ErrorCode): ForumKey => (KNOWN.has(code) ? (`errors.${code}` as ForumKey) : 'errors.other');
