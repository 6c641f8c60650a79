/** The wall's audit event names (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const WALL_AUDIT_EVENTS = [
  'wall.card_created',
  'wall.card_edited',
  'wall.card_moved',
  'wall.card_deleted',
  'wall.card_reacted',
  'wall.card_approved',
  'wall.comment_created',
  'wall.comment_deleted',
  'wall.file_uploaded',
  'wall.exported',
  'wall.sections_reordered',
  'wall.card_pinned',
  'wall.card_unpinned',
] as const;
