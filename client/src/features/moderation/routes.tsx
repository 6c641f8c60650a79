import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import { moderationPath } from './paths';

/** The moderation console, loaded on demand, behind the signed-in and charter gates (the server decides who may join a scope). */
export const moderationRoutes: RouteObject[] = [{ path: moderationPath, element: lazyPage(() => import('./ModerationPage'), 'ModerationPage') }];
