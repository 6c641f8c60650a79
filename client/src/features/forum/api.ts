import { useQuery } from '@tanstack/react-query';
import type { ForumRevisionView, ForumSearchHit, ForumTopicPage, ForumTopicsPage } from '../../../../shared/forum/types';
import type { SpaceView } from '../../../../shared/spaces/types';
import { apiRequest } from '../../lib/api';

const base = (forumId: string) => `/api/forums/${encodeURIComponent(forumId)}`;

/** Query keys: a live event invalidates the forum's keys, so open lists and topics refresh themselves. */
export const forumKeys = {
  all: (forumId: string) => ['forum', forumId] as const,
  topics: (forumId: string, page: number) => ['forum', forumId, 'topics', page] as const,
  topic: (forumId: string, topicId: string, page: number) => ['forum', forumId, 'topic', topicId, page] as const,
  search: (forumId: string, q: string) => ['forum', forumId, 'search', q] as const,
  revisions: (forumId: string, postId: string) => ['forum', forumId, 'revisions', postId] as const,
};

/** The forum as a space, with the viewer's rights in it (decided on the server). */
export function useForumSpace(forumId: string) {
  return useQuery({ queryKey: ['space', forumId], queryFn: ({ signal }) => apiRequest<SpaceView>(`/api/spaces/${encodeURIComponent(forumId)}`, { signal }) });
}

export function useForums() {
  return useQuery({
    queryKey: ['spaces'],
    queryFn: ({ signal }) => apiRequest<SpaceView[]>('/api/spaces', { signal }),
    select: (spaces) => spaces.filter((space) => space.kind === 'forum'),
  });
}

export function useTopics(forumId: string, page: number) {
  return useQuery({ queryKey: forumKeys.topics(forumId, page), queryFn: ({ signal }) => apiRequest<ForumTopicsPage>(`${base(forumId)}/topics?page=${page}`, { signal }) });
}

export function useTopic(forumId: string, topicId: string, page: number) {
  return useQuery({
    queryKey: forumKeys.topic(forumId, topicId, page),
    queryFn: ({ signal }) => apiRequest<ForumTopicPage>(`${base(forumId)}/topics/${encodeURIComponent(topicId)}?page=${page}`, { signal }),
  });
}

export function useForumSearch(forumId: string, q: string) {
  return useQuery({
    queryKey: forumKeys.search(forumId, q),
    queryFn: ({ signal }) => apiRequest<{ results: ForumSearchHit[] }>(`${base(forumId)}/search?q=${encodeURIComponent(q)}`, { signal }),
    enabled: q.length >= 2,
  });
}

export function useRevisions(forumId: string, postId: string | null) {
  return useQuery({
    queryKey: forumKeys.revisions(forumId, postId ?? ''),
    queryFn: ({ signal }) => apiRequest<{ revisions: ForumRevisionView[] }>(`${base(forumId)}/posts/${encodeURIComponent(postId ?? '')}/revisions`, { signal }),
    enabled: postId !== null,
  });
}

