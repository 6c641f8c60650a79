import { Router } from 'express';
import { zipSync, strToU8, type Zippable } from 'fflate';
import { AppError } from '../../../shared/errors';
import {
  MYDATA_ZIP_PREFIX,
  RectificationAnswerSchema,
  RectificationRequestSchema,
  type MyDataResponse,
  type RectificationAnswer,
  type RectificationQueueResponse,
  type RectificationRequest,
  type RectificationView,
} from '../../../shared/mydata/types';
import { can } from '../../../shared/policy/can';
import type { PolicyQuestion } from '../../http/route';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import { refuseIfLimited } from '../../http/rate-limit';
import type { AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { removalsOf } from '../lifecycle/model';
import type { UserDoc } from '../directory/model';
import { authorOf } from '../directory/service';
import { collectPersonData } from './collect';
import { presentRectifications, rectificationAnswerer, rectificationQueue, rectificationRequester, requestsOf } from './rectifications';
import { summaryHtml } from './summary';

const authed = (state: unknown): AuthedRequestState => state as AuthedRequestState;

/** The ZIP's name: the person's login and the day (Paris), e.g. `mes-donnees-lea.martin-2026-12-07.zip`. */
function zipName(user: UserDoc, now: number): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return `${MYDATA_ZIP_PREFIX}-${user.login.replace(/[^a-z0-9._-]/gi, '_')}-${day}.zip`;
}

/**
 * « Mes données » (issue 17): the ZIP of everything Préau holds about a person, for themself or their guardian
 * (`exportData`), each download audited and limited (`myDataExport`); rectification requests to the direction's
 * queue (`administer`) and their answers, audited.
 */
export function myDataRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const { directory } = ctx.services;

  /** The question about one person's data: the account must exist in the school, then `exportData` decides. */
  async function aboutPerson(state: AuthedRequestState, userId: string): Promise<PolicyQuestion<UserDoc>> {
    const found = await directory.users.findOne({ _id: userId, schoolId: state.user.schoolId });
    if (!found) throw new AppError('NOT_FOUND', 'User not found');
    return { action: 'exportData', resource: { type: 'user', schoolId: found.schoolId, userId: found._id, profiles: found.profiles }, subject: found };
  }
  const administer = (state: AuthedRequestState): PolicyQuestion<undefined> => ({ action: 'administer', resource: { type: 'administration', schoolId: state.user.schoolId } });

  defineRoute<undefined, undefined, MyDataResponse>(router, runtime, {
    method: 'get',
    path: '/my-data',
    policy: { check: (state) => ({ action: 'exportData', resource: { type: 'user', schoolId: state.user.schoolId, userId: state.user._id } }) },
    async handler({ state }) {
      const { actor, user } = authed(state);
      const childIds = actor.children.map((child) => child.userId).filter((id) => can(actor, 'exportData', { type: 'user', schoolId: actor.schoolId, userId: id }));
      const children = childIds.length ? await directory.users.find({ _id: { $in: childIds }, schoolId: actor.schoolId }, { sort: { searchText: 1, _id: 1 } }) : [];
      const requests = await presentRectifications(ctx, actor.schoolId, await requestsOf(ctx, actor.schoolId, user._id));
      const removals = await removalsOf(ctx, actor.schoolId, children.filter((child) => child.status === 'pending_deletion').map((child) => child._id));
      const removalOf = (id: string) => {
        const removal = removals.get(id);
        return removal ? { removal: { deletionDate: removal.deleteAt, objectsToKeeping: removal.objectsToKeeping } } : {};
      };
      return {
        people: [{ id: user._id, displayName: user.displayName, self: true }, ...children.map((child) => ({ id: child._id, displayName: child.displayName, self: false, ...removalOf(child._id) }))],
        requests,
      };
    },
  });

  defineRoute<undefined, undefined, undefined, UserDoc>(router, runtime, {
    method: 'get',
    path: '/my-data/:userId/export',
    policy: { check: (state, { params }) => aboutPerson(state, params.userId ?? '') },
    async handler({ state, subject: person, res }) {
      const { user } = authed(state);
      const key = `user:${user._id}`;
      await refuseIfLimited(ctx, await ctx.services.rateLimits.consume('myDataExport', key), 'myDataExport', key, 'One download of one’s data a minute');
      const now = serverNow(ctx);
      const data = await collectPersonData(ctx, person);
      const files: Zippable = { 'index.html': strToU8(summaryHtml(data, { self: person._id === user._id, now })) };
      for (const [name, section] of Object.entries(data.sections)) files[name] = strToU8(`${JSON.stringify(section, null, 2)}\n`);
      // Images and videos are compressed already: stored as they are.
      for (const file of data.files) files[file.path] = [file.bytes, { level: 0 }];
      const zip = zipSync(files, { level: 6 });
      // A read of personal data, logged like the others (the log is the index of who consulted what).
      await ctx.services.audit.record({
        schoolId: user.schoolId,
        actor: authorOf(state).actor,
        origin: 'http',
        event: 'mydata.exported',
        // The actor and the target say whether a person took their own data or a guardian their child's.
        target: { type: 'user', id: person._id, ownerId: person._id },
      });
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="${zipName(person, now)}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.end(Buffer.from(zip));
      return undefined;
    },
  });

  defineRoute<RectificationRequest, undefined, RectificationView, UserDoc>(router, runtime, {
    method: 'post',
    path: '/my-data/rectifications',
    body: RectificationRequestSchema,
    // Who may exercise the right of access to a person's data may ask the school to correct it.
    policy: { check: (state, { body }) => aboutPerson(state, body.subjectId) },
    async handler({ body, state, subject: person, res }) {
      const author = authorOf(state);
      const key = `user:${author.userId}`;
      await refuseIfLimited(ctx, await ctx.services.rateLimits.consume('myDataRectification', key), 'myDataRectification', key, 'Too many rectification requests');
      const doc = await rectificationRequester(ctx, { ...author, userId: authed(state).user._id }, person._id, body.text);
      res.status(201);
      return (await presentRectifications(ctx, doc.schoolId, [doc]))[0]!;
    },
  });

  defineRoute<undefined, undefined, RectificationQueueResponse>(router, runtime, {
    method: 'get',
    path: '/admin/rectifications',
    policy: { check: administer },
    async handler({ state }) {
      const schoolId = authed(state).user.schoolId;
      return { requests: await presentRectifications(ctx, schoolId, await rectificationQueue(ctx, schoolId)) };
    },
  });

  defineRoute<RectificationAnswer, undefined, RectificationView>(router, runtime, {
    method: 'post',
    path: '/admin/rectifications/:id/answer',
    body: RectificationAnswerSchema,
    policy: { check: administer },
    async handler({ body, params, state }) {
      const author = authorOf(state);
      const doc = await rectificationAnswerer(ctx, { ...author, userId: authed(state).user._id }, params.id ?? '', body);
      return (await presentRectifications(ctx, doc.schoolId, [doc]))[0]!;
    },
  });

  return router;
}
