import { AUDIT_EVENTS, type AuditEventName } from '../../../../shared/audit/events';

/** The families the event list is grouped by in the console's filter. */
export const EVENT_GROUPS = ['access', 'charter', 'admin', 'reads', 'spaces', 'wall', 'pad', 'forum', 'chat', 'moderation', 'other'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

/** An event's family, from the feature prefix of its name (`wall.card_created` → `wall`). */
const GROUP_OF_PREFIX: Record<string, EventGroup> = {
  auth: 'access',
  access: 'access',
  charter: 'charter',
  user: 'admin',
  class: 'admin',
  school: 'admin',
  group: 'admin',
  membership: 'admin',
  admin: 'reads',
  audit: 'reads',
  activity: 'reads',
  evidence: 'reads',
  content: 'reads',
  space: 'spaces',
  wall: 'wall',
  pad: 'pad',
  forum: 'forum',
  chat: 'chat',
  report: 'moderation',
  moderation: 'moderation',
};

/** The family of an event; a prefix nobody mapped yet lands in `other` rather than disappearing. */
export function eventGroup(event: string): EventGroup {
  return GROUP_OF_PREFIX[event.split('.')[0] ?? ''] ?? 'other';
}

/** Every event, grouped by family in the order of EVENT_GROUPS, each family in the order of AUDIT_EVENTS. */
export function groupedEvents(events: readonly AuditEventName[] = AUDIT_EVENTS): { group: EventGroup; events: AuditEventName[] }[] {
  return EVENT_GROUPS.map((group) => ({ group, events: events.filter((event) => eventGroup(event) === group) })).filter(
    (entry) => entry.events.length > 0,
  );
}
