import { describe, expect, it } from 'vitest';
import type { ChatMessageView } from '../../../../shared/chat/types';
import { chatReducer, emptyChatState, heldNotice, mergeMessages } from './chatState';
import { enqueue, readOutbox, withoutKey, writeOutbox, type OutboxStorage } from './outbox';

const message = (seq: number, extra: Partial<ChatMessageView> = {}): ChatMessageView => ({
  id: `m${seq}`,
  roomId: 'r',
  seq,
  key: `k${seq}`,
  authorId: 'a',
  authorName: 'Léa',
  authorRole: 'pupil',
  body: `message ${seq}`,
  status: 'published',
  removedBy: null,
  edited: false,
  createdAt: seq,
  editedAt: null,
  pii: [],
  pendingBody: null,
  personalInfo: false,
  authorRunsRoom: false,
  ...extra,
});

describe('chat state', () => {
  it('keeps messages in seq order whatever order they arrive in, replacing by id', () => {
    const merged = mergeMessages([message(2), message(5)], [message(4), message(1), message(2, { body: 'modifié', edited: true })]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 4, 5]);
    expect(merged[1]).toMatchObject({ body: 'modifié', edited: true });
  });

  it('stops showing someone as typing once their message arrives', () => {
    let state = chatReducer(emptyChatState, { type: 'typing', userId: 'a', name: 'Léa', at: 10 });
    state = chatReducer(state, { type: 'typing', userId: 'b', name: 'Yanis', at: 10 });
    state = chatReducer(state, { type: 'message', message: message(1) });
    expect(Object.keys(state.typing)).toEqual(['b']);
    expect(chatReducer(state, { type: 'typingExpired', before: 11 }).typing).toEqual({});
  });

  it('applies a mute to the viewer and to the moderators’ list', () => {
    const joined = chatReducer(emptyChatState, {
      type: 'joined',
      page: { messages: [message(1)], hasMore: true },
      me: { moderator: false, configurer: false, mayPost: true, personalInfoHeld: true, mutedUntil: null, lastSentAt: null },
      mutes: [],
    });
    const muted = chatReducer(joined, { type: 'muted', mute: { userId: 'me', userName: 'Chloé', until: 99 }, selfId: 'me' });
    expect(muted.me?.mutedUntil).toBe(99);
    expect(muted.mutes.map((m) => m.userId)).toEqual(['me']);
    const lifted = chatReducer(muted, { type: 'muted', mute: { userId: 'me', userName: 'Chloé', until: null }, selfId: 'me' });
    expect(lifted.me?.mutedUntil).toBeNull();
    expect(lifted.mutes).toEqual([]);
  });
});

describe('rights from the server', () => {
  const me = (moderator: boolean) => ({ moderator, configurer: false, mayPost: true, personalInfoHeld: true, mutedUntil: null, lastSentAt: null });

  it('a revoked moderator’s view is replaced, not merged: what only moderators saw goes at once', () => {
    const asModerator = chatReducer(emptyChatState, { type: 'joined', page: { messages: [message(1), message(2, { status: 'pending', authorId: 'x' })], hasMore: false }, me: me(true), mutes: [] });
    const merged = chatReducer(asModerator, { type: 'joined', page: { messages: [message(1)], hasMore: false }, me: me(false), mutes: [] });
    expect(merged.messages.map((m) => m.seq)).toEqual([1, 2]);
    const replaced = chatReducer(asModerator, { type: 'joined', page: { messages: [message(1)], hasMore: true }, me: me(false), mutes: [], replace: true });
    expect(replaced.messages.map((m) => m.seq)).toEqual([1]);
    expect(replaced).toMatchObject({ hasMore: true, me: { moderator: false } });
  });

  it('tells an author why their message waits, in words for a child', () => {
    expect(heldNotice(message(1, { status: 'pending', personalInfo: true }), 'a')).toBe('held.personalInfo');
    expect(heldNotice(message(1, { status: 'pending' }), 'a')).toBe('held.preModeration');
    expect(heldNotice(message(1, { pendingBody: 'nouveau' }), 'a')).toBe('held.change');
    expect(heldNotice(message(1), 'a')).toBeNull();
    expect(heldNotice(message(1, { status: 'pending' }), 'someone else')).toBeNull();
  });
});

describe('offline outbox', () => {
  const memory = (): OutboxStorage & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
  };

  it('persists messages in order with their keys, per user and room', () => {
    const storage = memory();
    const items = enqueue(enqueue([], 'premier', 'k1', 1)!, 'second', 'k2', 2)!;
    writeOutbox(storage, 'u', 'r', items);
    expect(readOutbox(storage, 'u', 'r').map((item) => item.key)).toEqual(['k1', 'k2']);
    expect(readOutbox(storage, 'u', 'other')).toEqual([]);
    writeOutbox(storage, 'u', 'r', withoutKey(items, 'k1'));
    expect(readOutbox(storage, 'u', 'r').map((item) => item.body)).toEqual(['second']);
    writeOutbox(storage, 'u', 'r', []);
    expect(storage.data.size).toBe(0);
  });

  it('ignores a corrupted queue rather than failing the page', () => {
    const storage = memory();
    storage.setItem('preau.chat.outbox.u.r', '{not json');
    expect(readOutbox(storage, 'u', 'r')).toEqual([]);
    storage.setItem('preau.chat.outbox.u.r', JSON.stringify([{ key: 'k', body: 'ok', queuedAt: 1 }, { evil: true }]));
    expect(readOutbox(storage, 'u', 'r')).toHaveLength(1);
  });
});
