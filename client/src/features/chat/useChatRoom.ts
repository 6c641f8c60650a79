import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { CHAT_TYPING_DISPLAY_MS } from '../../../../shared/chat/limits';
import type { ChatMessageView } from '../../../../shared/chat/types';
import type { ErrorCode } from '../../../../shared/errors';
import type { Ack } from '../../../../shared/realtime/ack';
import { holdSpace, usePageLive, type PageLive } from '../../lib/livePage';
import { emitWithAck, getLiveSocket, listen, useLiveConnection, type LiveConnection } from '../../lib/socket';
import type { ClientEventName, ClientEventResults, ClientToServerEvents } from '../../../../shared/realtime/events';
import { chatReducer, emptyChatState, lastSeq } from './chatState';
import { enqueue, readOutbox, withoutKey, writeOutbox, type OutboxItem } from './outbox';

export type ChatLive = PageLive;
export type ChatLoad = { status: 'loading' } | { status: 'ready' } | { status: 'error'; code: ErrorCode };
export type Emit = <E extends ClientEventName>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]) => Promise<Ack<ClientEventResults[E]>>;
/** A queued message the server refused (muted, closed, slow mode…): the page tells why and gives the text back. */
export type Refusal = { code: ErrorCode; message: string; body: string };
/** What the page is told about a message the server accepted (it may wait for review: the page says so). */
export type Accepted = (message: ChatMessageView) => void;

const RETRY_AFTER_TIMEOUT_MS = 3_000;

/**
 * One chat room, live on the tab's one connection (WebSocket, or long-polling where a school network blocks it):
 * while the page is open it listens to the room's events and holds its room. On every (re)connection it joins the
 * room, catches up from the last seq it saw, then sends the outbox: messages typed offline, kept in localStorage
 * with their idempotency keys, in order, one at a time.
 */
export function useChatRoom(roomId: string, selfId: string, onRefused: (refusal: Refusal) => void, onAccepted: Accepted) {
  const [state, dispatch] = useReducer(chatReducer, emptyChatState);
  const live = usePageLive();
  const connection = useLiveConnection();
  // The connection whose server said it is shutting down: it drops next, and comes back by itself (a new one).
  const [shutDown, setShutDown] = useState<LiveConnection | null>(null);
  const [load, setLoad] = useState<ChatLoad>({ status: 'loading' });
  const [outbox, setOutbox] = useState<OutboxItem[]>(() => readOutbox(localStorage, selfId, roomId));
  const outboxRef = useRef(outbox);
  const stateRef = useRef(state);
  const flushing = useRef(false);
  const refusedRef = useRef(onRefused);
  const acceptedRef = useRef(onAccepted);
  // The socket's handlers read the latest state and callbacks without re-subscribing.
  useEffect(() => {
    stateRef.current = state;
    refusedRef.current = onRefused;
    acceptedRef.current = onAccepted;
  });

  const saveOutbox = useCallback(
    (items: OutboxItem[]) => {
      outboxRef.current = items;
      writeOutbox(localStorage, selfId, roomId, items);
      setOutbox(items);
    },
    [roomId, selfId],
  );

  const emit = useCallback<Emit>((event, payload) => emitWithAck(getLiveSocket(), event, payload), []);

  /** Sends the outbox in order; stops at the first message without an answer (it is retried, same key). */
  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      while (outboxRef.current.length > 0 && getLiveSocket()?.connected) {
        const item = outboxRef.current[0]!;
        const answer = await emit('chat:send', { roomId, key: item.key, body: item.body });
        if (!answer.ok && answer.code === 'UNAVAILABLE') {
          setTimeout(() => void flush(), RETRY_AFTER_TIMEOUT_MS);
          return;
        }
        saveOutbox(withoutKey(outboxRef.current, item.key));
        if (answer.ok) {
          dispatch({ type: 'message', message: answer.data.message });
          acceptedRef.current(answer.data.message);
        } else refusedRef.current({ code: answer.code, message: answer.message, body: item.body });
      }
    } finally {
      flushing.current = false;
    }
  }, [emit, roomId, saveOutbox]);

  useEffect(() => {
    if (!connection) return;
    const { socket } = connection;
    const release = holdSpace(roomId);
    // Answers that arrive after the page left this room (another room, another page) are dropped.
    let active = true;
    const enter = async () => {
      const joined = await emit('space:join', { spaceId: roomId });
      if (!active) return;
      if (!joined.ok) {
        if (joined.code !== 'UNAVAILABLE') setLoad({ status: 'error', code: joined.code });
        return;
      }
      dispatch({ type: 'space', space: joined.data.space });
      dispatch({ type: 'presence', present: joined.data.present });
      const hadMessages = lastSeq(stateRef.current) > 0;
      const chat = await emit('chat:join', { roomId });
      if (!active) return;
      if (!chat.ok) {
        if (chat.code !== 'UNAVAILABLE') setLoad({ status: 'error', code: chat.code });
        return;
      }
      dispatch({ type: 'joined', page: chat.data, me: chat.data.me, mutes: chat.data.mutes });
      // Back from a cut: fetch everything after the last message seen, page by page.
      for (let after = lastSeq(stateRef.current); hadMessages; ) {
        const newer = await emit('chat:history', { roomId, after });
        if (!active || !newer.ok) break;
        dispatch({ type: 'newer', page: newer.data });
        if (!newer.data.hasMore || newer.data.messages.length === 0) break;
        after = newer.data.messages.at(-1)!.seq;
      }
      if (!active) return;
      setLoad({ status: 'ready' });
      void flush();
    };
    // Rights come from the server: after a settings change (`space:updated`, with the viewer's new rights) or a
    // change of the viewer's own rights (designated or revoked as a moderator, muted), the room is joined again,
    // so that `me`, the moderators' room and the history follow at once, without reloading the page.
    const rejoin = (replace: boolean) =>
      void emit('chat:join', { roomId }).then((chat) => {
        if (!active) return;
        if (chat.ok) dispatch({ type: 'joined', page: chat.data, me: chat.data.me, mutes: chat.data.mutes, replace });
        else if (chat.code === 'FORBIDDEN' || chat.code === 'NOT_FOUND') setLoad({ status: 'error', code: chat.code });
      });
    const unsubscribe = listen(socket, {
      'chat:message': (message) => message.roomId === roomId && dispatch({ type: 'message', message }),
      'chat:updated': (message) => message.roomId === roomId && dispatch({ type: 'message', message }),
      'chat:typing': (typing) => typing.roomId === roomId && typing.userId !== selfId && dispatch({ type: 'typing', userId: typing.userId, name: typing.name, at: Date.now() }),
      'chat:muted': (mute) => mute.roomId === roomId && dispatch({ type: 'muted', mute, selfId }),
      'space:presence': (presence) => presence.spaceId === roomId && dispatch({ type: 'presence', present: presence.present }),
      'space:updated': (space) => {
        if (space.id !== roomId) return;
        dispatch({ type: 'space', space });
        // Moderators see more than others: when that right changed, the history is read afresh rather than merged.
        rejoin(space.rights.moderate !== (stateRef.current.me?.moderator ?? false));
      },
      'rights:changed': (change) => {
        if (change.spaceId === null || change.spaceId === roomId) rejoin(true);
      },
      'system:shutdown': () => setShutDown(connection),
    });
    void enter();
    return () => {
      active = false;
      unsubscribe();
      release();
    };
  }, [connection, emit, flush, roomId, selfId]);

  // Typing signals fade after a while, whether or not the connection is up.
  useEffect(() => {
    const expiry = setInterval(() => dispatch({ type: 'typingExpired', before: Date.now() - CHAT_TYPING_DISPLAY_MS }), 1_000);
    return () => clearInterval(expiry);
  }, []);

  /** Queues a message (kept across reloads) and sends it now if connected; false if the queue is full. */
  const send = useCallback(
    (body: string): boolean => {
      const items = enqueue(outboxRef.current, body, crypto.randomUUID(), Date.now());
      if (!items) return false;
      saveOutbox(items);
      void flush();
      return true;
    },
    [flush, saveOutbox],
  );

  const loadOlder = useCallback(async () => {
    const first = stateRef.current.messages[0];
    const answer = await emit('chat:history', { roomId, ...(first ? { before: first.seq } : {}) });
    if (answer.ok) dispatch({ type: 'older', page: answer.data });
  }, [emit, roomId]);

  /** Applies the server's answer to a change of one message at once (the broadcast follows). */
  const applied = useCallback((answer: Ack<{ message: ChatMessageView }>) => {
    if (answer.ok) dispatch({ type: 'message', message: answer.data.message });
    return answer;
  }, []);

  return { state, live: shutDown !== null && shutDown === connection ? 'reconnecting' : live, load, outbox, emit, send, loadOlder, applied };
}
