import type { ItemState, ModerationAction } from './types';

/** What an action needs to know of an item's state. */
export interface ItemStateFacts {
  state: ItemState;
  pendingEdit: boolean;
  authorId: string | null;
}

/**
 * Whether an action applies to an item in its state (otherwise the action answers CONFLICT): approve publishes
 * what waits for review (a first publication or an author's change), reject drops an author's change and keeps
 * the published text, hide withdraws a published item pending review, restore brings back a hidden or deleted
 * one, edit and delete apply to anything not deleted, mute needs an author. Who may take each action is the
 * policy table's business, not this one's.
 */
export function actionApplies(action: ModerationAction, item: ItemStateFacts): boolean {
  switch (action) {
    case 'approve':
      return item.state === 'pending' || (item.state === 'visible' && item.pendingEdit);
    case 'reject':
      return item.state === 'visible' && item.pendingEdit;
    case 'hide':
      return item.state === 'visible';
    case 'restore':
      return item.state === 'hidden' || item.state === 'deleted';
    case 'edit':
    case 'delete':
      return item.state !== 'deleted';
    case 'mute':
      return item.authorId !== null;
  }
}
