import { Router } from 'express';
import type { ClassMembers, ClassSummary, CreatedAccount, DashboardResponse, ImportedAccount, Page, PublicUser, UserDetail } from '../../../shared/identity/api';
import {
  ConnectionSheetsSchema,
  CreateClassSchema,
  CreateUserSchema,
  ImportCsvSchema,
  RestoreSchema,
  SuspendSchema,
  UpdateProfilesSchema,
  UserListQuerySchema,
} from '../../../shared/identity/schemas';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { defineRoute, type PolicyQuestion, type RouteRuntime } from '../../http/route';
import { importClassList } from '../directory/import';
import { classMembers, dashboard, listClasses, listUsers, presentClass, userDetail } from '../directory/queries';
import {
  authorOf,
  changeProfiles,
  createAccount,
  createClass,
  resetPassword,
  restoreUser,
  suspendUser,
} from '../directory/service';
import { renderConnectionSheets } from './connection-sheet';

/**
 * The administration API (mounted at `/api`): accounts, classes, the yearly import and its connection sheets,
 * plus every user's dashboard. Account administration is for the direction and the admin (`administer`);
 * a teacher may also suspend and restore a pupil of their class, and read the roster of a class they teach.
 */
export function adminRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const { directory } = ctx.services;

  const administer = (state: AuthedRequestState): PolicyQuestion => ({
    action: 'administer',
    resource: { type: 'administration', schoolId: state.user.schoolId },
  });
  // The resource names the target's own school, so an id from another school is denied (and audited) by can().
  const userQuestion = async (state: AuthedRequestState, action: PolicyQuestion['action'], userId: string): Promise<PolicyQuestion> => {
    const target = await directory.users.findOne({ _id: userId });
    return { action, resource: { type: 'user', schoolId: target?.schoolId ?? state.user.schoolId, userId } };
  };

  defineRoute(router, runtime, {
    method: 'get',
    path: '/admin/users',
    policy: { check: administer },
    query: UserListQuerySchema,
    handler: ({ query, state }): Promise<Page<PublicUser>> => listUsers(ctx, state.user!.schoolId, query),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users',
    policy: { check: administer },
    body: CreateUserSchema,
    handler: ({ body, state }): Promise<CreatedAccount> => createAccount(ctx, authorOf(state), body),
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/admin/users/:id',
    policy: { check: administer },
    async handler({ params, state }): Promise<UserDetail> {
      const detail = await userDetail(ctx, state.user!.schoolId, params.id ?? '');
      const reader = state.user!.profiles;
      // The admin's extended rights are themselves logged (BRIEF: admin); the director reads as the school's head.
      if (reader.includes('admin') && !reader.includes('director')) {
        await ctx.services.audit.record({
          schoolId: state.user!.schoolId,
          actor: authorOf(state).actor,
          origin: 'http',
          event: 'admin.read_personal',
          target: { type: 'user', id: detail.user.id, ownerId: detail.user.id },
          context: { classId: detail.classes[0]?.id ?? null },
          reason: 'account detail',
        });
      }
      return detail;
    },
  });

  defineRoute(router, runtime, {
    method: 'put',
    path: '/admin/users/:id/profiles',
    policy: { check: administer },
    body: UpdateProfilesSchema,
    handler: ({ body, params, state }): Promise<PublicUser> => changeProfiles(ctx, authorOf(state), params.id ?? '', body.profiles),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users/:id/suspend',
    policy: { check: (state, { params }) => userQuestion(state, 'suspend', params.id ?? '') },
    body: SuspendSchema,
    handler: ({ body, params, state }): Promise<PublicUser> => suspendUser(ctx, authorOf(state), params.id ?? '', body.reason),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users/:id/restore',
    policy: { check: (state, { params }) => userQuestion(state, 'suspend', params.id ?? '') },
    body: RestoreSchema,
    handler: ({ body, params, state }): Promise<PublicUser> => restoreUser(ctx, authorOf(state), params.id ?? '', body.reason ?? null),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users/:id/reset-password',
    policy: { check: administer },
    handler: ({ params, state }): Promise<CreatedAccount> => resetPassword(ctx, authorOf(state), params.id ?? ''),
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/admin/classes',
    policy: { check: administer },
    handler: ({ state }): Promise<ClassSummary[]> => listClasses(ctx, state.user!.schoolId),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/classes',
    policy: { check: administer },
    body: CreateClassSchema,
    handler: async ({ body, state }): Promise<ClassSummary> => presentClass(await createClass(ctx, authorOf(state), body)),
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/admin/classes/:id/members',
    policy: {
      // The class's teachers read its roster (to find the pupil they must suspend); anyone else needs `manage`.
      async check(state, { params }) {
        const classId = params.id ?? '';
        const found = await directory.classes.findOne({ _id: classId });
        const action = state.actor.teacherClassIds.includes(classId) ? 'read' : 'manage';
        return { action, resource: { type: 'class', schoolId: found?.schoolId ?? state.user.schoolId, classId } };
      },
    },
    handler: ({ params, state }): Promise<ClassMembers> => classMembers(ctx, state.user!.schoolId, params.id ?? ''),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/import',
    policy: {
      async check(state, { body }) {
        const found = await directory.classes.findOne({ _id: body.classId });
        return { action: 'manage', resource: { type: 'class', schoolId: found?.schoolId ?? state.user.schoolId, classId: body.classId } };
      },
    },
    body: ImportCsvSchema,
    handler: async ({ body, state }): Promise<{ accounts: ImportedAccount[] }> => ({
      accounts: await importClassList(ctx, authorOf(state), body),
    }),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/connection-sheets',
    policy: { check: administer },
    body: ConnectionSheetsSchema,
    async handler({ body, state, res }) {
      const school = await directory.schools.findOne({ _id: state.user!.schoolId });
      const html = renderConnectionSheets(body.accounts, school?.name ?? '', ctx.origins.publicOrigin);
      // The page holds passwords: never cached, never indexed.
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(html);
      return undefined;
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/dashboard',
    policy: { signedIn: 'everyone sees the classes and groups that concern them (and their children)' },
    handler: ({ state }): Promise<DashboardResponse> => dashboard(ctx, state.actor!),
  });

  return router;
}
