import type { RouteObject } from 'react-router';
import { ForumPage } from './ForumPage';
import { ForumsPage } from './ForumsPage';
import { forumPaths } from './paths';
import { TopicPage } from './TopicPage';

/** The forum's pages, mounted behind the signed-in and charter gates (see client/src/app/router.tsx). */
export const forumRoutes: RouteObject[] = [
  { path: forumPaths.list, element: <ForumsPage /> },
  { path: forumPaths.forum, element: <ForumPage /> },
  { path: forumPaths.topic, element: <TopicPage /> },
];
