import type { SpaceView } from '../../../../shared/spaces/types';
import type { WallChange } from '../../../../shared/wall/events';
import { wallRightsFrom, type WallRights } from '../../../../shared/wall/policy';
import { wallSettingsOf } from '../../../../shared/wall/settings';
import type { WallCard, WallComment, WallLock, WallSyncResult } from '../../../../shared/wall/types';

/** Everything the wall page shows, kept up to date by the live connection. */
export interface WallState {
  /** The wall with the viewer's space rights, as the server sent it (`space:join`, `space:updated`). */
  space: SpaceView | null;
  /**
   * What the viewer may do, decided on the server: sent with `wall:sync`, then recomputed (the same shared
   * function) from the space rights each `space:updated` carries. Never derived from profile names.
   */
  rights: WallRights | null;
  cards: Record<string, WallCard>;
  comments: Record<string, WallComment>;
  locks: Record<string, WallLock>;
  present: number;
  /** The highest operation number seen: a reconnection asks for what came after it. */
  seq: number;
  /** Until when a moderator muted the viewer here (sent with `wall:sync`, read again on `rights:changed`), or null. */
  mutedUntil: number | null;
}

export const emptyWallState: WallState = { space: null, rights: null, cards: {}, comments: {}, locks: {}, present: 0, seq: 0, mutedUntil: null };

export type WallAction =
  | { type: 'joined'; space: SpaceView; present: number }
  | { type: 'synced'; result: WallSyncResult }
  | { type: 'card'; card: WallCard }
  | { type: 'cardDeleted'; cardId: string; seq: number }
  | { type: 'comment'; comment: WallComment }
  | { type: 'commentDeleted'; commentId: string; seq: number }
  | { type: 'lock'; lock: WallLock }
  | { type: 'space'; space: SpaceView }
  | { type: 'presence'; present: number }
  /** Several live changes that came in one frame (`wall:changes`), applied in order. */
  | { type: 'changes'; actions: WallAction[] }
  | { type: 'localMove'; cardId: string; changes: Partial<Pick<WallCard, 'position' | 'sectionId' | 'order'>> };

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** The viewer's wall rights after the space changed (its settings, or their rights in it). */
function rightsWith(state: WallState, space: SpaceView): WallRights | null {
  return state.rights ? wallRightsFrom(state.rights.userId, space.rights, wallSettingsOf(space.settings), state.rights.guarded, state.rights.export, space.archived) : null;
}

/** What one live change (its own event, or an entry of `wall:changes`) does to the wall. */
export function changeAction(change: WallChange): WallAction {
  switch (change.event) {
    case 'wall:card':
      return { type: 'card', card: change.data };
    case 'wall:cardDeleted':
      return { type: 'cardDeleted', cardId: change.data.cardId, seq: change.data.seq };
    case 'wall:comment':
      return { type: 'comment', comment: change.data };
    case 'wall:commentDeleted':
      return { type: 'commentDeleted', commentId: change.data.commentId, seq: change.data.seq };
  }
}

/** Applies one event. Replays are harmless: a card is replaced only by one at least as new (by seq). */
export function wallReducer(state: WallState, action: WallAction): WallState {
  switch (action.type) {
    case 'joined':
      return { ...state, space: action.space, rights: rightsWith(state, action.space), present: action.present };
    case 'synced': {
      const { result } = action;
      const cards = result.full ? {} : { ...state.cards };
      const comments = result.full ? {} : { ...state.comments };
      for (const card of result.cards) if (!cards[card.id] || cards[card.id]!.seq <= card.seq) cards[card.id] = card;
      for (const comment of result.comments) comments[comment.id] = comment;
      for (const id of result.deletedCardIds) delete cards[id];
      for (const id of result.deletedCommentIds) delete comments[id];
      for (const [id, comment] of Object.entries(comments)) if (!cards[comment.cardId]) delete comments[id];
      const locks: Record<string, WallLock> = {};
      for (const lock of result.locks) if (lock.holder) locks[lock.cardId] = lock;
      return { ...state, cards, comments, locks, rights: result.rights, mutedUntil: result.mutedUntil, seq: Math.max(state.seq, result.seq) };
    }
    case 'card': {
      const current = state.cards[action.card.id];
      if (current && current.seq > action.card.seq) return state;
      return { ...state, cards: { ...state.cards, [action.card.id]: action.card }, seq: Math.max(state.seq, action.card.seq) };
    }
    case 'cardDeleted': {
      const comments = Object.fromEntries(Object.entries(state.comments).filter(([, comment]) => comment.cardId !== action.cardId));
      return { ...state, cards: withoutKey(state.cards, action.cardId), comments, locks: withoutKey(state.locks, action.cardId), seq: Math.max(state.seq, action.seq) };
    }
    case 'comment':
      return { ...state, comments: { ...state.comments, [action.comment.id]: action.comment }, seq: Math.max(state.seq, action.comment.seq) };
    case 'commentDeleted':
      return { ...state, comments: withoutKey(state.comments, action.commentId), seq: Math.max(state.seq, action.seq) };
    case 'lock':
      return { ...state, locks: action.lock.holder ? { ...state.locks, [action.lock.cardId]: action.lock } : withoutKey(state.locks, action.lock.cardId) };
    case 'space':
      if (state.space && (state.space.id !== action.space.id || state.space.version > action.space.version)) return state;
      return { ...state, space: action.space, rights: rightsWith(state, action.space) };
    case 'presence':
      return { ...state, present: action.present };
    case 'changes':
      return action.actions.reduce(wallReducer, state);
    case 'localMove': {
      const card = state.cards[action.cardId];
      if (!card) return state;
      return { ...state, cards: { ...state.cards, [card.id]: { ...card, ...action.changes } } };
    }
  }
}
