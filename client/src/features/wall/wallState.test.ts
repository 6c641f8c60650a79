import { describe, expect, it } from 'vitest';
import type { WallCard, WallSyncResult } from '../../../../shared/wall/types';
import { emptyWallState, wallReducer } from './wallState';

const card = (id: string, seq: number, title = id): WallCard => ({
  id, spaceId: 's', authorId: 'u', authorName: 'U', authorRole: 'pupil', title, body: null, link: null, attachment: null, color: 'blanc',
  position: { x: 0, y: 0 }, sectionId: null, order: seq, status: 'published', reactions: [], commentCount: 0, version: 1, seq,
  editorName: null, createdAt: 0, updatedAt: 0,
});
const sync = (partial: Partial<WallSyncResult>): WallSyncResult => ({ seq: 0, full: false, cards: [], comments: [], deletedCardIds: [], deletedCommentIds: [], locks: [], actor: null as never, ...partial });

describe('wall state', () => {
  it('keeps the newest version of a card whatever the order events arrive in', () => {
    let state = wallReducer(emptyWallState, { type: 'card', card: card('a', 5, 'new') });
    state = wallReducer(state, { type: 'card', card: card('a', 3, 'old') });
    expect(state.cards.a?.title).toBe('new');
    expect(state.seq).toBe(5);
  });

  it('merges a catch-up, applies deletions, and a full load replaces everything', () => {
    let state = wallReducer(emptyWallState, { type: 'card', card: card('a', 1) });
    state = wallReducer(state, { type: 'card', card: card('b', 2) });
    state = wallReducer(state, { type: 'synced', result: sync({ seq: 9, cards: [card('c', 8)], deletedCardIds: ['a'] }) });
    expect(Object.keys(state.cards).sort()).toEqual(['b', 'c']);
    expect(state.seq).toBe(9);
    state = wallReducer(state, { type: 'synced', result: sync({ seq: 10, full: true, cards: [card('z', 10)] }) });
    expect(Object.keys(state.cards)).toEqual(['z']);
  });
});
