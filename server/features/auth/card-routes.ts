import type { Router } from 'express';
import { AppError } from '../../../shared/errors';
import { PasswordChangeSettingSchema, type IssuedClassCards, type IssuedSignInCard, type PasswordChangeSetting } from '../../../shared/identity/sign-in-card';
import { can } from '../../../shared/policy/can';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { defineRoute, notFound, type PolicyQuestion, type RouteRuntime } from '../../http/route';
import { presentUser, type ClassDoc, type UserDoc } from '../directory/model';
import { presentClass } from '../directory/queries';
import { authorOf } from '../directory/service';
import { passwordChangeSetting, setPasswordChangeSetting } from './password-policy';
import { classOfAccount } from './sign-in-codes';
import { issueSignInCards, revokeSignInCard } from './sign-in-cards';

/**
 * Class sign-in cards, from the class roster (issue 18): a teacher prints the class's cards (a QR code per pupil),
 * gives one pupil a new card (their old card and sessions end), or revokes a card. Each pupil is asked to the
 * policy table (`issueSignInCode`), so a teacher acts only on the pupils of their classes; a new provisional
 * password is the administration's `reset-password`, which the table opens to a pupil's teachers too. The director sets which levels keep their
 * given password (`manage` on the school's charter, like the school's other rules).
 */
export function signInCardRoutes(router: Router, ctx: ServerContext, runtime: RouteRuntime): void {
  const { directory } = ctx.services;

  const aboutUser = async (state: AuthedRequestState, action: 'issueSignInCode' | 'resetCredentials', userId: string): Promise<PolicyQuestion<UserDoc | null>> => {
    const target = await directory.users.findOne({ _id: userId });
    return { action, resource: { type: 'user', schoolId: target?.schoolId ?? state.user.schoolId, userId, profiles: target?.profiles ?? [] }, subject: target };
  };

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/classes/:id/sign-in-cards',
    policy: {
      // Its teachers and the direction; each pupil's card is then asked on its own below.
      async check(state, { params }): Promise<PolicyQuestion<ClassDoc | null>> {
        const classId = params.id ?? '';
        const found = await directory.classes.findOne({ _id: classId });
        const action = state.actor.teacherClassIds.includes(classId) ? 'read' : 'manage';
        return { action, resource: { type: 'class', schoolId: found?.schoolId ?? state.user.schoolId, classId }, subject: found };
      },
    },
    async handler({ state, subject }): Promise<IssuedClassCards> {
      const found = subject ?? notFound('Class');
      const pupilIds = (await directory.memberships.find({ kind: 'class', targetId: found._id, role: 'pupil' })).map((membership) => membership.userId);
      const pupils = await directory.users.find({ _id: { $in: pupilIds }, schoolId: found.schoolId, status: 'active' }, { sort: { displayName: 1 } });
      const actor = state.actor!;
      const holders = pupils
        .filter((user) => user._id !== actor.userId && can(actor, 'issueSignInCode', { type: 'user', schoolId: user.schoolId, userId: user._id, profiles: user.profiles }))
        .map((user) => ({ user, presented: presentUser(user) }));
      const cards = await issueSignInCards(ctx, authorOf(state), found._id, holders, { endSessions: false });
      return { class: presentClass(found), cards };
    },
  });

  /** The class a pupil's card belongs to: the one of the reader's classes the pupil is in, else the pupil's class. */
  const cardClassOf = async (state: AuthedRequestState, userId: string): Promise<string> => {
    const memberships = await directory.memberships.find({ userId, kind: 'class', role: 'pupil' });
    const taught = memberships.find((membership) => state.actor.teacherClassIds.includes(membership.targetId));
    const classId = taught?.targetId ?? memberships[0]?.targetId;
    if (!classId) throw new AppError('CONFLICT', 'This account is in no class: a class card needs one');
    return classId;
  };

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/users/:id/sign-in-card',
    policy: { check: (state, { params }) => aboutUser(state, 'issueSignInCode', params.id ?? '') },
    async handler({ state, subject }): Promise<IssuedSignInCard> {
      const user = subject ?? notFound('User');
      if (user._id === state.user!._id) throw new AppError('VALIDATION', 'Nobody issues a sign-in card for themselves');
      const classId = await cardClassOf(state as AuthedRequestState, user._id);
      // A new card is a reset of the pupil's access: the old card and every open session end.
      const [card] = await issueSignInCards(ctx, authorOf(state), classId, [{ user, presented: presentUser(user) }], { endSessions: true });
      return card!;
    },
  });

  defineRoute(router, runtime, {
    method: 'delete',
    path: '/admin/users/:id/sign-in-card',
    policy: { check: (state, { params }) => aboutUser(state, 'issueSignInCode', params.id ?? '') },
    handler: async ({ state, subject }) => revokeSignInCard(ctx, authorOf(state), subject, subject ? await classOfAccount(ctx, subject._id) : null),
  });

  const manageSchool = (state: AuthedRequestState): PolicyQuestion<never> => ({ action: 'manage', resource: { type: 'charter', schoolId: state.user.schoolId } });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/admin/school/password-change',
    policy: { check: manageSchool },
    handler: ({ state }): Promise<PasswordChangeSetting> => passwordChangeSetting(ctx, state.user!.schoolId),
  });

  defineRoute(router, runtime, {
    method: 'put',
    path: '/admin/school/password-change',
    policy: { check: manageSchool },
    body: PasswordChangeSettingSchema,
    handler: ({ state, body }): Promise<PasswordChangeSetting> => setPasswordChangeSetting(ctx, authorOf(state), body),
  });
}
