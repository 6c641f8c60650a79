import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { forumPaths } from './paths';

/** The forum's pages, each loaded on demand, mounted behind the signed-in and charter gates (see client/src/app/router.tsx). */
export const forumRoutes: RouteObject[] = [
  { path: forumPaths.list, element: lazyPage(() => import('./ForumsPage'), 'ForumsPage') },
  { path: forumPaths.forum, element: lazyPage(() => import('./ForumPage'), 'ForumPage') },
  { path: forumPaths.topic, element: lazyPage(() => import('./TopicPage'), 'TopicPage') },
];
