import type { AuditEntry } from '../../../shared/audit/events';
import type { FeedEntry } from '../../../shared/family/types';
import { AuthorIndex, authoredRuns, padTextRuns } from '../../../shared/pad/authorship';
import { PadSettingsSchema } from '../../../shared/pad/settings';
import { can, canReadItem } from '../../../shared/policy/can';
import { padRuntimeOf } from '../../../collab/pad/runtime';
import type { ServerContext } from '../../context';
import { moderationAdapter } from '../moderation/adapters';
import { itemResource } from '../moderation/items';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { excerptOf, type FeedReader } from './entries';

/** Whether the reader may see who wrote what in this pad (its `authorsVisibleTo` setting, as the pad page asks it). */
function seesAuthors(reader: FeedReader, pad: SpaceDoc): boolean {
  const action = PadSettingsSchema.parse(pad.settings).authorsVisibleTo === 'moderators' ? 'moderate' : 'read';
  return can(reader.actor, action, spaceResource(pad));
}

/**
 * The passages each of these authors wrote in the pad as it is now, from the server's attribution (the ranges of
 * Yjs items each connection was credited with): what was redacted or deleted since is no longer there.
 */
async function passagesOf(ctx: ServerContext, pad: SpaceDoc, authorIds: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set(authorIds);
  return padRuntimeOf(ctx).withPad(pad._id, (document) => {
    const users = [...document.attribution.users];
    const index = new AuthorIndex({ authors: users.map((id) => ({ id, name: '', color: '' })), ranges: document.attribution.toFlat() });
    const texts = new Map<string, string[]>();
    for (const text of padTextRuns(document.doc)) {
      for (const run of authoredRuns(text, index)) {
        if (!run.author || !wanted.has(run.author.id)) continue;
        texts.set(run.author.id, [...(texts.get(run.author.id) ?? []), run.text]);
      }
    }
    return new Map([...texts].map(([id, runs]) => [id, runs.join(' ')]));
  });
}

/**
 * A pad's week (its `pad.edited` events, newest first): one entry per author when the reader may see the pad's
 * authors (the passages of the child, or of a pupil of the class, as the excerpt), otherwise one entry for the pad
 * with no name. Nothing when the reader may not read the pad.
 */
export async function padEntries(ctx: ServerContext, reader: FeedReader, pad: SpaceDoc, events: readonly AuditEntry[], names: ReadonlyMap<string, string>): Promise<FeedEntry[]> {
  const item = await moderationAdapter('pad')?.load(ctx, pad, pad._id);
  if (!item || events.length === 0 || !canReadItem(reader.actor, itemResource(pad, item))) return [];
  const space = { id: pad._id, title: pad.title, kind: pad.kind };
  const base = { kind: 'pad' as const, space, itemId: pad._id, cardId: null, topicId: null, title: pad.title, pictureUrl: null, state: 'visible' as const };
  if (!seesAuthors(reader, pad)) {
    return [{ ...base, authorId: null, authorName: null, byChild: false, byTeacher: false, excerpt: null, at: events[0]!.ts }];
  }
  // The newest edit of each author, in the order of the events (newest first).
  const latest = new Map<string, AuditEntry>();
  for (const event of events) if (event.actor.userId && !latest.has(event.actor.userId)) latest.set(event.actor.userId, event);
  const subjects = [...latest.keys()].filter((id) => reader.subjectIds.has(id));
  const passages = subjects.length > 0 ? await passagesOf(ctx, pad, subjects) : new Map<string, string>();
  return [...latest].map(([authorId, event]) => ({
    ...base,
    authorId,
    authorName: names.get(authorId) ?? null,
    byChild: reader.subjectIds.has(authorId),
    byTeacher: event.actor.profile === 'teacher' || event.actor.profile === 'director',
    excerpt: reader.subjectIds.has(authorId) ? excerptOf(passages.get(authorId) ?? '') : null,
    at: event.ts,
  }));
}
