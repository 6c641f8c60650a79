import { CHAT_HISTORY_PAGE_SIZE } from '../../../shared/chat/limits';
import type { ChatHistoryPage, ChatMe } from '../../../shared/chat/types';
import { guardedAuthor } from '../../../shared/pii/guard';
import { spaceRightsOf } from '../../../shared/policy/can';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import type { Filter } from '../../storage/port';
import { mutedUntil } from '../moderation/mutes';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { chatCollections, type ChatMessageDoc } from './model';
import { lastSentAt } from './send';
import { chatViewerFor, listsMessage, presentMessage } from './views';

/**
 * A page of a room's history, oldest first, through a seq cursor: the latest page, the page `before` a seq
 * (scrolling up), or the messages `after` a seq (catching up after a reconnection; `hasMore` then means newer
 * ones remain). Messages never published are only listed for moderators and their author.
 */
export async function historyPage(
  ctx: ServerContext,
  state: AuthedRequestState,
  room: SpaceDoc,
  cursor: { before?: number; after?: number },
): Promise<ChatHistoryPage> {
  const collections = await chatCollections(ctx.store);
  const moderator = spaceRightsOf(state.actor, spaceResource(room)).moderate;
  const filter: Filter = { roomId: room._id };
  if (!moderator) filter.$or = [{ shown: true }, { authorId: state.user._id }];
  // Each message as the policy table lets this viewer read it (a pupil moderator: no held message but those they may approve).
  const present = (docs: ChatMessageDoc[]) =>
    docs.flatMap((doc) => {
      const viewer = chatViewerFor(state.actor, room, doc);
      return listsMessage(doc, viewer) ? [presentMessage(doc, viewer)] : [];
    });
  if (cursor.after !== undefined) {
    filter.seq = { $gt: cursor.after };
    const newer = await collections.messages.find(filter, { sort: { seq: 1 }, limit: CHAT_HISTORY_PAGE_SIZE + 1 });
    return { messages: present(newer.slice(0, CHAT_HISTORY_PAGE_SIZE)), hasMore: newer.length > CHAT_HISTORY_PAGE_SIZE };
  }
  if (cursor.before !== undefined) filter.seq = { $lt: cursor.before };
  const older = await collections.messages.find(filter, { sort: { seq: -1 }, limit: CHAT_HISTORY_PAGE_SIZE + 1 });
  return {
    messages: present(older.slice(0, CHAT_HISTORY_PAGE_SIZE).reverse()),
    hasMore: older.length > CHAT_HISTORY_PAGE_SIZE,
  };
}

/** The viewer's rights in the room as the policy table decides them now, and their mute and slow-mode state. */
export async function chatMe(ctx: ServerContext, state: AuthedRequestState, room: SpaceDoc): Promise<ChatMe> {
  const collections = await chatCollections(ctx.store);
  const rights = spaceRightsOf(state.actor, spaceResource(room));
  return {
    moderator: rights.moderate,
    configurer: rights.configure,
    mayPost: rights.comment,
    personalInfoHeld: guardedAuthor(state.user.profiles),
    mutedUntil: await mutedUntil(ctx, room._id, state.user._id),
    lastSentAt: await lastSentAt(collections, room._id, state.user._id),
  };
}
