import { Router } from 'express';
import { AppError } from '../../../shared/errors';
import { NOTIFICATION_PAGE_SIZE } from '../../../shared/notifications/limits';
import { NotificationPageQuerySchema, NotificationPreferencesSchema } from '../../../shared/notifications/schemas';
import type { NotificationKind, NotificationPage, NotificationPreferences, NotificationView } from '../../../shared/notifications/types';
import type { Actor } from '../../../shared/policy/actor';
import { can } from '../../../shared/policy/can';
import { auditedChange } from '../../audit/command';
import { recordChange } from '../../audit/log';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { userRoom } from '../../realtime/handlers';
import { moderationAdapter } from '../moderation/adapters';
import { readsItemWhereItLives } from '../moderation/items';
import { liveSpaceOfKind, type LiveSpace } from '../spaces/live';
import { markAllRead, markRead, notificationsCollection, unreadCount, type NotificationDoc } from './model';
import { loadPreferences, savePreferences } from './preferences';
import { displayNamesOf } from '../directory/queries';
import { namedIn, presentNotification } from './present';
import { heldUntil } from './quiet/hold';

/** Kinds that tell a decision about one's own (or one's child's) item: shown with the space alone once it is unreadable. */
const DECISION_KINDS: readonly NotificationKind[] = ['moderationOfMine', 'reportOutcome'];

/**
 * Each notification as the user may see it NOW (asked again at each read): nothing of a space they no longer read;
 * nothing of an item they can no longer read (a decision about their own names the space only).
 */
async function presentFor(ctx: ServerContext, actor: Actor, docs: readonly NotificationDoc[]): Promise<NotificationView[]> {
  const spaces = new Map<string, LiveSpace | null>();
  const spaceOf = async (spaceId: string): Promise<LiveSpace | null> => {
    if (!spaces.has(spaceId)) spaces.set(spaceId, await liveSpaceOfKind(ctx, spaceId, actor.schoolId, null).catch(() => null));
    return spaces.get(spaceId)!;
  };
  const names = await displayNamesOf(ctx, actor.schoolId, docs.flatMap(namedIn));
  const views: NotificationView[] = [];
  for (const doc of docs) {
    if (!doc.spaceId) {
      views.push(presentNotification(doc, null, names));
      continue;
    }
    const live = await spaceOf(doc.spaceId);
    if (!live || !can(actor, 'read', live.resource)) continue;
    const latest = doc.items.at(-1);
    const adapter = latest ? moderationAdapter(latest.kind) : undefined;
    const item = latest && adapter ? await adapter.load(ctx, live.space, latest.id) : null;
    const readable = item !== null && readsItemWhereItLives(actor, live.space, item);
    if (latest && !readable && !DECISION_KINDS.includes(doc.kind)) continue;
    views.push(presentNotification(doc, live.space.title, names, readable));
  }
  return views;
}

/** Tells the user's other tabs that notifications were read. */
async function tellRead(ctx: ServerContext, actor: Actor, docs: readonly NotificationDoc[]): Promise<number> {
  const unread = await unreadCount(ctx, actor.userId);
  ctx.services.realtime.io?.to(userRoom(actor.userId)).emit('notifications:changed', { removed: [], changed: await presentFor(ctx, actor, docs), unread });
  return unread;
}

/** Replaces one's own preferences, audited (a pupil's account keeps no e-mail address). */
async function preferencesChanger(ctx: ServerContext, state: AuthedRequestState, next: NotificationPreferences): Promise<NotificationPreferences> {
  const adult = state.user.profiles.some((profile) => profile !== 'pupil');
  if (!adult && next.emailAddress !== null) throw new AppError('VALIDATION', 'A pupil’s account has no e-mail address', [{ path: 'emailAddress', message: 'pupil' }]);
  await auditedChange(ctx, async (record) => {
    const before = await loadPreferences(ctx, state.user._id);
    await savePreferences(ctx, state.user, next, serverNow(ctx));
    await record({
      schoolId: state.user.schoolId,
      actor: auditActorOf(state),
      origin: 'http',
      event: 'notifications.preferences_changed',
      target: { type: 'notificationPreferences', id: state.user._id, ownerId: state.user._id },
      change: recordChange(before, next),
    });
  });
  return next;
}

/** The notification centre: one's page of notifications, marking read, one's preferences. */
export function notificationRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  defineRoute(router, runtime, {
    method: 'get',
    path: '/notifications',
    query: NotificationPageQuerySchema,
    policy: { signedIn: 'one reads one’s own notifications (each checked again against what one may read now)' },
    handler: async ({ state, query }): Promise<NotificationPage> => {
      const { user, actor } = state as AuthedRequestState;
      const docs = await notificationsCollection(ctx).find({ userId: user._id, ...(query.before ? { lastAt: { $lt: query.before } } : {}) }, { sort: { lastAt: -1, _id: -1 }, limit: NOTIFICATION_PAGE_SIZE });
      return {
        notifications: await presentFor(ctx, actor, docs),
        unread: await unreadCount(ctx, user._id),
        nextBefore: docs.length === NOTIFICATION_PAGE_SIZE ? docs.at(-1)!.lastAt : null,
        quietUntil: await heldUntil(ctx, user, serverNow(ctx)),
      };
    },
  });
  defineRoute(router, runtime, {
    method: 'post',
    path: '/notifications/read-all',
    policy: { signedIn: 'one marks one’s own notifications read' },
    handler: async ({ state }) => {
      const { actor } = state as AuthedRequestState;
      return { unread: await tellRead(ctx, actor, await markAllRead(ctx, actor.userId)) };
    },
  });
  defineRoute(router, runtime, {
    method: 'post',
    path: '/notifications/:id/read',
    policy: { signedIn: 'one marks one’s own notification read' },
    handler: async ({ state, params }) => {
      const { actor } = state as AuthedRequestState;
      const doc = await markRead(ctx, actor.userId, String(params.id));
      if (!doc) throw new AppError('NOT_FOUND', 'Notification not found');
      return { unread: await tellRead(ctx, actor, [doc]) };
    },
  });
  defineRoute(router, runtime, {
    method: 'get',
    path: '/notifications/preferences',
    policy: { signedIn: 'one reads one’s own notification preferences' },
    handler: ({ state }) => loadPreferences(ctx, state.user!._id),
  });
  defineRoute(router, runtime, {
    method: 'put',
    path: '/notifications/preferences',
    body: NotificationPreferencesSchema,
    policy: { signedIn: 'one changes one’s own notification preferences' },
    handler: ({ state, body }) => preferencesChanger(ctx, state as AuthedRequestState, body),
  });
  return router;
}
