import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ErrorCode } from '../../../../shared/errors';
import type { Ack } from '../../../../shared/realtime/ack';
import { ACK_TIMEOUT_MS, emitWithAck } from '../../lib/socket';
import type { ClientEventName, ClientEventResults, ClientToServerEvents, ServerToClientEvents } from '../../../../shared/realtime/events';
import { WALL_SYNC_OVERLAP } from '../../../../shared/wall/limits';
import { emptyWallState, wallReducer, type WallState } from './wallState';

type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type WallLive = 'connecting' | 'online' | 'reconnecting' | 'closed';
export type WallLoad = { status: 'loading' } | { status: 'ready' } | { status: 'error'; code: ErrorCode | 'UNAVAILABLE' };

/** The payload the client sends (defaults filled by the server may be left out). */
export type Send = <E extends ClientEventName>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]) => Promise<Ack<ClientEventResults[E]>>;


/**
 * The wall page's live connection: its own Socket.IO connection (WebSocket, or long-polling where a school
 * network blocks it), joined to the wall's room. On every (re)connection it joins again and catches up with
 * `wall:sync` from the last operation it saw, so nothing that happened while it was away is missed.
 */
export function useWallLive(spaceId: string) {
  const [state, dispatch] = useReducer(wallReducer, emptyWallState);
  const [live, setLive] = useState<WallLive>('connecting');
  const [load, setLoad] = useState<WallLoad>({ status: 'loading' });
  const socketRef = useRef<WallSocket | null>(null);
  const seqRef = useRef(0);
  useEffect(() => {
    seqRef.current = state.seq;
  }, [state.seq]);

  useEffect(() => {
    const socket: WallSocket = io({ withCredentials: true });
    socketRef.current = socket;
    /** Joins the room and catches up: since the last seq seen, or everything (`full`) when what one may see changed. */
    const catchUp = async (full = false) => {
      const joined = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('space:join', { spaceId }).catch(() => null)) as Ack<ClientEventResults['space:join']> | null;
      if (!joined) return;
      if (!joined.ok) {
        setLoad({ status: 'error', code: joined.code });
        return;
      }
      dispatch({ type: 'joined', space: joined.data.space, present: joined.data.present });
      const sinceSeq = !full && seqRef.current > 0 ? Math.max(1, seqRef.current - WALL_SYNC_OVERLAP) : 0;
      const synced = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('wall:sync', { spaceId, sinceSeq }).catch(() => null)) as Ack<ClientEventResults['wall:sync']> | null;
      if (!synced) return;
      if (!synced.ok) {
        setLoad({ status: 'error', code: synced.code });
        return;
      }
      dispatch({ type: 'synced', result: synced.data });
      setLoad({ status: 'ready' });
    };
    socket.on('connect', () => {
      setLive('online');
      void catchUp();
    });
    socket.on('disconnect', (reason) => setLive(reason === 'io server disconnect' ? 'closed' : 'reconnecting'));
    socket.on('connect_error', () => {
      if (!socket.active) setLive('closed');
    });
    socket.on('wall:card', (card) => card.spaceId === spaceId && dispatch({ type: 'card', card }));
    socket.on('wall:cardDeleted', (info) => info.spaceId === spaceId && dispatch({ type: 'cardDeleted', cardId: info.cardId, seq: info.seq }));
    socket.on('wall:comment', (comment) => comment.spaceId === spaceId && dispatch({ type: 'comment', comment }));
    socket.on('wall:commentDeleted', (info) => info.spaceId === spaceId && dispatch({ type: 'commentDeleted', commentId: info.commentId, seq: info.seq }));
    socket.on('wall:lock', (lock) => lock.spaceId === spaceId && dispatch({ type: 'lock', lock }));
    socket.on('space:updated', (space) => space.id === spaceId && dispatch({ type: 'space', space }));
    // Designated or revoked as a moderator (or muted…): the rights and what one may see changed, so the wall is
    // read again whole (a new moderator sees the cards waiting for review, a revoked one no longer does).
    socket.on('rights:changed', (change) => {
      if (change.spaceId === null || change.spaceId === spaceId) void catchUp(true);
    });
    socket.on('space:presence', (presence) => presence.spaceId === spaceId && dispatch({ type: 'presence', present: presence.present }));
    socket.on('system:shutdown', () => setLive('reconnecting'));
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [spaceId]);

  const send = useCallback<Send>(async (event, payload) => {
    const answer = await emitWithAck<never>(socketRef.current, event, payload);
    // Apply our own results at once: the broadcast may come a moment later (or not, for a pending card).
    if (answer.ok) {
      const data = answer.data as { card?: WallState['cards'][string]; comment?: WallState['comments'][string]; cardId?: string };
      if (data.card) dispatch({ type: 'card', card: data.card });
      if (data.comment) dispatch({ type: 'comment', comment: data.comment });
      if (event === 'wall:card:delete' && data.cardId) dispatch({ type: 'cardDeleted', cardId: data.cardId, seq: 0 });
    }
    return answer;
  }, []);

  /** Re-fetches everything since the last seq (after a conflict, to show the current version at once). */
  const resync = useCallback(async () => {
    const answer = await send('wall:sync', { spaceId, sinceSeq: Math.max(1, seqRef.current - WALL_SYNC_OVERLAP) });
    if (answer.ok) dispatch({ type: 'synced', result: answer.data });
  }, [send, spaceId]);

  return { state, live, load, rights: state.rights, send, resync, dispatch };
}
