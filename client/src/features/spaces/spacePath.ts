import type { SpaceKind } from '../../../../shared/spaces/types';

/** The page of a space, by kind (French paths). */
export const SPACE_PATH_PREFIX: Record<SpaceKind, string> = {
  wall: '/murs',
  pad: '/pads',
  forum: '/forums',
  chat: '/discussions',
};

export function spacePath(kind: SpaceKind, spaceId: string): string {
  return `${SPACE_PATH_PREFIX[kind]}/${encodeURIComponent(spaceId)}`;
}
