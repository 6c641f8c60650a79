import type { ModeratedItemView, ModeratedKind, ModerationAction, ReasonCode } from '../../../shared/moderation/types';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import type { SpaceDoc } from '../spaces/model';

/** An item with the content that evidence keeps and that an edit replaces. */
export interface ModeratedItem extends ModeratedItemView {
  schoolId: string;
  content: Record<string, unknown>;
}

/** What a feature applies for a content action (mute and dismiss are handled by the moderation feature). */
export type ContentAction = Exclude<ModerationAction, 'mute'>;

/**
 * How the moderation console acts on a feature's items. Each feature (wall, forum, chat, pad) registers one;
 * the console stays generic: claim, reason, evidence, audit and notification happen here once.
 */
export interface ModerationAdapter {
  kind: ModeratedKind;
  /** The item, or null when it does not exist in this space. */
  load(ctx: ServerContext, spaceId: string, itemId: string): Promise<ModeratedItem | null>;
  /**
   * Applies the action if the item is still at `version`: persists it, broadcasts it to everyone viewing the
   * item (redacted for pupils and parents), and returns the new state. Throws AppError CONFLICT when stale.
   */
  apply(
    ctx: ServerContext,
    input: { item: ModeratedItem; action: ContentAction; version: number; state: AuthedRequestState; reasonCode: ReasonCode; content?: unknown },
  ): Promise<ModeratedItemView>;
  /** Items waiting for review in a space: pre-moderated ones, and those a moderator (or many reports) hid. */
  pending(ctx: ServerContext, spaceId: string): Promise<ModeratedItemView[]>;
  /** The newest contributions of a space (at most `limit`), to start the console's live stream. */
  recent(ctx: ServerContext, space: SpaceDoc, limit: number): Promise<ModeratedItemView[]>;
  /** The item's whole text, as a moderator corrects it from the console. */
  plainText(item: ModeratedItem): string;
  /** The `edit` content of this kind for a corrected plain text (a rich text becomes plain paragraphs). */
  fromPlainText(text: string, item: ModeratedItem): unknown;
}

const adapters = new Map<ModeratedKind, ModerationAdapter>();

/** Registers a feature's adapter (at module load). */
export function registerModerationAdapter(adapter: ModerationAdapter): void {
  adapters.set(adapter.kind, adapter);
}

export function moderationAdapter(kind: ModeratedKind): ModerationAdapter | undefined {
  return adapters.get(kind);
}

export function moderationAdapters(): ModerationAdapter[] {
  return [...adapters.values()];
}
