import type { RouteObject } from 'react-router';
import { ChatRoomPage } from './ChatRoomPage';
import { ChatRoomsPage } from './ChatRoomsPage';
import { chatPaths } from './paths';

/** The chat's pages, mounted behind the signed-in and charter gates (see client/src/app/router.tsx). */
export const chatRoutes: RouteObject[] = [
  { path: chatPaths.rooms, element: <ChatRoomsPage /> },
  { path: chatPaths.room, element: <ChatRoomPage /> },
];
