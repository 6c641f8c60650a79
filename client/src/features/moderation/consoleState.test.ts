import { describe, expect, it } from 'vitest';
import type { ModeratedItemView, ReportView } from '../../../../shared/moderation/types';
import { availableActions, pendingWith, reasonOf, reportFromConflict, reportsWithItem, streamWith, STREAM_MAX, withItem, withReport } from './consoleState';

const item = (patch: Partial<ModeratedItemView> = {}): ModeratedItemView => ({
  kind: 'chatMessage',
  id: 'm1',
  spaceId: 's1',
  classId: 'c1',
  authorId: 'u1',
  authorName: 'Léa Martin',
  state: 'visible',
  version: 1,
  excerpt: 'bonjour',
  createdAt: 1,
  ...patch,
});

const report = (patch: Partial<ReportView> = {}): ReportView => ({
  id: 'r1',
  kind: 'chatMessage',
  itemId: 'm1',
  spaceId: 's1',
  classId: 'c1',
  category: 'insulte',
  text: '',
  quote: '',
  reporterId: 'u2',
  status: 'open',
  claimedBy: null,
  claimedByName: null,
  resolution: null,
  version: 1,
  createdAt: 1,
  updatedAt: 1,
  item: item(),
  ...patch,
});

describe('console state', () => {
  it('replaces an item in place with a newer view, never with an older one, and adds new ones first', () => {
    const list = [item({ id: 'm0' }), item()];
    expect(withItem(list, item({ version: 2, state: 'hidden' }))[1]).toMatchObject({ version: 2, state: 'hidden' });
    const newer = withItem(list, item({ version: 3 }));
    expect(withItem(newer, item({ version: 2 }))).toBe(newer);
    expect(withItem(list, item({ id: 'm2' }))[0]!.id).toBe('m2');
    // A pad shares its id with its space: kinds tell items apart.
    expect(withItem([item({ kind: 'pad', id: 's1' })], item({ id: 's1' }))).toHaveLength(2);
  });

  it('keeps the stream capped and the pending list to pending items', () => {
    let stream: ModeratedItemView[] = [];
    for (let index = 0; index < STREAM_MAX + 5; index++) stream = streamWith(stream, item({ id: `m${index}` }));
    expect(stream).toHaveLength(STREAM_MAX);
    expect(stream[0]!.id).toBe(`m${STREAM_MAX + 4}`);
    const pending = pendingWith([], item({ state: 'pending' }));
    expect(pending).toHaveLength(1);
    expect(pendingWith(pending, item({ state: 'visible', version: 2 }))).toEqual([]);
    // Hidden pending review: a teacher still has to decide (restore or delete).
    const hidden = pendingWith([], item({ state: 'hidden' }));
    expect(hidden).toHaveLength(1);
    expect(pendingWith(hidden, item({ state: 'deleted', version: 2 }))).toEqual([]);
  });

  it('updates the item a report carries, so the next action sends the current version', () => {
    const reports = [report(), report({ id: 'r2', itemId: 'other' })];
    const next = reportsWithItem(reports, item({ version: 4, state: 'hidden' }));
    expect(next[0]!.item).toMatchObject({ version: 4, state: 'hidden' });
    expect(next[1]).toBe(reports[1]);
    expect(reportsWithItem(next, item({ version: 2 }))).toBe(next);
    expect(withReport([report({ version: 3 })], report({ version: 2 }))[0]!.version).toBe(3);
  });

  it('offers only the actions that make sense for the state and that the moderator may take', () => {
    expect(availableActions(item(), true)).toEqual(['hide', 'edit', 'delete', 'mute']);
    expect(availableActions(item({ state: 'hidden' }), true)).toEqual(['restore', 'edit', 'delete', 'mute']);
    expect(availableActions(item({ state: 'deleted' }), true)).toEqual(['restore', 'mute']);
    expect(availableActions(item({ state: 'pending' }), false)).toEqual(['approve', 'hide']);
    expect(availableActions(item({ state: 'hidden' }), false)).toEqual([]);
    expect(availableActions(item({ authorId: null }), true)).not.toContain('mute');
    expect(availableActions(item({ kind: 'pad' }), true)).toEqual([]);
    expect(availableActions(null, true)).toEqual([]);
  });

  it('starts from the report category as the reason, and reads the report out of a lost claim', () => {
    expect(reasonOf('information_personnelle')).toBe('information_personnelle');
    expect(reasonOf(undefined)).toBeNull();
    expect(reportFromConflict(JSON.stringify(report({ status: 'claimed' })))?.status).toBe('claimed');
    expect(reportFromConflict('Report not found')).toBeNull();
  });
});
