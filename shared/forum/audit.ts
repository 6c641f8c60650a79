/**
 * The forum's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). Moderators' actions
 * on a post (hide, delete, restore, approve) are the moderation feature's events (`moderation.*`).
 */
export const FORUM_AUDIT_EVENTS = [
  'forum.topic_created',
  'forum.post_created',
  'forum.post_edited',
  'forum.topic_updated',
] as const;
