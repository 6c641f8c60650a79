import { z } from 'zod';
import { REASON_CODES } from '../moderation/types';
import { BoundedJsonSchema } from '../richtext/json';
import type { RichTextDoc } from '../richtext/validate';
import { normalizeLink } from './link';
import { WALL_CANVAS_HEIGHT, WALL_CANVAS_WIDTH, WALL_COMMENT_MAX, WALL_LINK_MAX, WALL_TITLE_MAX } from './limits';
import type { WallRights } from './policy';
import { SECTION_ID } from './settings';

/** Card colours, by name (the client maps each to a readable background). */
export const WALL_COLORS = ['blanc', 'jaune', 'vert', 'bleu', 'rose', 'violet', 'orange'] as const;
export type WallColor = (typeof WALL_COLORS)[number];

/** How an author is shown next to their work (authors keep their moral right). */
export type WallAuthorRole = 'pupil' | 'teacher' | 'parent' | 'staff';

/** A file attached to a card, as it leaves the server (the bytes come from the policy-checked file route). */
export interface WallAttachment {
  blobId: string;
  /** `audio` and `video`: played in the card; a video's `hasThumb` is its poster frame (`…/files/:id/thumb`). */
  kind: 'image' | 'pdf' | 'audio' | 'video';
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  hasThumb: boolean;
  /** `drawing`: made on the card's drawing canvas (a PNG), shown as « Dessin de … ». */
  source?: 'drawing';
}

/** A link: the URL as typed, and its domain, shown so a child knows where it leads. Never fetched by the server. */
export interface WallLink {
  url: string;
  domain: string;
}

export interface WallReactionEntry {
  userId: string;
  value: number;
}

/** A card as it leaves the server. */
export interface WallCard {
  id: string;
  spaceId: string;
  authorId: string;
  authorName: string;
  authorRole: WallAuthorRole;
  title: string;
  body: RichTextDoc | null;
  link: WallLink | null;
  attachment: WallAttachment | null;
  color: WallColor;
  /** On the free canvas. */
  position: { x: number; y: number };
  /** In columns (null: the default column); `order` sorts cards within a column and in the stream. */
  sectionId: string | null;
  order: number;
  /** A teacher pinned it: it comes first in its section and in the stream (absent: not pinned). */
  pinned?: boolean;
  /** `pending` under pre-moderation until a moderator approves it. */
  status: 'published' | 'pending';
  reactions: WallReactionEntry[];
  commentCount: number;
  /** Content version, for optimistic concurrency: an edit names the version it started from. */
  version: number;
  /** The wall-wide operation number of the card's last change (catch-up after a reconnection). */
  seq: number;
  /** Who last edited the content, when it was not the author. */
  editorName: string | null;
  /** A moderator hid it pending review (`status` is then `pending`): only its author and the moderators see it. */
  hidden?: boolean;
  /**
   * Shown to its author and the moderators only: this is the author's change waiting for review (pre-moderation
   * holds every change); everyone else still gets the published card.
   */
  pendingEdit?: boolean;
  /** Shown to its author and the moderators only: held by the personal-information guard until a teacher decides. */
  personalInfo?: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface WallComment {
  id: string;
  spaceId: string;
  cardId: string;
  authorId: string;
  authorName: string;
  authorRole: WallAuthorRole;
  text: string;
  createdAt: number;
  seq: number;
  /** Moderation version (a moderator's action names the version it saw). */
  version?: number;
  /** A moderator hid it pending review: only its author and the moderators see it. */
  hidden?: boolean;
  /** `pending`: held for a teacher's review (personal information), seen by its author and the moderators only. */
  status: 'published' | 'pending';
  /** Held by the personal-information guard (shown to its author and the moderators only). */
  personalInfo?: boolean;
}

/** Someone is editing a card ("en cours de modification par X"): advisory, it expires unless renewed. */
export interface WallLock {
  spaceId: string;
  cardId: string;
  holder: { userId: string; name: string } | null;
  expiresAt: number | null;
}

/** The JSON export of a wall: every card and comment, with their authors. */
export interface WallExport {
  format: 'preau.wall';
  version: 1;
  exportedAt: number;
  wall: { id: string; title: string; settings: Record<string, unknown>; ownerName: string };
  cards: (WallCard & { comments: WallComment[] })[];
}

const Id = z.string().min(1).max(64);
const Title = z.string().trim().max(WALL_TITLE_MAX);
/** A link as typed: an http(s) address, or a bare domain taken as https (« oiseaux.net »); no other scheme. */
const Url = z
  .string()
  .trim()
  .max(WALL_LINK_MAX)
  .transform((value, ctx) => {
    const link = normalizeLink(value);
    if (link === null) {
      ctx.addIssue({ code: 'custom', message: 'Only http:// and https:// links, or a domain name' });
      return z.NEVER;
    }
    return link;
  });
export const PositionSchema = z
  .object({ x: z.number().finite().min(0).max(WALL_CANVAS_WIDTH), y: z.number().finite().min(0).max(WALL_CANVAS_HEIGHT) })
  .strict();
const SectionId = z.string().regex(SECTION_ID).nullable();

/** The content fields of a card, as sent by clients. `body` is checked against the editor schema on the server. */
export const CardContentSchema = z
  .object({
    title: Title,
    body: BoundedJsonSchema.nullable(),
    link: Url.nullable(),
    /** A file uploaded first through `POST /api/walls/:id/files`. */
    attachmentId: Id.nullable(),
    color: z.enum(WALL_COLORS),
  })
  .strict();

export const CreateCardSchema = z
  .object({
    spaceId: Id,
    title: Title.default(''),
    body: BoundedJsonSchema.nullable().default(null),
    link: Url.nullable().default(null),
    attachmentId: Id.nullable().default(null),
    color: z.enum(WALL_COLORS).default('blanc'),
    sectionId: SectionId.optional(),
    position: PositionSchema.optional(),
  })
  .strict();
export type CreateCardReq = z.infer<typeof CreateCardSchema>;

/** A teacher changing someone else's card moderates it: the reason (optional, `autre` by default) is told to its author. */
export const EditCardSchema = z
  .object({ spaceId: Id, cardId: Id, version: z.number().int().positive(), changes: CardContentSchema.partial(), reasonCode: z.enum(REASON_CODES).optional() })
  .strict();
export type EditCardReq = z.infer<typeof EditCardSchema>;

export const MoveCardSchema = z
  .object({ spaceId: Id, cardId: Id, position: PositionSchema.optional(), sectionId: SectionId.optional(), order: z.number().finite().optional() })
  .strict();
export type MoveCardReq = z.infer<typeof MoveCardSchema>;

export const CardRefSchema = z.object({ spaceId: Id, cardId: Id }).strict();
export type CardRef = z.infer<typeof CardRefSchema>;

/** like: 1 (0 takes it back); star: 1–5 (0 takes it back); vote: +1 or −1 (0 takes it back). */
export const ReactCardSchema = z.object({ spaceId: Id, cardId: Id, value: z.number().int().min(-1).max(5) }).strict();

export const CreateCommentSchema = z
  .object({ spaceId: Id, cardId: Id, text: z.string().trim().min(1).max(WALL_COMMENT_MAX) })
  .strict();

/** A moderator removing someone else's card gives a reason (the author is told it); it is optional otherwise. */
export const DeleteCardSchema = CardRefSchema.extend({ reasonCode: z.enum(REASON_CODES).optional() }).strict();
export type DeleteCardReq = z.infer<typeof DeleteCardSchema>;

export const CommentRefSchema = z.object({ spaceId: Id, commentId: Id, reasonCode: z.enum(REASON_CODES).optional() }).strict();

export const SyncSchema = z.object({ spaceId: Id, sinceSeq: z.number().int().min(0) }).strict();

/** What a catch-up returns: everything changed after `sinceSeq` (everything when 0), and the wall's current seq. */
export interface WallSyncResult {
  seq: number;
  /** True when `sinceSeq` was 0: the client replaces its state instead of merging. */
  full: boolean;
  cards: WallCard[];
  comments: WallComment[];
  /** Cards and comments deleted since `sinceSeq` (empty on a full load). */
  deletedCardIds: string[];
  deletedCommentIds: string[];
  locks: WallLock[];
  /** The caller's rights on this wall, decided on the server: the client shows only the actions they allow. */
  rights: WallRights;
  /** Until when a moderator muted the caller in this wall (ms since the epoch), or null: the page says so and disables writing. */
  mutedUntil: number | null;
}

/** `POST /api/walls/:id/files?source=drawing` marks the file as a drawing (a PNG of at most the drawing's size). */
export const UploadQuerySchema = z.object({ source: z.literal('drawing').optional() }).strict();

/** The answer of an upload. */
export interface UploadedFile extends WallAttachment {
  /** What the user has used of their quota, after this file. */
  usedBytes: number;
  quotaBytes: number;
}
