import type { Profile } from '../identity/profiles';
import { CHAT_AUDIT_EVENTS } from '../chat/audit';
import { DISPLAY_AUDIT_EVENTS } from '../display/audit';
import { FORUM_AUDIT_EVENTS } from '../forum/audit';
import { LIFECYCLE_AUDIT_EVENTS } from '../lifecycle/audit';
import { MODERATION_AUDIT_EVENTS } from '../moderation/audit';
import { MYDATA_AUDIT_EVENTS } from '../mydata/audit';
import { NOTIFICATION_AUDIT_EVENTS } from '../notifications/audit';
import { PAD_AUDIT_EVENTS } from '../pad/audit';
import { SCHOOLYEAR_AUDIT_EVENTS } from '../schoolyear/audit';
import { SPACE_AUDIT_EVENTS } from '../spaces/audit';
import { WALL_AUDIT_EVENTS } from '../wall/audit';

/** Identity, administration and audit events. */
const CORE_AUDIT_EVENTS = [
  // Identity and sessions
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.logout_all',
  'auth.session_revoked',
  'auth.password_changed',
  'auth.compromise_reported',
  // Refused sign-ins to one account, coalesced (one per account per window): its teachers see the attack.
  'auth.login_throttled',
  'auth.sign_in_code_issued',
  // Class sign-in cards (a QR code per pupil): issued by a teacher, revoked when a new one is issued or on demand.
  'auth.sign_in_card_issued',
  'auth.sign_in_card_revoked',
  // Charter
  'charter.accepted',
  'charter.published',
  // Administration
  'user.created',
  'user.imported',
  'user.updated',
  'user.profiles_changed',
  'user.suspended',
  'user.restored',
  'user.password_reset',
  'school.password_change_set',
  'class.created',
  'class.updated',
  'group.created',
  'membership.changed',
  // Reads that are themselves logged
  'admin.read_personal',
  'audit.read',
  'audit.exported',
  'audit.verified',
  // Log retention and pseudonymisation (server/audit/retention.ts, pseudonymise.ts)
  'audit.purged',
  'audit.pseudonymised',
  'audit.retention_changed',
  'content.viewed',
  // Authorization
  'access.denied',
] as const;

/**
 * Every audit event name, as one typed union. Each feature owns its list in `shared/<feature>/audit.ts`, so
 * the audit console and the export can list them all.
 */
export const AUDIT_EVENTS = [
  ...CORE_AUDIT_EVENTS,
  ...SPACE_AUDIT_EVENTS,
  ...WALL_AUDIT_EVENTS,
  ...PAD_AUDIT_EVENTS,
  ...FORUM_AUDIT_EVENTS,
  ...CHAT_AUDIT_EVENTS,
  ...MODERATION_AUDIT_EVENTS,
  ...NOTIFICATION_AUDIT_EVENTS,
  ...DISPLAY_AUDIT_EVENTS,
  ...MYDATA_AUDIT_EVENTS,
  ...SCHOOLYEAR_AUDIT_EVENTS,
  ...LIFECYCLE_AUDIT_EVENTS,
] as const;

export type AuditEventName = (typeof AUDIT_EVENTS)[number];

/**
 * Events about an account that belong in its activity although someone else acted (an attacker refused at
 * sign-in, a teacher who gave a one-time code): a pupil's teachers see what happens to the pupil's account.
 */
export const ACCOUNT_ACTIVITY_EVENTS = ['auth.login_throttled', 'auth.sign_in_code_issued', 'auth.sign_in_card_issued', 'auth.sign_in_card_revoked'] as const satisfies readonly AuditEventName[];

export type AuditOrigin = 'http' | 'socket' | 'collab' | 'job';
export type AuditStatus = 'success' | 'denied' | 'fail';

/** Who did it, as known at the time. */
export interface AuditActor {
  userId: string | null;
  profile: Profile | null;
  /** SHA-256 of the session id, so sessions can be correlated without storing the secret. */
  sessionHash: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditTarget {
  type: string;
  id: string | null;
  /** The user who owns the target (the author of a card, the subject of an account change). */
  ownerId: string | null;
}

export interface AuditContext {
  classId: string | null;
  spaceId: string | null;
}

export interface AuditChange {
  fields: string[];
  beforeHash: string | null;
  afterHash: string | null;
}

/** One entry of the hash-chained log, as stored and as returned to the audit console. */
export interface AuditEntry {
  _id: string;
  schoolId: string;
  seq: number;
  prevHash: string;
  hash: string;
  ts: number;
  actor: AuditActor;
  origin: AuditOrigin;
  event: AuditEventName;
  target: AuditTarget;
  context: AuditContext;
  change: AuditChange | null;
  reason: string | null;
  status: AuditStatus;
  /**
   * HMAC of `hash` with the server's audit key (kept outside the store): an entry rewritten or inserted without
   * the key cannot carry a valid one. Absent on entries written before the key existed.
   */
  mac?: string;
  /**
   * Set on an entry rewritten by pseudonymisation (`server/audit/pseudonymise.ts`): `hash` and `mac` stay the
   * original ones (the chain's links are unchanged), `pseudo.hash` is the hash of the rewritten content and
   * `pseudo.mac` the audit key's HMAC of both hashes, so a rewrite without the key is still found.
   */
  pseudo?: { hash: string; mac: string };
}

/** The chain of events that belong to no school (for example a failed sign-in with an unknown identifier). */
export const SYSTEM_CHAIN = 'system';

/** The hash before the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The result of verifying a chain: see `chain.ts`. */
export type { ChainVerification } from './chain';
