import { describe, expect, it } from 'vitest';
import type { SpaceRights, SpaceView } from '../../../../shared/spaces/types';
import { wallRightsFrom } from '../../../../shared/wall/policy';
import { WallSettingsSchema } from '../../../../shared/wall/settings';
import type { WallCard, WallSyncResult } from '../../../../shared/wall/types';
import { changeAction, emptyWallState, wallReducer } from './wallState';

const card = (id: string, seq: number, title = id): WallCard => ({
  id, spaceId: 's', authorId: 'u', authorName: 'U', authorRole: 'pupil', title, body: null, link: null, attachment: null, color: 'blanc',
  position: { x: 0, y: 0 }, sectionId: null, order: seq, status: 'published', reactions: [], commentCount: 0, version: 1, seq,
  editorName: null, createdAt: 0, updatedAt: 0,
});
const pupilModerator: SpaceRights = { read: true, comment: true, write: true, moderate: true, configure: false };
const rights = wallRightsFrom('m', pupilModerator, WallSettingsSchema.parse({}), true);
const sync = (partial: Partial<WallSyncResult>): WallSyncResult => ({ seq: 0, full: false, cards: [], comments: [], deletedCardIds: [], deletedCommentIds: [], locks: [], rights, mutedUntil: null, ...partial });
const space = (version: number, spaceRights: SpaceRights, settings: Record<string, unknown> = {}): SpaceView => ({
  id: 's', kind: 'wall', title: 'Mur', scope: { kind: 'class', classId: 'ce2' }, ownerId: 't', ownerName: 'T', writers: 'everyone', writerIds: [],
  parentsMayComment: false, locked: false, moderatorIds: [], archived: false, coOwnerIds: [], deletedAt: null, settings, createdAt: 0, updatedAt: 0, version, rights: spaceRights,
});

describe('wall state', () => {
  it('keeps the newest version of a card whatever the order events arrive in', () => {
    let state = wallReducer(emptyWallState, { type: 'card', card: card('a', 5, 'new') });
    state = wallReducer(state, { type: 'card', card: card('a', 3, 'old') });
    expect(state.cards.a?.title).toBe('new');
    expect(state.seq).toBe(5);
  });

  it('applies the entries of one `wall:changes` frame in order, as if each had come alone', () => {
    const frame = [
      { event: 'wall:card', data: card('a', 1, 'first') },
      { event: 'wall:card', data: card('b', 2) },
      { event: 'wall:card', data: card('a', 3, 'moved') },
      { event: 'wall:cardDeleted', data: { spaceId: 's', cardId: 'b', seq: 4 } },
    ] as const;
    const state = wallReducer(emptyWallState, { type: 'changes', actions: frame.map(changeAction) });
    expect(state).toEqual(frame.map(changeAction).reduce(wallReducer, emptyWallState));
    expect(Object.values(state.cards).map((kept) => kept.title)).toEqual(['moved']);
    expect(state.seq).toBe(4);
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

  it('takes the rights the server sent, and follows the space rights each update carries (a revoked moderator loses moderation at once)', () => {
    let state = wallReducer(emptyWallState, { type: 'joined', space: space(1, pupilModerator), present: 1 });
    expect(state.rights).toBeNull();
    state = wallReducer(state, { type: 'synced', result: sync({ seq: 1, full: true }) });
    expect(state.rights).toMatchObject({ userId: 'm', moderate: true, configure: false, guarded: true });
    state = wallReducer(state, { type: 'space', space: space(2, { ...pupilModerator, moderate: false }, { whoCanPost: 'closed' }) });
    expect(state.rights).toMatchObject({ userId: 'm', moderate: false, configure: false, post: false, guarded: true });
    // An older update arriving late changes nothing.
    state = wallReducer(state, { type: 'space', space: space(1, pupilModerator) });
    expect(state.rights?.moderate).toBe(false);
  });
});

