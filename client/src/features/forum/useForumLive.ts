import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { ForumMe } from '../../../../shared/forum/types';
import type { Ack } from '../../../../shared/realtime/ack';
import { holdSpace, usePageLive, type PageLive } from '../../lib/livePage';
import { emitWithAck, getLiveSocket, listen, useLiveConnection } from '../../lib/socket';
import type { ClientEventName, ClientEventResults, ClientToServerEvents } from '../../../../shared/realtime/events';
import { forumKeys } from './api';

export type ForumEmit = <E extends ClientEventName>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]) => Promise<Ack<ClientEventResults[E]>>;
export type ForumLive = PageLive;

/**
 * A forum, live on the tab's one connection: while the page is open it joins the forum's room (moderators also get
 * the originals of removed posts) on every (re)connection, and on every new or changed topic or post refreshes the
 * pages open on this forum, so posts appear without a reload. The viewer's rights (`me`) come from the server, and
 * follow its changes live. Writing goes through `emit` (acked with an error code on failure).
 */
export function useForumLive(forumId: string) {
  const client = useQueryClient();
  const live = usePageLive();
  const connection = useLiveConnection();
  const [me, setMe] = useState<ForumMe | null>(null);

  const emit = useCallback<ForumEmit>((event, payload) => emitWithAck(getLiveSocket(), event, payload), []);

  useEffect(() => {
    if (!connection) return;
    const { socket } = connection;
    const release = holdSpace(forumId);
    let active = true;
    const refresh = () => void client.invalidateQueries({ queryKey: forumKeys.all(forumId) });
    const enter = async () => {
      await emit('space:join', { spaceId: forumId });
      const joined = await emit('forum:join', { forumId });
      if (!active) return;
      if (joined.ok) setMe(joined.data.me);
      refresh();
    };
    const unsubscribe = listen(socket, {
      'forum:topic': (topic) => topic.forumId === forumId && refresh(),
      'forum:post': (post) => post.forumId === forumId && refresh(),
      'forum:postUpdated': (post) => post.forumId === forumId && refresh(),
      // The space changed (its settings, who moderates it): it comes with this viewer's rights, and `forum:join`
      // again joins or leaves the moderators' room and answers the forum rights.
      'space:updated': (space) => {
        if (space.id !== forumId) return;
        client.setQueryData(['space', forumId], space);
        void enter();
      },
      // This user's rights changed (designated or revoked as a pupil moderator, a mute…): follow them without a reload.
      'rights:changed': (change) => {
        if (change.spaceId !== null && change.spaceId !== forumId) return;
        void client.invalidateQueries({ queryKey: ['space', forumId] });
        void enter();
      },
    });
    void enter();
    return () => {
      active = false;
      unsubscribe();
      release();
    };
  }, [client, connection, emit, forumId]);

  return { live, me, emit };
}
