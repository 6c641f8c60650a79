import { Router } from 'express';
import { z } from 'zod';
import { auditedChange } from '../../../audit/command';
import { serverNow } from '../../../clock';
import type { ServerContext } from '../../../context';
import { auditActorOf, mainProfile } from '../../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../../http/route';
import { loadPreferences, savePreferences } from '../preferences';
import { escapeHtml } from '../../admin/connection-sheet';
import { EMAIL_WORDS } from './fr';
import { verifyUnsubscribeToken } from './token';

const UnsubscribeQuerySchema = z.object({ token: z.string().max(512) }).strict();

/** The small French page the link answers with. */
function page(title: string, body: string, preau: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(preau)}">${escapeHtml(EMAIL_WORDS.backToPreau)}</a></p></main></body></html>
`;
}

/**
 * Turns e-mails off for the person the token names (summaries and urgent e-mails), audited in the same
 * transaction; nothing to do (and nothing audited) when they were already off. False for a token that is not ours.
 */
async function unsubscribe(ctx: ServerContext, token: string, actor: ReturnType<typeof auditActorOf>): Promise<boolean> {
  const userId = verifyUnsubscribeToken(ctx.config.sessionSecret, token);
  if (!userId) return false;
  const user = await ctx.services.directory.users.findOne({ _id: userId });
  if (!user) return false;
  await auditedChange(ctx, async (record) => {
    const current = await loadPreferences(ctx, user._id);
    if (current.email === 'off' && !current.emailUrgent) return;
    const next = { ...current, email: 'off' as const, emailUrgent: false };
    await savePreferences(ctx, user, next, serverNow(ctx));
    await record({
      schoolId: user.schoolId,
      actor: { ...actor, userId: user._id, profile: mainProfile(user.profiles) },
      origin: 'http',
      event: 'notifications.email_unsubscribed',
      target: { type: 'user', id: user._id, ownerId: user._id },
      change: { fields: ['email', 'emailUrgent'], before: { email: current.email, emailUrgent: current.emailUrgent }, after: { email: next.email, emailUrgent: next.emailUrgent } },
      reason: 'one-click link of an e-mail',
    });
  });
  return true;
}

/**
 * `GET /api/notifications/unsubscribe?token=…`: the one-click link of every e-mail, working without signing in (the
 * token is signed with the server's secret), answering a small French page; `POST` is the same for mail clients
 * that unsubscribe themselves (RFC 8058, `List-Unsubscribe-Post`).
 */
export function emailRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  for (const method of ['get', 'post'] as const) {
    defineRoute(router, runtime, {
      method,
      path: '/notifications/unsubscribe',
      policy: { public: 'the one-click unsubscribe link of an e-mail: its signed token names the person, no session needed' },
      query: UnsubscribeQuerySchema,
      async handler({ query, state, res }) {
        const done = await unsubscribe(ctx, query.token, auditActorOf(state));
        const preau = `${ctx.origins.publicOrigin}/`;
        res.setHeader('Cache-Control', 'no-store');
        res
          .status(done ? 200 : 400)
          .type('html')
          .send(done ? page(EMAIL_WORDS.unsubscribedTitle, EMAIL_WORDS.unsubscribedBody, preau) : page(EMAIL_WORDS.invalidTitle, EMAIL_WORDS.invalidBody, preau));
        return undefined;
      },
    });
  }
  return router;
}
