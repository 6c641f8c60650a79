import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { familyPaths } from './paths';

/** The family page and the class week, each loaded on demand (the server decides who reads what). */
export const familyRoutes: RouteObject[] = [
  { path: familyPaths.family, element: lazyPage(() => import('./FamilyPage'), 'FamilyPage') },
  { path: familyPaths.classWeek, element: lazyPage(() => import('./ClassWeekPage'), 'ClassWeekPage') },
];
