import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ForumMe } from '../../../../shared/forum/types';
import type { Ack } from '../../../../shared/realtime/ack';
import { emitWithAck } from '../../lib/socket';
import type { ClientEventName, ClientEventResults, ClientToServerEvents, ServerToClientEvents } from '../../../../shared/realtime/events';
import { forumKeys } from './api';

type ForumSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ForumEmit = <E extends ClientEventName>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]) => Promise<Ack<ClientEventResults[E]>>;
export type ForumLive = 'connecting' | 'online' | 'reconnecting' | 'closed';

/**
 * A forum's live connection: joins the forum's room (moderators also get the originals of removed posts), and
 * on every new or changed topic or post refreshes the pages open on this forum, so posts appear without a
 * reload. The viewer's rights (`me`) come from the server, and follow its changes live. Writing goes through
 * `emit` (acked with an error code on failure).
 */
export function useForumLive(forumId: string) {
  const client = useQueryClient();
  const socketRef = useRef<ForumSocket | null>(null);
  const [live, setLive] = useState<ForumLive>('connecting');
  const [me, setMe] = useState<ForumMe | null>(null);

  const emit = useCallback<ForumEmit>((event, payload) => emitWithAck(socketRef.current, event, payload), []);

  useEffect(() => {
    const socket: ForumSocket = io({ withCredentials: true });
    socketRef.current = socket;
    const refresh = () => void client.invalidateQueries({ queryKey: forumKeys.all(forumId) });
    const enter = async () => {
      await emit('space:join', { spaceId: forumId });
      const joined = await emit('forum:join', { forumId });
      if (joined.ok) setMe(joined.data.me);
      refresh();
    };
    socket.on('connect', () => {
      setLive('online');
      void enter();
    });
    socket.on('disconnect', (reason) => setLive(reason === 'io server disconnect' ? 'closed' : 'reconnecting'));
    socket.on('forum:topic', (topic) => topic.forumId === forumId && refresh());
    socket.on('forum:post', (post) => post.forumId === forumId && refresh());
    socket.on('forum:postUpdated', (post) => post.forumId === forumId && refresh());
    // The space changed (its settings, who moderates it): it comes with this viewer's rights, and `forum:join`
    // again joins or leaves the moderators' room and answers the forum rights.
    socket.on('space:updated', (space) => {
      if (space.id !== forumId) return;
      client.setQueryData(['space', forumId], space);
      void enter();
    });
    // This user's rights changed (designated or revoked as a pupil moderator, a mute…): follow them without a reload.
    socket.on('rights:changed', (change) => {
      if (change.spaceId !== null && change.spaceId !== forumId) return;
      void client.invalidateQueries({ queryKey: ['space', forumId] });
      void enter();
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [client, emit, forumId]);

  return { live, me, emit };
}
