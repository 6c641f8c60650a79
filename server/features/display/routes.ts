import { Router } from 'express';
import { DisplayPreferencesSchema, type DisplayPreferences } from '../../../shared/display/preferences';
import { auditedChange } from '../../audit/command';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { loadDisplayPreferences, saveDisplayPreferences } from './preferences';

/** Replaces one's own display preferences. */
async function displayPreferencesChanger(ctx: ServerContext, state: AuthedRequestState, next: DisplayPreferences): Promise<DisplayPreferences> {
  await auditedChange(ctx, async () => {
    await saveDisplayPreferences(ctx, state.user, next, serverNow(ctx));
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
