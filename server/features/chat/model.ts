import type { Profile } from '../../../shared/identity/profiles';
import type { PiiKind } from '../../../shared/pii/detect';
import type { ChatMessageStatus } from '../../../shared/chat/types';
import type { BaseDoc, Collection, Store } from '../../storage/port';

export interface ChatMessageDoc extends BaseDoc {
  schoolId: string;
  roomId: string;
  seq: number;
  /** The client's idempotency key: unique per room and author. */
  key: string;
  authorId: string;
  authorName: string;
  authorRole: Profile | null;
  body: string;
  status: ChatMessageStatus;
  /** Whether everyone has seen it at some point (false while waiting for pre-moderation, and if refused). */
  shown: boolean;
  removedBy: 'author' | 'moderator' | null;
  removedById: string | null;
  edited: boolean;
  editedAt: number | null;
  /** Earlier versions of an edited message, kept for moderators (a pupil cannot edit an insult away). */
  previousBodies: { body: string; at: number }[];
  /** The kinds of personal information `body` seems to contain (shown to moderators, named in the audit). */
  pii: PiiKind[];
  /**
   * The author's change of this published message, waiting for review (pre-moderation holds every change, and
   * the personal-information guard every pupil's change): everyone else keeps seeing `body` until a moderator
   * approves it (it becomes `body`) or rejects it. Absent on messages stored before it existed.
   */
  pendingBody?: string | null;
  /**
   * What waits for review (the message itself while pending, or `pendingBody`) was held by the
   * personal-information guard: only a teacher (or the director) publishes it.
   */
  personalInfo?: boolean;
  /** The author ran the room when sending (its teacher, the director): shown so, never offered to mute. */
  authorRunsRoom?: boolean;
  createdAt: number;
  /** Increases with every change: the moderation console acts only on the version it saw. */
  version: number;
}

/** The per-room message counter (`seq`), incremented atomically. */
export interface ChatCounterDoc extends BaseDoc {
  seq: number;
}

/** One class ↔ its class room; the id (`school:class`) makes opening it idempotent, even under a race. */
export interface ChatClassRoomDoc extends BaseDoc {
  schoolId: string;
  classId: string;
  spaceId: string;
  createdAt: number;
}

export interface ChatCollections {
  messages: Collection<ChatMessageDoc>;
  counters: Collection<ChatCounterDoc>;
  classRooms: Collection<ChatClassRoomDoc>;
}

const ready = new WeakMap<Store, Promise<ChatCollections>>();

/**
 * The chat's collections, their indexes created once per store (the first caller waits for them). The
 * services registry belongs to the platform, so the chat creates its indexes on first use.
 */
export function chatCollections(store: Store): Promise<ChatCollections> {
  let pending = ready.get(store);
  if (!pending) {
    pending = (async () => {
      const collections: ChatCollections = {
        messages: store.collection<ChatMessageDoc>('chat_messages'),
        counters: store.collection<ChatCounterDoc>('chat_counters'),
        classRooms: store.collection<ChatClassRoomDoc>('chat_class_rooms'),
      };
      await collections.messages.ensureIndexes([
        // Idempotency: a retried send finds (or collides with) the stored message.
        { fields: { roomId: 1, authorId: 1, key: 1 }, unique: true },
        { fields: { roomId: 1, seq: 1 }, unique: true },
        // Slow mode: the author's latest message in the room.
        { fields: { roomId: 1, authorId: 1, createdAt: -1 } },
      ]);
      await collections.classRooms.ensureIndexes([{ fields: { schoolId: 1, spaceId: 1 } }]);
      return collections;
    })();
    ready.set(store, pending);
    pending.catch(() => ready.delete(store));
  }
  return pending;
}

export const classRoomId = (schoolId: string, classId: string): string => `${schoolId}:${classId}`;
