import type { Actor } from '../policy/actor';
import { can } from '../policy/can';
import type { SpaceResource } from '../policy/resources';
import { actionApplies } from '../moderation/transitions';
import type { ItemState } from '../moderation/types';
import type { PiiKind } from '../pii/detect';
import { guardedAuthor, personalInfoHold } from '../pii/guard';
import type { SpaceRights } from '../spaces/types';
import { chatIsOpen } from './hours';
import type { ChatSettings } from './settings';
import { CHAT_MODERATION_ACTIONS, type ChatMessageStatus, type ChatMessageView, type ChatModerationAction } from './types';

/**
 * What the chat's per-item rules need to know about a room: its policy resource (which carries the room's pupil
 * moderators as stored now, so a designation or a revocation counts at once) and its settings.
 */
export interface ChatRoomFacts {
  resource: SpaceResource;
  settings: ChatSettings;
}

/** Teachers of the scope, the director, and the room's designated pupil moderators (`moderate`). */
export function isChatModerator(actor: Actor | null, room: ChatRoomFacts): boolean {
  return can(actor, 'moderate', room.resource);
}

/** Teachers of the scope and the director (`configure`): settings, mutes, every moderation action. */
export function isChatConfigurer(actor: Actor | null, room: ChatRoomFacts): boolean {
  return can(actor, 'configure', room.resource);
}

/** Whether the actor may post in the room at all (its writers setting, a lock, parents' comments). */
export function mayPostInChat(actor: Actor | null, room: ChatRoomFacts): boolean {
  return can(actor, 'comment', room.resource);
}

/** The message state as the moderation rules (the policy table, the transition table) name it. */
export const CHAT_ITEM_STATE: Record<ChatMessageStatus, ItemState> = { published: 'visible', pending: 'pending', hidden: 'hidden', deleted: 'deleted' };

/**
 * Why a send is refused right now (after the policy allowed it), or null. The room's teachers and the director
 * are never held back; pupil moderators are pupils here (hours, mutes and slow mode apply to them).
 */
export type ChatSendRefusal =
  | { code: 'FORBIDDEN'; reason: 'closed' }
  | { code: 'MUTED'; until: number }
  | { code: 'RATE_LIMITED'; reason: 'slow_mode'; retryInMs: number };

export function chatSendRefusal(
  actor: Actor,
  room: ChatRoomFacts,
  now: number,
  sender: { mutedUntil: number | null; lastSentAt: number | null },
): ChatSendRefusal | null {
  if (isChatConfigurer(actor, room)) return null;
  if (!chatIsOpen(room.settings, now)) return { code: 'FORBIDDEN', reason: 'closed' };
  if (sender.mutedUntil !== null && sender.mutedUntil > now) return { code: 'MUTED', until: sender.mutedUntil };
  const slowMs = room.settings.slowModeSeconds * 1000;
  if (slowMs > 0 && sender.lastSentAt !== null && now - sender.lastSentAt < slowMs) {
    return { code: 'RATE_LIMITED', reason: 'slow_mode', retryInMs: slowMs - (now - sender.lastSentAt) };
  }
  return null;
}

/**
 * Whether a contribution (a new message, or a change of one) waits for review before the room sees it, and why:
 * - the room is pre-moderated and its author does not run it (pupils, pupil moderators, parents alike);
 * - a pupil's text seems to hold personal information (the guard, in every room): only a teacher publishes it.
 */
export function chatReviewHold(actor: Actor, room: ChatRoomFacts, text: string, found?: PiiKind[]): { held: boolean; personalInfo: PiiKind[] } {
  // `found`: the kinds the text was already seen to hold (`personalInfoKinds(text)`), so it is not scanned twice.
  const personalInfo = found === undefined ? personalInfoHold(actor.profiles, text) : guardedAuthor(actor.profiles) ? found : [];
  const preModerated = room.settings.preModeration && !isChatConfigurer(actor, room);
  return { held: preModerated || personalInfo.length > 0, personalInfo };
}

/** An author edits or deletes their own live message within the room's edit window, while they may post. */
export function mayChangeOwnMessage(
  actor: Actor,
  room: ChatRoomFacts,
  message: { authorId: string; createdAt: number; status: ChatMessageStatus },
  now: number,
): boolean {
  if (message.authorId !== actor.userId) return false;
  if (message.status !== 'published' && message.status !== 'pending') return false;
  if (!mayPostInChat(actor, room)) return false;
  return now - message.createdAt <= room.settings.editWindowMinutes * 60_000;
}

/** Whether a user can be muted in the room: never one of its teachers or the director (a pupil moderator can). */
export function mayBeMuted(target: Actor, room: ChatRoomFacts): boolean {
  return !isChatConfigurer(target, room);
}

/**
 * The moderation actions the chat's menu offers on a message, from the viewer's rights in the room as the server
 * sent them (`moderate`, `configure`) and the message's state. It follows the policy table's item rules (tested
 * against `can()` in policy.test.ts): those who configure the room take any action that applies; a pupil
 * moderator hides someone else's published message and approves someone else's message waiting for its first
 * review, unless the personal-information guard holds it. The server decides again on every action.
 */
export function chatMessageActions(
  rights: Pick<SpaceRights, 'moderate' | 'configure'>,
  message: Pick<ChatMessageView, 'status' | 'authorId' | 'pendingBody' | 'personalInfo' | 'removedBy'>,
  viewerId: string,
): ChatModerationAction[] {
  const state = CHAT_ITEM_STATE[message.status];
  const facts = { state, pendingEdit: message.status === 'published' && message.pendingBody !== null, authorId: message.authorId };
  return CHAT_MODERATION_ACTIONS.filter((action) => {
    if (!actionApplies(action, facts)) return false;
    // What its author deleted is theirs: nobody brings it back.
    if (action === 'restore' && message.removedBy === 'author') return false;
    if (rights.configure) return true;
    if (!rights.moderate || message.authorId === viewerId) return false;
    // A chat message waits for its first review as long as it is pending (it was never published).
    return action === 'hide' || (action === 'approve' && state === 'pending' && !message.personalInfo);
  });
}
