import { CHAT_HISTORY_PAGE_SIZE, CHAT_HISTORY_READS_MAX } from '../../../shared/chat/limits';
import type { ChatHistoryPage, ChatMe } from '../../../shared/chat/types';
import { guardedAuthor } from '../../../shared/pii/guard';
import { spaceRightsOf } from '../../../shared/policy/can';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import type { Filter } from '../../storage/port';
import { mutedUntil } from '../moderation/mutes';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { chatCollections, type ChatCollections, type ChatMessageDoc } from './model';
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
  const present = (docs: ChatMessageDoc[]) => docs.map((doc) => presentMessage(doc, chatViewerFor(state.actor, room, doc)));
  const lists = (doc: ChatMessageDoc) => listsMessage(doc, chatViewerFor(state.actor, room, doc));
  if (cursor.after !== undefined) {
    const newer = await fullPage(collections.messages, filter, 1, cursor.after, lists);
    return { messages: present(newer.listed), hasMore: newer.hasMore };
  }
  const older = await fullPage(collections.messages, filter, -1, cursor.before, lists);
  return { messages: present(older.listed.reverse()), hasMore: older.hasMore };
}

/**
 * Up to a page of the messages a viewer lists, from a seq onwards in one direction: when some read are left out
 * (held messages a pupil moderator may not read), it reads on until the page is full or the history ends
 * (at most `CHAT_HISTORY_READS_MAX` reads); `hasMore` when more messages remain after the page.
 */
async function fullPage(
  messages: ChatCollections['messages'],
  filter: Filter,
  direction: 1 | -1,
  from: number | undefined,
  lists: (doc: ChatMessageDoc) => boolean,
): Promise<{ listed: ChatMessageDoc[]; hasMore: boolean }> {
  const listed: ChatMessageDoc[] = [];
  let cursor = from;
  for (let read = 0; read < CHAT_HISTORY_READS_MAX; read++) {
    const seq = cursor === undefined ? {} : { seq: direction === 1 ? { $gt: cursor } : { $lt: cursor } };
    const batch = await messages.find({ ...filter, ...seq }, { sort: { seq: direction }, limit: CHAT_HISTORY_PAGE_SIZE + 1 });
    const taken = batch.slice(0, CHAT_HISTORY_PAGE_SIZE);
    for (const [index, doc] of taken.entries()) {
      if (lists(doc)) listed.push(doc);
      cursor = doc.seq;
      if (listed.length === CHAT_HISTORY_PAGE_SIZE) return { listed, hasMore: index < taken.length - 1 || batch.length > CHAT_HISTORY_PAGE_SIZE };
    }
    if (batch.length <= CHAT_HISTORY_PAGE_SIZE) return { listed, hasMore: false };
  }
  return { listed, hasMore: true };
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
