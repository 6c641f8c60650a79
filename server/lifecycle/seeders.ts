import { demoSchoolSeeder } from '../features/directory/seed';
import type { Seeder } from './seed';

/** The demo seed, in order. Features append their seeders here. */
export const demoSeeders: Seeder[] = [demoSchoolSeeder];
