/** The chat's URLs (French; the dashboard links rooms as `/discussions/:id`, see features/spaces/spacePath.ts). */
export const chatPaths = {
  rooms: '/discussions',
  room: '/discussions/:roomId',
} as const;

export const chatRoomPath = (roomId: string): string => `/discussions/${encodeURIComponent(roomId)}`;
