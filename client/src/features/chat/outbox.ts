import { CHAT_OFFLINE_QUEUE_MAX } from '../../../../shared/chat/limits';

/** A message typed but not yet acknowledged by the server, with the idempotency key it keeps until then. */
export interface OutboxItem {
  key: string;
  body: string;
  queuedAt: number;
}

/** The part of `localStorage` the outbox uses (so tests can give a plain object). */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const storageKey = (userId: string, roomId: string): string => `preau.chat.outbox.${userId}.${roomId}`;

function isItem(value: unknown): value is OutboxItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return typeof item.key === 'string' && typeof item.body === 'string' && typeof item.queuedAt === 'number';
}

/**
 * The messages waiting to be sent in a room, oldest first. They survive a reload or a closed tab: each keeps its
 * key, so a message the server already stored (its answer lost with the connection) is not stored twice.
 */
export function readOutbox(storage: OutboxStorage, userId: string, roomId: string): OutboxItem[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(storageKey(userId, roomId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isItem) : [];
  } catch {
    return [];
  }
}

export function writeOutbox(storage: OutboxStorage, userId: string, roomId: string, items: readonly OutboxItem[]): void {
  try {
    if (items.length === 0) storage.removeItem(storageKey(userId, roomId));
    else storage.setItem(storageKey(userId, roomId), JSON.stringify(items));
  } catch {
    // Private browsing or a full storage: the queue still lives in memory for this page.
  }
}

/** Adds a message at the end; false when the queue is full (the composer then asks to wait for the connection). */
export function enqueue(items: readonly OutboxItem[], body: string, key: string, now: number): OutboxItem[] | null {
  if (items.length >= CHAT_OFFLINE_QUEUE_MAX) return null;
  return [...items, { key, body, queuedAt: now }];
}

export function withoutKey(items: readonly OutboxItem[], key: string): OutboxItem[] {
  return items.filter((item) => item.key !== key);
}
