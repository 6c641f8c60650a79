import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/policy/actor';
import { can } from '../../../shared/policy/can';
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

/** An item as one moderator's console shows it (as its space shows it), with what they may do on it. */
export function presentItem(actor: Actor | null, space: SpaceDoc, item: ModeratedItem): ModeratedItemView {
  const { schoolId: _school, content, pendingContent, firstReview: _first, ...view } = item;
  return { ...view, display: displayOf(content), pendingDisplay: pendingContent ? displayOf(pendingContent) : null, actions: allowedActions(actor, space, item) };
}
