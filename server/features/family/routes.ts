import { Router } from 'express';
import { AppError } from '../../../shared/errors';
import { WeekFeedQuerySchema, type ChildWeekFeed, type ClassWeekFeed, type FamilyResponse, type WeekFeedQuery } from '../../../shared/family/types';
import type { Actor } from '../../../shared/policy/actor';
import { can } from '../../../shared/policy/can';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import type { ClassDoc, UserDoc } from '../directory/model';
import { spaceResource, spacesCollection, type SpaceDoc } from '../spaces/model';
import { weekFeed } from './feed';

const authed = (state: unknown): AuthedRequestState => state as AuthedRequestState;

/** The spaces of these classes and groups that the actor may read (chats hold no feed's contributions). */
async function readableSpaces(ctx: ServerContext, actor: Actor, scopeIds: string[]): Promise<SpaceDoc[]> {
  if (scopeIds.length === 0) return [];
  const spaces = await spacesCollection(ctx.store).find({ schoolId: actor.schoolId, scopeId: { $in: scopeIds }, deletedAt: null });
  return spaces.filter((space) => space.kind !== 'chat' && can(actor, 'read', spaceResource(space)));
}

/**
 * The family page (`/famille`): a parent's children and each one's week; the teachers' class week (« Cette semaine
 * en CE2 ») with each pupil's count. Both read the audit log as the index of contributions and show only what the
 * reader may read of each, asked to the policy table item by item.
 */
export function familyRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const { directory } = ctx.services;

  defineRoute<undefined, undefined, FamilyResponse, Actor>(router, runtime, {
    method: 'get',
    path: '/family',
    // Everyone reads their own family: a parent gets their children, anyone else none.
    policy: { check: (state) => ({ action: 'read', resource: { type: 'user', schoolId: state.user.schoolId, userId: state.user._id }, subject: state.actor }) },
    async handler({ subject: actor }) {
      const children = actor.children.filter((child) => can(actor, 'read', { type: 'user', schoolId: actor.schoolId, userId: child.userId }));
      if (children.length === 0) return { children: [] };
      const users = await directory.users.find({ _id: { $in: children.map((child) => child.userId) }, schoolId: actor.schoolId }, { sort: { searchText: 1, _id: 1 } });
      const classIds = [...new Set(children.flatMap((child) => child.classIds))];
      const classes = new Map((classIds.length > 0 ? await directory.classes.find({ _id: { $in: classIds }, schoolId: actor.schoolId }) : []).map((found) => [found._id, found]));
      return {
        children: users.map((user) => ({
          id: user._id,
          displayName: user.displayName,
          classes: (children.find((child) => child.userId === user._id)?.classIds ?? []).flatMap((id) => {
            const found = classes.get(id);
            return found ? [{ id: found._id, name: found.name }] : [];
          }),
        })),
      };
    },
  });

  defineRoute<undefined, WeekFeedQuery, ChildWeekFeed, UserDoc>(router, runtime, {
    method: 'get',
    path: '/family/children/:childId/feed',
    query: WeekFeedQuerySchema,
    policy: {
      async check(state, { params }) {
        const childId = params.childId ?? '';
        // Another family's child does not exist for this parent (no 403 that would confirm the account).
        if (!state.actor.children.some((child) => child.userId === childId)) throw new AppError('NOT_FOUND', 'Child not found');
        const child = await directory.users.findOne({ _id: childId, schoolId: state.user.schoolId });
        if (!child) throw new AppError('NOT_FOUND', 'Child not found');
        return { action: 'read', resource: { type: 'user', schoolId: state.user.schoolId, userId: childId }, subject: child };
      },
    },
    async handler({ query, state, subject: child }) {
      const { actor } = authed(state);
      const memberships = actor.children.find((found) => found.userId === child._id)!;
      const spaces = await readableSpaces(ctx, actor, [...memberships.classIds, ...memberships.groupIds]);
      const { feed } = await weekFeed(ctx, { actor, subjectIds: new Set([child._id]) }, spaces, query.before ?? serverNow(ctx));
      return { ...feed, child: { id: child._id, displayName: child.displayName } };
    },
  });

  defineRoute<undefined, WeekFeedQuery, ClassWeekFeed, ClassDoc>(router, runtime, {
    method: 'get',
    path: '/classes/:classId/feed',
    query: WeekFeedQuerySchema,
    policy: {
      async check(state, { params }) {
        const found = await directory.classes.findOne({ _id: params.classId ?? '', schoolId: state.user.schoolId });
        if (!found) throw new AppError('NOT_FOUND', 'Class not found');
        // Who reads the class's log (its teachers, the director) reads its week: the feed is built from the log.
        return { action: 'readAudit', resource: { type: 'auditLog', schoolId: found.schoolId, classId: found._id }, subject: found };
      },
    },
    async handler({ query, state, subject: found }) {
      const { actor } = authed(state);
      const memberships = await directory.memberships.find({ kind: 'class', targetId: found._id });
      const pupilIds = memberships.filter((member) => member.role !== 'teacher').map((member) => member.userId);
      const pupils = pupilIds.length > 0 ? await directory.users.find({ _id: { $in: pupilIds }, schoolId: found.schoolId, profiles: 'pupil' }, { sort: { searchText: 1, _id: 1 } }) : [];
      const spaces = await readableSpaces(ctx, actor, [found._id]);
      const { feed, all } = await weekFeed(ctx, { actor, subjectIds: new Set(pupils.map((pupil) => pupil._id)) }, spaces, query.before ?? serverNow(ctx));
      const counts = new Map<string, number>();
      for (const entry of all) if (entry.byChild && entry.authorId) counts.set(entry.authorId, (counts.get(entry.authorId) ?? 0) + 1);
      return {
        ...feed,
        class: { id: found._id, name: found.name },
        pupils: pupils.map((pupil) => ({ id: pupil._id, displayName: pupil.displayName, count: counts.get(pupil._id) ?? 0 })),
      };
    },
  });

  return router;
}
