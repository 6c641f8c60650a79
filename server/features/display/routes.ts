import { Router } from 'express';
import { DisplayPreferencesSchema, type DisplayPreferences } from '../../../shared/display/preferences';
import { auditedChange } from '../../audit/command';
import { recordChange } from '../../audit/log';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { loadDisplayPreferences, saveDisplayPreferences } from './preferences';

/** Replaces one's own display preferences, audited as the other preferences are. */
async function displayPreferencesChanger(ctx: ServerContext, state: AuthedRequestState, next: DisplayPreferences): Promise<DisplayPreferences> {
  await auditedChange(ctx, async (record) => {
    const before = await loadDisplayPreferences(ctx, state.user._id);
    await saveDisplayPreferences(ctx, state.user, next, serverNow(ctx));
    await record({
      schoolId: state.user.schoolId,
      actor: auditActorOf(state),
      origin: 'http',
      event: 'display.preferences_changed',
      target: { type: 'displayPreferences', id: state.user._id, ownerId: state.user._id },
      change: recordChange(before, next),
    });
  });
  return next;
}

/**
 * One's own display preferences (« Mon compte » › « Affichage »): read at sign-in on any device, before the charter
 * too (its page is shown with them), changed from the account page.
 */
export function displayRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  defineRoute(router, runtime, {
    method: 'get',
    path: '/me/display',
    policy: { signedIn: 'one reads one’s own display preferences', charterExempt: true },
    handler: ({ state }) => loadDisplayPreferences(ctx, state.user!._id),
  });
  defineRoute(router, runtime, {
    method: 'put',
    path: '/me/display',
    body: DisplayPreferencesSchema,
    policy: { signedIn: 'one changes one’s own display preferences', charterExempt: true },
    handler: ({ state, body }) => displayPreferencesChanger(ctx, state as AuthedRequestState, body),
  });
  return router;
}
