import { Router } from 'express';
import type {
  AccountRights,
  AdministeredUserPage,
  ClassMembers,
  ClassSummary,
  CreatedAccount,
  DashboardResponse,
  ImportedAccount,
  IssuedSignInCode,
  PublicUser,
  UserDetail,
} from '../../../shared/identity/api';
import type { Actor } from '../../../shared/policy/actor';
import { ImportApplySchema, ImportPreviewSchema, type ImportApplied, type ImportPreview, type ImportStale } from '../../../shared/identity/import-preview';
import { can } from '../../../shared/policy/can';
import { PROFILES, type Profile } from '../../../shared/identity/profiles';
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
import { defineRoute, notFound, type PolicyQuestion, type RouteRuntime } from '../../http/route';
import { applyImport, importClassList, previewImport, StaleImportError } from '../directory/import';
import type { ClassDoc, UserDoc } from '../directory/model';
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
import { issueSignInCode } from '../auth/sign-in-codes';
import { renderConnectionSheets } from './connection-sheet';
import { RemoveUserSchema } from '../../../shared/lifecycle/schemas';
import { removeUser } from '../lifecycle/remove';

/**
 * What a reader may do to an account, asked to the policy table with the same questions as the routes: the
 * client shows these actions only (nobody acts on their own account from the administration).
 */
function accountRights(actor: Actor, user: PublicUser): AccountRights {
  const resource = { type: 'user' as const, schoolId: actor.schoolId, userId: user.id, profiles: user.profiles };
  const other = user.id !== actor.userId;
  return {
    suspend: other && can(actor, 'suspend', resource),
    resetCredentials: other && can(actor, 'resetCredentials', resource),
    changeProfiles: other && can(actor, 'administer', { type: 'administration', schoolId: actor.schoolId }) && can(actor, 'manage', resource),
    issueSignInCode: other && user.status === 'active' && can(actor, 'issueSignInCode', resource),
    remove: other && user.status !== 'pending_deletion' && can(actor, 'administer', { type: 'administration', schoolId: actor.schoolId }) && can(actor, 'suspend', resource),
  };
}

/**
 * The administration API (mounted at `/api`): accounts, classes, the yearly import and its connection sheets,
 * plus every user's dashboard. Account administration is for the direction and the admin (`administer`);
 * a teacher may also suspend and restore a pupil of their class, give them a one-time sign-in code, and read the
 * roster of a class they teach.
 * Administration cannot escalate: giving or taking back a profile asks `grant` for that profile, resetting
 * credentials and suspending ask about the target's current profiles (only a director makes or unmakes a
 * director, or resets a director's or a teacher's password), every refusal audited by the route runtime.
 */
export function adminRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const { directory } = ctx.services;

  // Questions without a subject (`never`) combine with a question that has one.
  const administer = (state: AuthedRequestState): PolicyQuestion<never> => ({
    action: 'administer',
    resource: { type: 'administration', schoolId: state.user.schoolId },
  });
  /** Giving or taking back one profile. */
  const grant = (state: AuthedRequestState, profile: Profile): PolicyQuestion<never> => ({
    action: 'grant',
    resource: { type: 'profileGrant', schoolId: state.user.schoolId, profile },
  });
  /**
   * A question about one account, loaded once: the resource names the target's own school (an id from another
   * school is denied, and audited, by can()) and its current profiles; the handler acts on that same read.
   * An unknown id is asked about in the actor's school, and the handler answers NOT_FOUND.
   */
  const aboutUser = async (state: AuthedRequestState, action: PolicyQuestion['action'], userId: string): Promise<PolicyQuestion<UserDoc | null>> => {
    const target = await directory.users.findOne({ _id: userId });
    return {
      action,
      resource: { type: 'user', schoolId: target?.schoolId ?? state.user.schoolId, userId, profiles: target?.profiles ?? [] },
      subject: target,
    };
  };

  defineRoute(router, runtime, {
    method: 'get',
    path: '/admin/users',
    policy: { check: administer },
    query: UserListQuerySchema,
    async handler({ query, state }): Promise<AdministeredUserPage> {
      const actor = state.actor!;
      const page = await listUsers(ctx, actor.schoolId, query);
      return {
        ...page,
        items: page.items.map((user) => ({ ...user, rights: accountRights(actor, user) })),
        grants: PROFILES.filter((profile) => can(actor, 'grant', { type: 'profileGrant', schoolId: actor.schoolId, profile })),
      };
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users',
    // Each profile the new account gets is a grant (only a director makes a director).
    policy: { check: (state, { body }) => [administer(state), ...[...new Set(body.profiles)].map((profile) => grant(state, profile))] },
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
    policy: {
      // Each profile given AND each taken back is a grant: unmaking a director needs a director too.
      async check(state, { body, params }) {
        const target = await aboutUser(state, 'manage', params.id ?? '');
        const current = target.subject?.profiles ?? [];
        const changed = PROFILES.filter((profile) => current.includes(profile) !== body.profiles.includes(profile));
        return [administer(state), target, ...changed.map((profile) => grant(state, profile))];
      },
    },
    body: UpdateProfilesSchema,
    handler: ({ body, state, subject }): Promise<PublicUser> => changeProfiles(ctx, authorOf(state), subject, body.profiles),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users/:id/suspend',
    policy: { check: (state, { params }) => aboutUser(state, 'suspend', params.id ?? '') },
    body: SuspendSchema,
    handler: ({ body, state, subject }): Promise<PublicUser> => suspendUser(ctx, authorOf(state), subject, body.reason),
  });

  // « Retirer de l'école » (issue 17): the direction only (`administer`, and `suspend` about this account).
  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users/:id/remove',
    policy: { check: async (state, { params }) => [administer(state), await aboutUser(state, 'suspend', params.id ?? '')] },
    body: RemoveUserSchema,
    handler: ({ body, state, subject }): Promise<PublicUser> => removeUser(ctx, authorOf(state), subject, body),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users/:id/restore',
    policy: { check: (state, { params }) => aboutUser(state, 'suspend', params.id ?? '') },
    body: RestoreSchema,
    handler: ({ body, state, subject }): Promise<PublicUser> => restoreUser(ctx, authorOf(state), subject, body.reason ?? null),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users/:id/reset-password',
    policy: { check: (state, { params }) => aboutUser(state, 'resetCredentials', params.id ?? '') },
    handler: ({ state, subject }): Promise<CreatedAccount> => resetPassword(ctx, authorOf(state), subject),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users/:id/sign-in-code',
    // A credential like a reset: the direction (never the admin for staff), and a pupil's teachers for their pupils.
    policy: { check: (state, { params }) => aboutUser(state, 'issueSignInCode', params.id ?? '') },
    handler: ({ state, subject }): Promise<IssuedSignInCode> => issueSignInCode(ctx, authorOf(state), subject),
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
        return { action, resource: { type: 'class', schoolId: found?.schoolId ?? state.user.schoolId, classId }, subject: found };
      },
    },
    async handler({ state, subject }): Promise<ClassMembers> {
      const members = await classMembers(ctx, subject ?? notFound('Class'));
      // What the reader may do to each pupil (suspend, a one-time sign-in code…), asked to the policy table.
      return { ...members, pupils: members.pupils.map((pupil) => ({ ...pupil, rights: accountRights(state.actor!, pupil) })) };
    },
  });

  // An import gives the pupil and parent profiles: asked like any grant.
  const importCheck = async (state: AuthedRequestState, body: { classId: string }): Promise<PolicyQuestion<ClassDoc | null>[]> => {
    const found = await directory.classes.findOne({ _id: body.classId });
    const resource = { type: 'class' as const, schoolId: found?.schoolId ?? state.user.schoolId, classId: body.classId };
    return [{ action: 'manage', resource, subject: found }, grant(state, 'pupil'), grant(state, 'parent')];
  };

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/import',
    policy: { check: (state, { body }) => importCheck(state, body) },
    body: ImportCsvSchema,
    handler: async ({ body, state, subject }): Promise<{ accounts: ImportedAccount[] }> => ({
      accounts: await importClassList(ctx, authorOf(state), body, subject ?? notFound('Class')),
    }),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/import/preview',
    policy: { check: (state, { body }) => importCheck(state, body) },
    body: ImportPreviewSchema,
    handler: async ({ body, state, subject }): Promise<ImportPreview> => previewImport(ctx, authorOf(state), body, subject ?? notFound('Class')),
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/import/apply',
    policy: { check: (state, { body }) => importCheck(state, body) },
    body: ImportApplySchema,
    async handler({ body, state, subject, res }): Promise<ImportApplied | undefined> {
      try {
        return await applyImport(ctx, authorOf(state), body, subject ?? notFound('Class'));
      } catch (error) {
        if (!(error instanceof StaleImportError)) throw error;
        // The directory changed since the preview: nothing written, the director reads the new plan.
        const answer: ImportStale = { error: { code: 'CONFLICT', message: error.message }, preview: error.preview };
        res.status(409).json(answer);
        return undefined;
      }
    },
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
