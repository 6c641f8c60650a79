import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { CHAT_TYPING_DISPLAY_MS } from '../../../../shared/chat/limits';
import type { ChatMessageView } from '../../../../shared/chat/types';
import type { ErrorCode } from '../../../../shared/errors';
import type { Ack } from '../../../../shared/realtime/ack';
import { emitWithAck } from '../../lib/socket';
import type { ClientEventName, ClientEventResults, ClientToServerEvents, ServerToClientEvents } from '../../../../shared/realtime/events';
import { chatReducer, emptyChatState, lastSeq } from './chatState';
import { enqueue, readOutbox, withoutKey, writeOutbox, type OutboxItem } from './outbox';

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ChatLive = 'connecting' | 'online' | 'reconnecting' | 'closed';
export type ChatLoad = { status: 'loading' } | { status: 'ready' } | { status: 'error'; code: ErrorCode };
export type Emit = <E extends ClientEventName>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]) => Promise<Ack<ClientEventResults[E]>>;
/** A queued message the server refused (muted, closed, slow mode…): the page tells why and gives the text back. */
export type Refusal = { code: ErrorCode; message: string; body: string };
/** What the page is told about a message the server accepted (it may wait for review: the page says so). */
export type Accepted = (message: ChatMessageView) => void;

const RETRY_AFTER_TIMEOUT_MS = 3_000;

/**
 * One chat room, live, on the page's own connection (WebSocket, or long-polling where a school network blocks
 * it). On every (re)connection it joins the room, catches up from the last seq it saw, then sends the outbox:
 * messages typed offline, kept in localStorage with their idempotency keys, in order, one at a time.
 */
export function useChatRoom(roomId: string, selfId: string, onRefused: (refusal: Refusal) => void, onAccepted: Accepted) {
  const [state, dispatch] = useReducer(chatReducer, emptyChatState);
  const [live, setLive] = useState<ChatLive>('connecting');
  const [load, setLoad] = useState<ChatLoad>({ status: 'loading' });
  const [outbox, setOutbox] = useState<OutboxItem[]>(() => readOutbox(localStorage, selfId, roomId));
  const socketRef = useRef<ChatSocket | null>(null);
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

  const emit = useCallback<Emit>((event, payload) => emitWithAck(socketRef.current, event, payload), []);

  /** Sends the outbox in order; stops at the first message without an answer (it is retried, same key). */
  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      while (outboxRef.current.length > 0 && socketRef.current?.connected) {
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
    const socket: ChatSocket = io({ withCredentials: true });
    socketRef.current = socket;
    const enter = async () => {
      const joined = await emit('space:join', { spaceId: roomId });
      if (!joined.ok) {
        if (joined.code !== 'UNAVAILABLE') setLoad({ status: 'error', code: joined.code });
        return;
      }
      dispatch({ type: 'space', space: joined.data.space });
      dispatch({ type: 'presence', present: joined.data.present });
      const hadMessages = lastSeq(stateRef.current) > 0;
      const chat = await emit('chat:join', { roomId });
      if (!chat.ok) {
        if (chat.code !== 'UNAVAILABLE') setLoad({ status: 'error', code: chat.code });
        return;
      }
      dispatch({ type: 'joined', page: chat.data, me: chat.data.me, mutes: chat.data.mutes });
      // Back from a cut: fetch everything after the last message seen, page by page.
      for (let after = lastSeq(stateRef.current); hadMessages; ) {
        const newer = await emit('chat:history', { roomId, after });
        if (!newer.ok) break;
        dispatch({ type: 'newer', page: newer.data });
        if (!newer.data.hasMore || newer.data.messages.length === 0) break;
        after = newer.data.messages.at(-1)!.seq;
      }
      setLoad({ status: 'ready' });
      void flush();
    };
    socket.on('connect', () => {
      setLive('online');
      void enter();
    });
    socket.on('disconnect', (reason) => setLive(reason === 'io server disconnect' ? 'closed' : 'reconnecting'));
    socket.on('connect_error', () => {
      if (!socket.active) setLive('closed');
    });
    socket.on('chat:message', (message) => message.roomId === roomId && dispatch({ type: 'message', message }));
    socket.on('chat:updated', (message) => message.roomId === roomId && dispatch({ type: 'message', message }));
    socket.on('chat:typing', (typing) => typing.roomId === roomId && typing.userId !== selfId && dispatch({ type: 'typing', userId: typing.userId, name: typing.name, at: Date.now() }));
    socket.on('chat:muted', (mute) => mute.roomId === roomId && dispatch({ type: 'muted', mute, selfId }));
    socket.on('space:presence', (presence) => presence.spaceId === roomId && dispatch({ type: 'presence', present: presence.present }));
    // Rights come from the server: after a settings change (`space:updated`, with the viewer's new rights) or a
    // change of the viewer's own rights (designated or revoked as a moderator, muted), the room is joined again,
    // so that `me`, the moderators' room and the history follow at once, without reloading the page.
    const rejoin = (replace: boolean) =>
      void emit('chat:join', { roomId }).then((chat) => {
        if (chat.ok) dispatch({ type: 'joined', page: chat.data, me: chat.data.me, mutes: chat.data.mutes, replace });
        else if (chat.code === 'FORBIDDEN' || chat.code === 'NOT_FOUND') setLoad({ status: 'error', code: chat.code });
      });
    socket.on('space:updated', (space) => {
      if (space.id !== roomId) return;
      dispatch({ type: 'space', space });
      // Moderators see more than others: when that right changed, the history is read afresh rather than merged.
      rejoin(space.rights.moderate !== (stateRef.current.me?.moderator ?? false));
    });
    socket.on('rights:changed', (change) => {
      if (change.spaceId === null || change.spaceId === roomId) rejoin(true);
    });
    socket.on('system:shutdown', () => setLive('reconnecting'));
    const expiry = setInterval(() => dispatch({ type: 'typingExpired', before: Date.now() - CHAT_TYPING_DISPLAY_MS }), 1_000);
    return () => {
      clearInterval(expiry);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [emit, flush, roomId, selfId]);

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

  return { state, live, load, outbox, emit, send, loadOlder, applied };
}
