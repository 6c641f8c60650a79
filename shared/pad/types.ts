import { z } from 'zod';
import type { SpaceView } from '../spaces/types';
import { PAD_REDACT_MAX_CHARS, PAD_REDACT_MAX_PASSAGES, PAD_REDACT_MIN_CHARS, PAD_VERSION_NAME_MAX } from './limits';
import type { PadAccess } from './policy';

/** A person as the pad shows them (presence, mutes, authors). */
export interface PadPerson {
  id: string;
  name: string;
  /** Their caret colour (`authorColor(id).caret`), the same on carets and author highlights. */
  color: string;
}

/**
 * GET /api/pads/:id — the pad as its page needs it, with what this user may do in it, decided on the server
 * (the page shows its actions from these, never from profile names).
 */
export interface PadInfo {
  /** The pad's space with the viewer's rights in it (its `version` is sent back with a settings change). */
  space: SpaceView;
  access: PadAccess;
  /** Moderates the pad (teachers, the director, its designated pupil moderators): writes when locked. */
  canModerate: boolean;
  /** Versions (named, restore), lock, settings, mutes, redaction (teachers of the scope and the director). */
  canConfigure: boolean;
  /** Whether this user may switch on "afficher les auteurs". */
  canSeeAuthors: boolean;
  /**
   * Whether the personal-information guard reports what this user writes (pupils): the editor warns them first,
   * as they leave a paragraph.
   */
  personalInfoGuard: boolean;
  /** Pupils muted in this pad (shown to those who can configure; empty for others). */
  muted: Array<PadPerson & { until: number }>;
  /** Pupils of the pad's scope, for the mute menu (empty for those who cannot configure). */
  pupils: PadPerson[];
}

export type PadVersionKind = 'auto' | 'named' | 'restore';

export interface PadVersionSummary {
  id: string;
  kind: PadVersionKind;
  name: string | null;
  createdAt: number;
  createdBy: PadPerson | null;
  /** The version was rewritten by a redaction. */
  redacted: boolean;
  size: number;
}

/** GET /api/pads/:id/versions/:versionId — a version to preview read-only. */
export interface PadVersionPreview extends PadVersionSummary {
  /** Tiptap JSON, validated against the editor's schema. */
  content: Record<string, unknown>;
}

/**
 * GET /api/pads/:id/authors — server-side attribution of the pad's text: each range of Yjs item ids
 * `[clientID, fromClock, toClock)` belongs to `authors[authorIndex]`. Keyed by Yjs item ids, so nothing a
 * client writes into the document (PermanentUserData or else) can change it.
 */
export interface PadAuthorship {
  authors: PadPerson[];
  /** Flattened quadruples: clientID, fromClock, toClock (exclusive), authorIndex. */
  ranges: number[];
}

export const CreateVersionSchema = z.object({ name: z.string().trim().min(1).max(PAD_VERSION_NAME_MAX) }).strict();
export type CreateVersionReq = z.infer<typeof CreateVersionSchema>;

export const MuteSchema = z
  .object({
    userId: z.string().min(1).max(64),
    /** Minutes; absent: until a teacher unmutes. */
    durationMinutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
  })
  .strict();
export type MuteReq = z.infer<typeof MuteSchema>;

export const RedactSchema = z
  .object({
    passages: z.array(z.string().min(PAD_REDACT_MIN_CHARS).max(PAD_REDACT_MAX_CHARS)).min(1).max(PAD_REDACT_MAX_PASSAGES),
  })
  .strict();
export type RedactReq = z.infer<typeof RedactSchema>;

export interface RedactResult {
  /** Occurrences removed from the live pad. */
  removed: number;
  /** Versions rewritten without the passages. */
  versionsRewritten: number;
}

export interface RestoreResult {
  version: PadVersionSummary;
}
