/** The forum's URLs (French; the dashboard links forums as `/forums/:id`, see features/spaces/spacePath.ts). */
export const forumPaths = {
  list: '/forums',
  forum: '/forums/:forumId',
  topic: '/forums/:forumId/sujets/:topicId',
} as const;

export const forumPath = (forumId: string): string => `/forums/${encodeURIComponent(forumId)}`;
export const topicPath = (forumId: string, topicId: string, page?: number, seq?: number): string =>
  `/forums/${encodeURIComponent(forumId)}/sujets/${encodeURIComponent(topicId)}${page && page > 1 ? `?page=${page}` : ''}${seq ? `#message-${seq}` : ''}`;
