import type { Actor } from '../policy/actor';
import { can } from '../policy/can';
import type { ResourceOf } from '../policy/resources';
import { chatIsOpen } from './hours';
import type { ChatSettings } from './settings';
import type { ChatMessageStatus } from './types';

/** What the chat's per-item rules need to know about a room. */
export interface ChatRoomFacts {
  resource: ResourceOf<'space'>;
  /** The room's pupil moderators as stored now (the actor may have been loaded before a designation). */
  moderatorIds: readonly string[];
  settings: ChatSettings;
}

/** The actor as the room sees them now: a pupil designated (or revoked) since their connection opened counts. */
export function actorInSpace(actor: Actor, spaceId: string, moderatorIds: readonly string[]): Actor {
  const others = actor.moderatedSpaceIds.filter((id) => id !== spaceId);
  return { ...actor, moderatedSpaceIds: moderatorIds.includes(actor.userId) ? [...others, spaceId] : others };
}

/** Teachers of the scope, the director, and the room's designated pupil moderators. */
export function isChatModerator(actor: Actor, room: ChatRoomFacts): boolean {
  return can(actorInSpace(actor, room.resource.spaceId, room.moderatorIds), 'moderate', room.resource);
}

/**
 * Teachers of the scope and the director: they also delete, restore and mute (`configure`); pupil moderators
 * only hide and approve (`moderate`), pending a teacher's review.
 */
export function isChatConfigurer(actor: Actor, room: ChatRoomFacts): boolean {
  return can(actor, 'configure', room.resource);
}

/** The policy action a moderation action needs: pupil moderators hide and approve; the rest is for teachers. */
export function chatModerationNeeds(action: 'hide' | 'approve' | 'delete' | 'restore'): 'moderate' | 'configure' {
  return action === 'hide' || action === 'approve' ? 'moderate' : 'configure';
}

/** Whether the actor may take this moderation action in the room (a designation since connecting counts). */
export function mayModerateChat(actor: Actor, room: ChatRoomFacts, action: 'hide' | 'approve' | 'delete' | 'restore'): boolean {
  return chatModerationNeeds(action) === 'moderate' ? isChatModerator(actor, room) : isChatConfigurer(actor, room);
}

/** Whether the actor may post in the room at all (its writers setting, a lock, parents' comments). */
export function mayPostInChat(actor: Actor, room: ChatRoomFacts): boolean {
  return can(actor, 'comment', room.resource);
}

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
