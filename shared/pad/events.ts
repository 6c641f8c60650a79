/**
 * The pad's Socket.IO events. Text and carets travel on the collab WebSocket; this channel only tells a pad's
 * viewers (the space's room) that something around the text changed, so their lists refresh at once.
 */
export const padClientEvents = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PadClientResults {}

export type PadChange = 'versions' | 'mutes' | 'authors';

export interface PadServerEvents {
  /** Versions, mutes or authorship of a pad changed: refetch. */
  'pad:changed': (change: { spaceId: string; what: PadChange }) => void;
}
