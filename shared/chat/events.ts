import {
  ChatEditSchema,
  ChatHistorySchema,
  ChatMessageRefSchema,
  ChatModerateSchema,
  ChatMuteSchema,
  ChatRoomOnlySchema,
  ChatSendSchema,
  ChatUnmuteSchema,
  type ChatHistoryPage,
  type ChatMe,
  type ChatMessageView,
  type ChatMuteView,
} from './types';

/** Client-to-server chat events (each validated by the gateway before its handler runs). */
export const chatClientEvents = {
  /** Enter a room (after `space:join`): the latest page, what the viewer may do, the mutes for moderators. */
  'chat:join': ChatRoomOnlySchema,
  /** A page of history: `before` a seq (infinite scroll up) or `after` one (catching up after a reconnection). */
  'chat:history': ChatHistorySchema,
  /** Send a message; `key` (a UUID made by the client) makes a retried send return the stored message. */
  'chat:send': ChatSendSchema,
  /** The author edits their message within the room's edit window. */
  'chat:edit': ChatEditSchema,
  /** The author deletes their message within the room's edit window. */
  'chat:delete': ChatMessageRefSchema,
  /** A moderator hides, deletes, restores or approves any message. */
  'chat:moderate': ChatModerateSchema,
  /** A moderator mutes a user in the room for a number of minutes. */
  'chat:mute': ChatMuteSchema,
  'chat:unmute': ChatUnmuteSchema,
  /** "is typing": relayed to the room, throttled, never stored. */
  'chat:typing': ChatRoomOnlySchema,
} as const;

export interface ChatClientResults {
  'chat:join': ChatHistoryPage & { me: ChatMe; mutes: ChatMuteView[] };
  'chat:history': ChatHistoryPage;
  'chat:send': { message: ChatMessageView; duplicate: boolean };
  'chat:edit': { message: ChatMessageView };
  'chat:delete': { message: ChatMessageView };
  'chat:moderate': { message: ChatMessageView };
  'chat:mute': { mute: ChatMuteView };
  'chat:unmute': { userId: string };
  'chat:typing': { relayed: boolean };
}

export interface ChatServerEvents {
  /** A new message in a room the socket joined (pending ones only reach moderators and their author). */
  'chat:message': (message: ChatMessageView) => void;
  /** A message was edited, removed, restored or approved: replace it by seq. */
  'chat:updated': (message: ChatMessageView) => void;
  /** Someone is typing (never sent back to the typist's own sockets in that room). */
  'chat:typing': (typing: { roomId: string; userId: string; name: string }) => void;
  /** A user was muted (`until`) or unmuted (`until: null`): sent to them and to the room's moderators. */
  'chat:muted': (mute: { roomId: string; userId: string; userName: string; until: number | null }) => void;
}
