import { z } from 'zod';
import type { Profile } from '../identity/profiles';
import { REASON_CODES } from '../moderation/types';
import type { PiiKind } from '../pii/detect';
import type { SpaceView } from '../spaces/types';
import { CHAT_MESSAGE_MAX_CHARS, CHAT_MUTE_MAX_MINUTES } from './limits';

const Id = z.string().min(1).max(64);

/** A message's life: published, waiting for a moderator (pre-moderation), hidden or deleted. */
export const CHAT_MESSAGE_STATUSES = ['published', 'pending', 'hidden', 'deleted'] as const;
export type ChatMessageStatus = (typeof CHAT_MESSAGE_STATUSES)[number];

/**
 * A message as one viewer receives it. Pupils and parents get removed messages with `body: null` (shown as
 * « message supprimé par un modérateur »); moderators get the original text, the status telling them it is
 * removed, and the personal information found in it. A message waiting for review (pre-moderation, or held by
 * the personal-information guard) only reaches its author and the moderators; so does an author's change of a
 * published message waiting for review (`pendingBody`): everyone else keeps the published `body`.
 */
export interface ChatMessageView {
  id: string;
  roomId: string;
  /** Increases with every message of the room: the order everyone sees and the history cursor. */
  seq: number;
  /** The sender's idempotency key, so a client recognises its own queued message. */
  key: string;
  authorId: string;
  authorName: string;
  authorRole: Profile | null;
  body: string | null;
  status: ChatMessageStatus;
  /** Who removed a hidden or deleted message. */
  removedBy: 'author' | 'moderator' | null;
  edited: boolean;
  createdAt: number;
  editedAt: number | null;
  /** Moderators only (empty for others): the kinds of personal information the message seems to contain. */
  pii: PiiKind[];
  /** Its author and the moderators only (null for others): the author's change waiting for review. */
  pendingBody: string | null;
  /**
   * Its author and the moderators only (false for others): what waits for review (the message, or its pending
   * change) seems to hold personal information, and only a teacher may publish it.
   */
  personalInfo: boolean;
  /** Written by someone who runs the room (its teachers, the director): never muted from it. */
  authorRunsRoom: boolean;
}

/** A muted user of a room, as moderators see it. */
export interface ChatMuteView {
  roomId: string;
  userId: string;
  userName: string;
  until: number;
  byName: string;
}

/** A chat room in the list: the space with the viewer's rights, and whether it is its class's room. */
export interface ChatRoomSummary extends SpaceView {
  classRoom: boolean;
}

/**
 * What a viewer learns about themselves on joining a room: their rights in it, each decided by the policy table
 * on the server (the client shows actions from these, never from profile names).
 */
export interface ChatMe {
  /** `moderate`: sees originals, hides and approves first publications (teachers, the director, pupil moderators). */
  moderator: boolean;
  /** `configure`: also deletes, restores, rejects, mutes and sets the room; never held back by hours or slow mode. */
  configurer: boolean;
  /** `comment`: may post at all, open hours aside. */
  mayPost: boolean;
  /**
   * What they send that seems to hold personal information waits for a teacher's review (a pupil's): the client
   * warns them so; an adult is warned that it will be published as written.
   */
  personalInfoHeld: boolean;
  mutedUntil: number | null;
  /** When their last message was sent (for the slow-mode countdown). */
  lastSentAt: number | null;
}

export const ChatBodySchema = z.string().trim().min(1).max(CHAT_MESSAGE_MAX_CHARS);
export const ChatRoomRef = { roomId: Id };

export const ChatSendSchema = z.object({ ...ChatRoomRef, key: z.uuid(), body: ChatBodySchema }).strict();
export const ChatEditSchema = z.object({ ...ChatRoomRef, messageId: Id, body: ChatBodySchema }).strict();
export const ChatMessageRefSchema = z.object({ ...ChatRoomRef, messageId: Id }).strict();
/** The moderation actions of the chat's own menu: `reject` drops an author's change waiting for review. */
export const CHAT_MODERATION_ACTIONS = ['hide', 'delete', 'restore', 'approve', 'reject'] as const;
export type ChatModerationAction = (typeof CHAT_MODERATION_ACTIONS)[number];
/** A moderation action from the chat's own menu: it goes through the moderation feature (evidence, notice to the author). */
export const ChatModerateSchema = z
  .object({ ...ChatRoomRef, messageId: Id, action: z.enum(CHAT_MODERATION_ACTIONS), reasonCode: z.enum(REASON_CODES).default('autre') })
  .strict();
/** A mute is the moderation feature's mute of a user in a space (one store, whichever screen set it). */
export const ChatMuteSchema = z
  .object({ ...ChatRoomRef, userId: Id, minutes: z.number().int().min(1).max(CHAT_MUTE_MAX_MINUTES), reasonCode: z.enum(REASON_CODES).default('autre') })
  .strict();
export const ChatUnmuteSchema = z.object({ ...ChatRoomRef, userId: Id }).strict();
export const ChatHistorySchema = z
  .object({ ...ChatRoomRef, before: z.number().int().positive().optional(), after: z.number().int().nonnegative().optional() })
  .strict()
  .refine((query) => query.before === undefined || query.after === undefined, { message: 'before or after, not both' });
export const ChatRoomOnlySchema = z.object({ ...ChatRoomRef }).strict();

/** A page of history, oldest first. */
export interface ChatHistoryPage {
  messages: ChatMessageView[];
  /** Older messages exist before the first one (for `before` pages and the first page). */
  hasMore: boolean;
}
