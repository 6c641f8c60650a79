import type { MeResponse } from '../../../../shared/identity/api';
import { paths } from '../../app/paths';
import { followsChildrenOnly } from '../../lib/capabilities';
import { familyPaths } from './paths';

/**
 * The home page of a signed-in user: the family page for someone who follows children and runs no class (what their
 * children did this week is what they come for), « Mon accueil » for everyone else. Decided from the capabilities the
 * server sends, never from profile names.
 */
export function homePathOf(me: Pick<MeResponse, 'capabilities'>): string {
  return followsChildrenOnly(me.capabilities) ? familyPaths.family : paths.dashboard;
}
