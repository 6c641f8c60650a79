import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ErrorCode } from '../../../../shared/errors';
import type { Ack } from '../../../../shared/realtime/ack';
import { holdSpace, usePageLive, type PageLive } from '../../lib/livePage';
import { emitWithAck, getLiveSocket, listen, useLiveConnection, type LiveConnection } from '../../lib/socket';
import type { ClientEventName, ClientEventResults, ClientToServerEvents, ServerToClientEvents } from '../../../../shared/realtime/events';
import { WALL_SYNC_OVERLAP } from '../../../../shared/wall/limits';
import { changeAction, emptyWallState, wallReducer, type WallState } from './wallState';

export type WallLive = PageLive;
export type WallLoad = { status: 'loading' } | { status: 'ready' } | { status: 'error'; code: ErrorCode | 'UNAVAILABLE' };

/** The payload the client sends (defaults filled by the server may be left out). */
export type Send = <E extends ClientEventName>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]) => Promise<Ack<ClientEventResults[E]>>;

/**
 * The wall page, live on the tab's one connection (WebSocket, or long-polling where a school network blocks it):
 * while the page is open it listens to the wall's events and holds its room. On every (re)connection it joins again
 * and catches up with `wall:sync` from the last operation it saw, so nothing that happened while it was away is
 * missed; when its user's rights change it reads the wall again whole.
 */
export function useWallLive(spaceId: string) {
  const [state, dispatch] = useReducer(wallReducer, emptyWallState);
  const live = usePageLive();
  const connection = useLiveConnection();
  const [load, setLoad] = useState<WallLoad>({ status: 'loading' });
  // The connection whose server said it is shutting down: it drops next, and comes back by itself (a new one).
  const [shutDown, setShutDown] = useState<LiveConnection | null>(null);
  const seqRef = useRef(0);
  useEffect(() => {
    seqRef.current = state.seq;
  }, [state.seq]);

  useEffect(() => {
    if (!connection) return;
    const { socket } = connection;
    const release = holdSpace(spaceId);
    // Answers that arrive after the page left this wall (another wall, another page) are dropped.
    let active = true;
    /** Joins the room and catches up: since the last seq seen, or everything (`full`) when what one may see changed. */
    const catchUp = async (full = false) => {
      const joined = await emitWithAck<ClientEventResults['space:join']>(socket, 'space:join', { spaceId });
      if (!active || (!joined.ok && joined.code === 'UNAVAILABLE')) return;
      if (!joined.ok) {
        setLoad({ status: 'error', code: joined.code });
        return;
      }
      dispatch({ type: 'joined', space: joined.data.space, present: joined.data.present });
      const sinceSeq = !full && seqRef.current > 0 ? Math.max(1, seqRef.current - WALL_SYNC_OVERLAP) : 0;
      const synced = await emitWithAck<ClientEventResults['wall:sync']>(socket, 'wall:sync', { spaceId, sinceSeq });
      if (!active || (!synced.ok && synced.code === 'UNAVAILABLE')) return;
      if (!synced.ok) {
        setLoad({ status: 'error', code: synced.code });
        return;
      }
      dispatch({ type: 'synced', result: synced.data });
      setLoad({ status: 'ready' });
    };
    const handlers: Partial<ServerToClientEvents> = {
      'wall:card': (card) => card.spaceId === spaceId && dispatch({ type: 'card', card }),
      'wall:cardDeleted': (info) => info.spaceId === spaceId && dispatch({ type: 'cardDeleted', cardId: info.cardId, seq: info.seq }),
      'wall:comment': (comment) => comment.spaceId === spaceId && dispatch({ type: 'comment', comment }),
      'wall:commentDeleted': (info) => info.spaceId === spaceId && dispatch({ type: 'commentDeleted', commentId: info.commentId, seq: info.seq }),
      // Several changes at once (one frame): applied in order, in one render.
      'wall:changes': (changes) => dispatch({ type: 'changes', actions: changes.filter((change) => change.data.spaceId === spaceId).map(changeAction) }),
      'wall:lock': (lock) => lock.spaceId === spaceId && dispatch({ type: 'lock', lock }),
      'space:updated': (space) => space.id === spaceId && dispatch({ type: 'space', space }),
      // Designated or revoked as a moderator (or muted…): the rights and what one may see changed, so the wall is
      // read again whole (a new moderator sees the cards waiting for review, a revoked one no longer does).
      'rights:changed': (change) => {
        if (change.spaceId === null || change.spaceId === spaceId) void catchUp(true);
      },
      'space:presence': (presence) => presence.spaceId === spaceId && dispatch({ type: 'presence', present: presence.present }),
      'system:shutdown': () => setShutDown(connection),
    };
    const unsubscribe = listen(socket, handlers);
    void catchUp();
    return () => {
      active = false;
      unsubscribe();
      release();
    };
  }, [connection, spaceId]);

  const send = useCallback<Send>(async (event, payload) => {
    const answer = await emitWithAck<never>(getLiveSocket(), event, payload);
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

  return { state, live: shutDown !== null && shutDown === connection ? 'reconnecting' : live, load, rights: state.rights, send, resync, dispatch };
}
