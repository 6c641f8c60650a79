/**
 * The chat's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). Moderators' actions on
 * a message (hide, delete, restore, approve) are the moderation feature's events (`moderation.*`), whichever
 * screen they come from.
 */
export const CHAT_AUDIT_EVENTS = [
  'chat.message_sent',
  'chat.message_edited',
  'chat.message_deleted',
] as const;
