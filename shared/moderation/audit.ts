/** Moderation's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const MODERATION_AUDIT_EVENTS = [
  'report.created',
  'moderation.claim',
  'moderation.approve',
  'moderation.hide',
  'moderation.restore',
  'moderation.edit',
  'moderation.delete',
  'moderation.reject',
  /** A user muted in a space, from any screen (chat, pad, console): the one mute event. */
  'moderation.mute',
  'moderation.unmute',
  'moderation.dismiss',
  'moderation.designated',
  'moderation.revoked',
  'activity.read',
  'evidence.read',
  'evidence.purged',
  'moderation.settings_changed',
] as const;
