import type { ModeratedItemView, ModeratedKind, ModerationAction, ReasonCode } from '../../../shared/moderation/types';
import type { Actor } from '../../../shared/policy/actor';
import type { ServerContext } from '../../context';
import type { SpaceDoc } from '../spaces/model';

/**
 * An item as the moderation feature handles it: its console view (but the viewer's `actions` and the `display`
 * the presenter whitelists from `content`), its school, the
 * content that evidence keeps and that an edit replaces, and what the policy table needs to know.
 */
export interface ModeratedItem extends Omit<ModeratedItemView, 'actions' | 'display' | 'pendingDisplay'> {
  schoolId: string;
  /** The content as published (or as written, while it waits for its first review). */
  content: Record<string, unknown>;
  /** The author's change waiting for review (pre-moderation), or null. */
  pendingContent: Record<string, unknown> | null;
  /** Pending and never published nor acted upon by a moderator: a pupil moderator may approve it. */
  firstReview: boolean;
}

/** What a feature applies for a content action (mute is the moderation feature's own). */
export type ContentAction = Exclude<ModerationAction, 'mute'>;

/** Who acts: a moderator, or Préau itself (the automatic hide after many reports). */
export interface ModeratorIdentity {
  id: string;
  name: string;
}

/** An action applied inside the moderation transaction, and how to tell everyone once it committed. */
export interface AppliedAction {
  /** The item after the action. */
  after: ModeratedItem;
  /** Sends everyone viewing the item their own view of it (pupils and parents get redacted views). */
  publish(): Promise<void> | void;
}

/**
 * How the moderation path acts on a feature's items. Each feature (wall, forum, chat, pad) registers one; the
 * moderation feature stays generic: authorization, claim, reason, evidence, audit, reports and notification
 * happen there once, in one transaction.
 */
export interface ModerationAdapter {
  kind: ModeratedKind;
  /** The item, or null when it does not exist in this space. */
  load(ctx: ServerContext, space: SpaceDoc, itemId: string): Promise<ModeratedItem | null>;
  /**
   * Applies the action if the item is still at `version` and the action applies to its state: persists it (the
   * caller's transaction is open: no broadcast, no in-process queue here) and returns the new item with its
   * `publish`. Throws AppError CONFLICT when stale or when the state changed.
   */
  apply(
    ctx: ServerContext,
    input: { space: SpaceDoc; item: ModeratedItem; action: ContentAction; version: number; moderator: ModeratorIdentity; reasonCode: ReasonCode | null; content?: unknown },
  ): Promise<AppliedAction>;
  /** Items waiting for review in a space: first publications, authors' changes, and what a moderator (or many reports) hid. */
  pending(ctx: ServerContext, space: SpaceDoc): Promise<ModeratedItem[]>;
  /** The newest contributions of a space (at most `limit`), to start the console's live stream. */
  recent(ctx: ServerContext, space: SpaceDoc, limit: number): Promise<ModeratedItem[]>;
  /** Whether this user can read the item now, outside moderation (published, or their own). */
  readableBy(item: ModeratedItem, userId: string): boolean;
  /**
   * Whether a viewer reads what holds the item (a forum post's topic: never one a teacher hid nor one held for
   * personal information, for a pupil moderator); none: the item alone decides.
   */
  readsContainer?(actor: Actor | null, space: SpaceDoc, item: ModeratedItem): boolean;
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
