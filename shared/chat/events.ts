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
  /**
   * The author edits their message within the room's edit window. In a pre-moderated room (for an author who does
   * not run it), or when a pupil's text seems to hold personal information, the change waits for review
   * (`pendingBody`): everyone else keeps the published text.
   */
  'chat:edit': ChatEditSchema,
  /** The author deletes their message within the room's edit window. */
  'chat:delete': ChatMessageRefSchema,
  /**
   * A moderator acts on a message from the chat's menu: hide, delete, restore, approve, or reject an author's
   * change. The exact action is asked of the policy table on the message itself (a pupil moderator only hides
   * someone else's published message and approves someone else's first publication).
   */
  'chat:moderate': ChatModerateSchema,
  /** Those who run the room (its teachers, the director) mute a user in it for a number of minutes. */
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
  /** A new message in a room the socket joined (one waiting for review only reaches the moderators and its author). */
  'chat:message': (message: ChatMessageView) => void;
  /** A message was edited, removed, restored, approved or its change rejected: replace it by id. */
  'chat:updated': (message: ChatMessageView) => void;
  /** Someone is typing (never sent back to the typist's own sockets in that room). */
  'chat:typing': (typing: { roomId: string; userId: string; name: string }) => void;
  /** A user was muted (`until`) or unmuted (`until: null`): sent to them and to the room's moderators. */
  'chat:muted': (mute: { roomId: string; userId: string; userName: string; until: number | null }) => void;
}
