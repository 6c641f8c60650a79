import type { SpaceRights, SpaceSummary, SpaceView } from '../../../../shared/spaces/types';

/** No right at all: what a space without its viewer's rights (an old answer) grants. */
export const NO_SPACE_RIGHTS: SpaceRights = { read: false, comment: false, write: false, moderate: false, configure: false };

/**
 * The viewer's rights in a space, as the server sent them with it (`GET /api/spaces`, `space:join`,
 * `space:updated`). A space typed as a bare summary still carries them at run time; one that truly has none
 * grants nothing, so a control never shows on a guess.
 */
export function rightsOf(space: SpaceSummary | SpaceView): SpaceRights {
  const rights = (space as Partial<SpaceView>).rights;
  return rights ?? NO_SPACE_RIGHTS;
}
