import { Router } from 'express';
import { AppError } from '../../../shared/errors';
import { AcceptCharterSchema, CharterEditSchema, ProfileSchema } from '../../../shared/identity/schemas';
import type { ServerContext } from '../../context';
import { auditActorOf } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { auditedChange } from '../../audit/command';
import { presentCharter, StaleCharterError } from './service';

/** Reading and accepting one's charters; the director edits them (each edit is a new version). */
export function charterRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const { charters } = ctx.services;

  defineRoute(router, runtime, {
    method: 'get',
    path: '/charter',
    policy: { signedIn: 'one reads the charters one must accept', charterExempt: true },
    async handler({ state }) {
      const user = state.user!;
      const current = await Promise.all(user.profiles.map((profile) => charters.current(user.schoolId, profile)));
      return { charters: current.map(presentCharter), state: await charters.state(user) };
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/charter/accept',
    policy: { signedIn: 'one accepts one’s own charter', charterExempt: true },
    body: AcceptCharterSchema,
    async handler({ body, state }) {
      const user = state.user!;
      if (!user.profiles.includes(body.profile)) throw new AppError('VALIDATION', 'This charter is not for your profile');
      try {
        // The acceptance and its event in one transaction: an acceptance is never stored unrecorded (BRIEF rule 2).
        await auditedChange(ctx, async (record) => {
          const { charter, created } = await charters.accept(user, body.profile, body.version);
          if (!created) return;
          await record({
            schoolId: user.schoolId,
            actor: auditActorOf(state),
            origin: 'http',
            event: 'charter.accepted',
            target: { type: 'charter', id: charter._id, ownerId: user._id },
            change: { fields: ['acceptance'], after: { profile: body.profile, version: body.version, charterId: charter._id } },
            reason: `${body.profile} v${body.version}`,
          });
        });
        return { state: await charters.state(user) };
      } catch (error) {
        if (error instanceof StaleCharterError) throw new AppError('CONFLICT', error.message);
        throw error;
      }
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/admin/charters/:profile',
    policy: { check: (state) => ({ action: 'manage', resource: { type: 'charter', schoolId: state.user.schoolId } }) },
    async handler({ params, state }) {
      const profile = ProfileSchema.parse(params.profile);
      return (await charters.history(state.user!.schoolId, profile)).map(presentCharter);
    },
  });

  defineRoute(router, runtime, {
    method: 'post',
    path: '/admin/charters',
    policy: { check: (state) => ({ action: 'manage', resource: { type: 'charter', schoolId: state.user.schoolId } }) },
    body: CharterEditSchema,
    async handler({ body, state }) {
      const user = state.user!;
      // The new version and its event in one transaction; the version it replaces is read in it too.
      const charter = await auditedChange(ctx, async (record) => {
        const { before, published } = await charters.publish({ schoolId: user.schoolId, profile: body.profile, title: body.title, body: body.body, by: user._id });
        await record({
          schoolId: user.schoolId,
          actor: auditActorOf(state),
          origin: 'http',
          event: 'charter.published',
          target: { type: 'charter', id: published._id, ownerId: null },
          change: { fields: ['title', 'body'], before: { title: before.title, body: before.body }, after: { title: published.title, body: published.body } },
          reason: `${body.profile} v${published.version}`,
        });
        return published;
      });
      return presentCharter(charter);
    },
  });

  return router;
}

