import type { MeResponse } from '../../../../shared/identity/api';
import { paths } from '../../app/paths';
import { familyPaths } from './paths';

/**
 * The home page of a signed-in user: the family page for an account that is only a parent (what their children did
 * this week is what they come for), « Mon accueil » for everyone else. A landing choice, not a right: the server
 * decides what each page shows.
 */
export function homePathOf(me: Pick<MeResponse, 'profiles'>): string {
  return me.profiles.length > 0 && me.profiles.every((profile) => profile === 'parent') ? familyPaths.family : paths.dashboard;
}
