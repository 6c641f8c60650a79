import { describe, expect, it } from 'vitest';
import type { ModeratedItemView, ReportView } from '../../../../shared/moderation/types';
import { actionLabelKey, actionPrompt, availableActions, needsReview, pendingWith, reasonOf, reportFromConflict, reportsWithItem, reportsWithoutItem, splitActions, streamWith, STREAM_MAX, withItem, withoutItem, withReport } from './consoleState';

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
  personalInfo: false,
  pendingEdit: false,
  pendingExcerpt: null,
  display: { title: null, body: null, text: 'bonjour', link: null, attachment: null },
  pendingDisplay: null,
  actions: ['hide', 'edit', 'delete', 'mute'],
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
  reporterName: 'Noé Petit',
  status: 'open',
  claimedBy: null,
  claimedByName: null,
  resolution: null,
  version: 1,
  createdAt: 1,
  updatedAt: 1,
  excerpt: 'bonjour',
  itemRemoved: false,
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

  it('offers exactly the actions the server sent with the item, in a stable order, and none on a pad', () => {
    expect(availableActions(item())).toEqual(['hide', 'edit', 'delete', 'mute']);
    expect(availableActions(item({ actions: ['mute', 'delete', 'hide'] }))).toEqual(['hide', 'delete', 'mute']);
    // A pupil moderator on someone else's first publication: approve and nothing else (what the server says).
    expect(availableActions(item({ state: 'pending', actions: ['approve'] }))).toEqual(['approve']);
    // A pupil moderator on an item a teacher hid: the server sends nothing, the console offers nothing.
    expect(availableActions(item({ state: 'hidden', actions: [] }))).toEqual([]);
    // Whatever the state, never more than the server allowed (no approve or restore guessed from the state).
    expect(availableActions(item({ state: 'hidden', actions: ['edit'] }))).toEqual(['edit']);
    expect(availableActions(item({ kind: 'pad', actions: ['hide'] }))).toEqual([]);
    expect(availableActions(null)).toEqual([]);
  });

  it('names approve and reject after the change they decide on an author’s pending edit', () => {
    const edited = item({ pendingEdit: true, pendingExcerpt: 'bonjour à tous', actions: ['approve', 'reject', 'edit', 'delete'] });
    expect(availableActions(edited)).toEqual(['approve', 'edit', 'delete', 'reject']);
    expect(actionLabelKey(edited, 'approve')).toBe('actions.approveEdit');
    expect(actionLabelKey(edited, 'reject')).toBe('actions.reject');
    expect(actionLabelKey(item({ state: 'pending' }), 'approve')).toBe('actions.approve');
    expect(actionLabelKey(edited, 'hide')).toBe('actions.hide');
  });

  it('keeps in « À relire » pending items, items held for personal information, authors’ changes and hidden items', () => {
    expect(needsReview(item({ state: 'pending' }))).toBe(true);
    expect(needsReview(item({ state: 'pending', personalInfo: true }))).toBe(true);
    expect(needsReview(item({ pendingEdit: true, pendingExcerpt: 'nouveau' }))).toBe(true);
    expect(needsReview(item({ state: 'hidden' }))).toBe(true);
    expect(needsReview(item())).toBe(false);
    expect(needsReview(item({ state: 'deleted' }))).toBe(false);
    // An author's change arrives on a published item: it joins the list; once published (or refused), it leaves.
    const list = pendingWith([], item({ pendingEdit: true, pendingExcerpt: 'nouveau', version: 2 }));
    expect(list).toHaveLength(1);
    expect(pendingWith(list, item({ version: 3 }))).toEqual([]);
  });

  it('starts from the report category as the reason, and reads the report out of a lost claim', () => {
    expect(reasonOf('information_personnelle')).toBe('information_personnelle');
    expect(reasonOf(undefined)).toBeNull();
    expect(reportFromConflict(JSON.stringify(report({ status: 'claimed' })))?.status).toBe('claimed');
    expect(reportFromConflict('Report not found')).toBeNull();
  });

  it('shows as buttons only the actions that fit the state, the others in a menu; restore and approve ask no reason code', () => {
    // Published: hide; never restore. Hidden: restore; never hide. Pending: approve.
    expect(splitActions(['hide', 'edit', 'delete', 'mute'])).toEqual({ primary: ['hide'], secondary: ['edit', 'delete', 'mute'] });
    expect(splitActions(['restore', 'edit', 'delete', 'mute'])).toEqual({ primary: ['restore'], secondary: ['edit', 'delete', 'mute'] });
    expect(splitActions(['approve', 'edit', 'delete', 'mute'])).toEqual({ primary: ['approve'], secondary: ['edit', 'delete', 'mute'] });
    // An author's change on a published card: publish it or refuse it first; hiding the card goes in the menu.
    expect(splitActions(['approve', 'hide', 'edit', 'delete', 'reject', 'mute'])).toEqual({ primary: ['approve', 'reject'], secondary: ['hide', 'edit', 'delete', 'mute'] });
    expect(splitActions([])).toEqual({ primary: [], secondary: [] });
    expect(actionPrompt('restore')).toBe('comment');
    expect(actionPrompt('approve')).toBe('none');
    expect(actionPrompt('edit')).toBe('edit');
    for (const action of ['hide', 'delete', 'reject', 'mute'] as const) expect(actionPrompt(action)).toBe('reason');
  });
});

describe('an item withdrawn from a pupil moderator (a teacher hid it, or it is held for personal information)', () => {
  it('leaves the stream, the review list and its reports, which keep nothing of it', () => {
    const other = item({ id: 'm2' });
    expect(withoutItem([item(), other], item())).toEqual([other]);
    const list = [other];
    expect(withoutItem(list, item())).toBe(list);
    const [dropped] = reportsWithoutItem([report({ item: item(), excerpt: 'bonjour', quote: 'bonjour' })], item());
    expect(dropped).toMatchObject({ item: null, excerpt: '', quote: '', itemRemoved: true });
  });
});
