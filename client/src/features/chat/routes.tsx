import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { chatPaths } from './paths';

/** The chat's pages, each loaded on demand, mounted behind the signed-in and charter gates (see client/src/app/router.tsx). */
export const chatRoutes: RouteObject[] = [
  { path: chatPaths.rooms, element: lazyPage(() => import('./ChatRoomsPage'), 'ChatRoomsPage') },
  { path: chatPaths.room, element: lazyPage(() => import('./ChatRoomPage'), 'ChatRoomPage') },
];
