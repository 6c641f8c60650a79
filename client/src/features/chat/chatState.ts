import type { ChatHistoryPage, ChatMe, ChatMessageView, ChatMuteView } from '../../../../shared/chat/types';
import type { ChatKey } from './i18n';
import type { SpaceSummary, SpaceView } from '../../../../shared/spaces/types';

export interface ChatState {
  /** The room, with the viewer's rights in it when the server sent them (`space:join`, `space:updated`). */
  space: SpaceSummary | SpaceView | null;
  me: ChatMe | null;
  /** Sorted by seq: the order everyone sees. */
  messages: ChatMessageView[];
  /** Older messages exist before the first one. */
  hasMore: boolean;
  present: number;
  typing: Record<string, { name: string; at: number }>;
  mutes: ChatMuteView[];
}

export const emptyChatState: ChatState = { space: null, me: null, messages: [], hasMore: false, present: 0, typing: {}, mutes: [] };

export type ChatAction =
  | { type: 'space'; space: SpaceSummary | SpaceView }
  | { type: 'presence'; present: number }
  /**
   * The room joined: on (re)connection its latest page is merged with what the page holds; after the viewer's
   * rights changed (`replace`), it replaces it, so that what a revoked moderator may no longer see goes at once.
   */
  | { type: 'joined'; page: ChatHistoryPage; me: ChatMe; mutes: ChatMuteView[]; replace?: boolean }
  | { type: 'older'; page: ChatHistoryPage }
  | { type: 'newer'; page: ChatHistoryPage }
  | { type: 'message'; message: ChatMessageView }
  | { type: 'typing'; userId: string; name: string; at: number }
  | { type: 'typingExpired'; before: number }
  | { type: 'muted'; mute: { userId: string; userName: string; until: number | null }; selfId: string };

/** Inserts or replaces messages by id, keeping the seq order (whatever order they arrived in). */
export function mergeMessages(current: readonly ChatMessageView[], incoming: readonly ChatMessageView[]): ChatMessageView[] {
  if (incoming.length === 0) return current as ChatMessageView[];
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'space':
      return { ...state, space: action.space };
    case 'presence':
      return { ...state, present: action.present };
    case 'joined': {
      const fresh = state.messages.length === 0 || action.replace === true;
      return {
        ...state,
        me: action.me,
        mutes: action.mutes,
        messages: action.replace ? [...action.page.messages] : mergeMessages(state.messages, action.page.messages),
        hasMore: fresh ? action.page.hasMore : state.hasMore,
      };
    }
    case 'older':
      return { ...state, messages: mergeMessages(state.messages, action.page.messages), hasMore: action.page.hasMore };
    case 'newer':
      return { ...state, messages: mergeMessages(state.messages, action.page.messages) };
    case 'message': {
      // A message's typist has sent it: stop showing them as typing.
      const { [action.message.authorId]: _done, ...typing } = state.typing;
      return { ...state, messages: mergeMessages(state.messages, [action.message]), typing };
    }
    case 'typing':
      return { ...state, typing: { ...state.typing, [action.userId]: { name: action.name, at: action.at } } };
    case 'typingExpired': {
      const typing = Object.fromEntries(Object.entries(state.typing).filter(([, entry]) => entry.at >= action.before));
      return Object.keys(typing).length === Object.keys(state.typing).length ? state : { ...state, typing };
    }
    case 'muted': {
      const { mute } = action;
      const others = state.mutes.filter((item) => item.userId !== mute.userId);
      const mutes = mute.until === null ? others : [...others, { roomId: state.space?.id ?? '', userId: mute.userId, userName: mute.userName, until: mute.until, byName: '' }];
      const me = state.me && mute.userId === action.selfId ? { ...state.me, mutedUntil: mute.until } : state.me;
      return { ...state, mutes, me };
    }
  }
}

/** The last seq this page has seen (for catching up after a reconnection). */
export const lastSeq = (state: ChatState): number => state.messages.at(-1)?.seq ?? 0;

/** What to tell the author of a message the server accepted but holds for review, in words a child understands. */
export function heldNotice(message: ChatMessageView, selfId: string): ChatKey | null {
  if (message.authorId !== selfId) return null;
  if (message.personalInfo) return 'held.personalInfo';
  if (message.status === 'pending') return 'held.preModeration';
  return message.pendingBody !== null ? 'held.change' : null;
}
