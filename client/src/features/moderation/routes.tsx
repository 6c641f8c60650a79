import type { RouteObject } from 'react-router';
import { ModerationPage } from './ModerationPage';
import { moderationPath } from './paths';

/** The moderation console, behind the signed-in and charter gates (the server decides who may join a scope). */
export const moderationRoutes: RouteObject[] = [{ path: moderationPath, element: <ModerationPage /> }];
