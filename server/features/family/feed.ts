import type { AuditEntry } from '../../../shared/audit/events';
import { FAMILY_FEED_MAX_ENTRIES, FAMILY_FEED_MAX_EVENTS, FAMILY_FEED_MAX_PAD_EVENTS } from '../../../shared/family/limits';
import type { FeedEntry, FeedSpaceSummary, WeekFeed } from '../../../shared/family/types';
import { weekBefore } from '../../../shared/family/week';
import type { ServerContext } from '../../context';
import { displayNamesOf } from '../directory/queries';
import type { Filter } from '../../storage/port';
import type { SpaceDoc } from '../spaces/model';
import { FEED_EVENTS, ITEM_EVENTS, PAD_EVENT, itemEntry, type FeedReader } from './entries';
import { padEntries } from './pads';

/** The audit filter of the contributions made in these spaces (the log's index on space and time serves it). */
function contributions(schoolId: string, spaceIds: string[], range: { $gte?: number; $lt: number }, events: readonly string[] = FEED_EVENTS): Filter {
  return { schoolId, 'context.spaceId': { $in: spaceIds }, event: { $in: [...events] }, status: 'success', ts: range };
}

/**
 * One week's page of contributions in these spaces (Monday 00:00 to the next, Paris time, holding the instant just
 * before `before`), newest first, as the reader may read each of them now. The audit log is the index of who did
 * what, where and when; each item is then loaded through its feature and asked `canReadItem` for the reader.
 */
export async function weekFeed(ctx: ServerContext, reader: FeedReader, spaces: readonly SpaceDoc[], before: number): Promise<{ feed: WeekFeed; all: FeedEntry[] }> {
  const week = weekBefore(before);
  const end = Math.min(week.end, before);
  const schoolId = reader.actor.schoolId;
  const bySpace = new Map(spaces.map((space) => [space._id, space]));
  const spaceIds = [...bySpace.keys()];
  if (spaceIds.length === 0) return { feed: { weekStart: week.start, weekEnd: week.end, entries: [], spaces: [], truncated: false, nextBefore: null }, all: [] };

  const { audit } = ctx.services;
  const range = { $gte: week.start, $lt: end };
  const [created, edited] = await Promise.all([
    audit.find(contributions(schoolId, spaceIds, range, ITEM_EVENTS), { limit: FAMILY_FEED_MAX_EVENTS + 1 }),
    audit.find(contributions(schoolId, spaceIds, range, [PAD_EVENT]), { limit: FAMILY_FEED_MAX_PAD_EVENTS + 1 }),
  ]);
  let truncated = created.length > FAMILY_FEED_MAX_EVENTS || edited.length > FAMILY_FEED_MAX_PAD_EVENTS;

  // Each item is loaded and asked about on its own; the reads run together, the order is the log's.
  const resolved = await Promise.all(
    created.slice(0, FAMILY_FEED_MAX_EVENTS).map((event) => {
      const space = event.context.spaceId ? bySpace.get(event.context.spaceId) : undefined;
      return space ? itemEntry(ctx, reader, event, space) : null;
    }),
  );
  const entries: FeedEntry[] = resolved.filter((entry): entry is FeedEntry => entry !== null);
  const padEvents = new Map<string, AuditEntry[]>();
  for (const event of edited.slice(0, FAMILY_FEED_MAX_PAD_EVENTS)) {
    const space = event.context.spaceId ? bySpace.get(event.context.spaceId) : undefined;
    if (space) padEvents.set(space._id, [...(padEvents.get(space._id) ?? []), event]);
  }
  const padAuthors = [...padEvents.values()].flat().map((event) => event.actor.userId).filter((id): id is string => id !== null);
  const names = await displayNamesOf(ctx, schoolId, padAuthors);
  for (const [spaceId, padWeek] of padEvents) entries.push(...(await padEntries(ctx, reader, bySpace.get(spaceId)!, padWeek, names)));

  entries.sort((a, b) => b.at - a.at);
  if (entries.length > FAMILY_FEED_MAX_ENTRIES) truncated = true;
  const page = entries.slice(0, FAMILY_FEED_MAX_ENTRIES);

  const counts = new Map<string, FeedSpaceSummary>();
  for (const entry of entries) {
    const summary = counts.get(entry.space.id) ?? { space: entry.space, count: 0 };
    summary.count += 1;
    counts.set(entry.space.id, summary);
  }
  // An earlier page exists when anything was contributed in these spaces before this week (what the reader may
  // read of it is decided when that page is asked for).
  const earlier = await audit.find(contributions(schoolId, spaceIds, { $lt: week.start }), { limit: 1 });
  const feed: WeekFeed = {
    weekStart: week.start,
    weekEnd: week.end,
    entries: page,
    spaces: [...counts.values()].sort((a, b) => b.count - a.count || a.space.title.localeCompare(b.space.title, 'fr')),
    truncated,
    nextBefore: earlier.length > 0 ? week.start : null,
  };
  return { feed, all: entries };
}
