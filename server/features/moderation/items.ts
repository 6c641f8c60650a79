import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/policy/actor';
import { can, canReadItem, canReadPendingChange } from '../../../shared/policy/can';
import type { ItemAction, ItemResource } from '../../../shared/policy/resources';
import { MODERATION_ACTIONS, type ModeratedItemView, type ModeratedKind } from '../../../shared/moderation/types';
import { actionApplies } from '../../../shared/moderation/transitions';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import type { PolicyQuestion } from '../../http/route';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { loadSpace } from '../spaces/service';
import { displayOf } from '../../../shared/moderation/display';
import { moderationAdapter, type ModeratedItem, type ModerationAdapter } from './adapters';

/** An item to moderate with its space and its feature's adapter, loaded once at the edge. */
export interface ModerationTarget {
  space: SpaceDoc;
  adapter: ModerationAdapter;
  item: ModeratedItem;
}

/** The item named by a request, with its space and adapter, or NOT_FOUND. */
export async function loadModerationTarget(ctx: ServerContext, schoolId: string, ref: { kind: ModeratedKind; spaceId: string; itemId: string }): Promise<ModerationTarget> {
  const space = await loadSpace(ctx, ref.spaceId, schoolId);
  const adapter = moderationAdapter(ref.kind);
  const item = adapter ? await adapter.load(ctx, space, ref.itemId) : null;
  if (!adapter || !item) throw new AppError('NOT_FOUND', 'Item not found');
  return { space, adapter, item };
}

/** The policy resource of an item: what the policy table decides moderation actions on. */
export function itemResource(space: SpaceDoc, item: ModeratedItem): ItemResource {
  return {
    type: 'item',
    schoolId: space.schoolId,
    space: spaceResource(space),
    kind: item.kind,
    itemId: item.id,
    authorId: item.authorId,
    state: item.state,
    firstReview: item.firstReview,
    personalInfo: item.personalInfo,
    pendingEdit: item.pendingEdit,
  };
}

/** The policy question of a moderation action on an item: the exact action, asked on the item itself. */
export async function askItemAction(ctx: ServerContext, state: AuthedRequestState, ref: { kind: ModeratedKind; spaceId: string; itemId: string }, action: ItemAction): Promise<PolicyQuestion<ModerationTarget>> {
  const target = await loadModerationTarget(ctx, state.user.schoolId, ref);
  return { action, resource: itemResource(target.space, target.item), subject: target };
}

/** The actions a user may take on an item now: allowed by the policy table, and fitting the item's state. */
export function allowedActions(actor: Actor | null, space: SpaceDoc, item: ModeratedItem): ModeratedItemView['actions'] {
  const resource = itemResource(space, item);
  return MODERATION_ACTIONS.filter((action) => actionApplies(action, item) && can(actor, action, resource));
}

/**
 * Whether this viewer may read the item in the console now: the policy table's `canReadItem` (never what a teacher
 * hid, for a pupil), and a deleted item's original for those who read everything held (`readHeld`: its teachers
 * and the director, who may restore it).
 */
export function readsItem(actor: Actor | null, space: SpaceDoc, item: ModeratedItem): boolean {
  const resource = itemResource(space, item);
  if (moderationAdapter(item.kind)?.readsContainer?.(actor, space, item) === false) return false;
  return canReadItem(actor, resource) || (item.state === 'deleted' && can(actor, 'read', resource.space) && can(actor, 'readHeld', resource));
}

/**
 * Whether this reader may read the item where it lives now: `canReadItem`, and what contains it (a post's topic:
 * a hidden topic's replies are not a pupil's). Notifications and feeds ask this, never a deleted item.
 */
export function readsItemWhereItLives(actor: Actor | null, space: SpaceDoc, item: ModeratedItem): boolean {
  return moderationAdapter(item.kind)?.readsContainer?.(actor, space, item) !== false && canReadItem(actor, itemResource(space, item));
}

/**
 * An item as one moderator's console shows it (as its space shows it), with what they may do on it. The author's
 * change waiting for review comes only to those who may read it (never to a pupil moderator). Only for an item
 * the viewer reads (`readsItem`); else `viewItem`.
 */
export function presentItem(actor: Actor | null, space: SpaceDoc, item: ModeratedItem): ModeratedItemView {
  const { schoolId: _school, content, pendingContent, firstReview: _first, ...view } = item;
  const change = pendingContent !== null && canReadPendingChange(actor, itemResource(space, item));
  return {
    ...view,
    display: displayOf(content),
    ...(change ? { pendingDisplay: displayOf(pendingContent) } : { pendingEdit: false, pendingExcerpt: null, pendingDisplay: null }),
    actions: allowedActions(actor, space, item),
  };
}

const NOTHING: ModeratedItemView['display'] = { title: null, body: null, text: null, link: null, attachment: null };

/** An item the viewer may not read: which one and its state, nothing of its content, for the console to drop it. */
export function withdrawnItem(item: ModeratedItem): ModeratedItemView {
  const { kind, id, spaceId, classId, state, version, createdAt } = item;
  return { kind, id, spaceId, classId, state, version, createdAt, authorId: null, authorName: null, excerpt: '', personalInfo: false, pendingEdit: false, pendingExcerpt: null, display: NOTHING, pendingDisplay: null, actions: [], withdrawn: true };
}

/** An item as this viewer's console gets it: its view when they may read it, else withdrawn. */
export function viewItem(actor: Actor | null, space: SpaceDoc, item: ModeratedItem): ModeratedItemView {
  return readsItem(actor, space, item) ? presentItem(actor, space, item) : withdrawnItem(item);
}
