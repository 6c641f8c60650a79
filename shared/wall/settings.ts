import { z } from 'zod';
import { WALL_MAX_SECTIONS, WALL_SECTION_TITLE_MAX } from './limits';

/** The three ways a wall is laid out. Switching never loses anything: cards keep a position AND a section/order. */
export const WALL_LAYOUTS = ['canvas', 'columns', 'stream'] as const;
export type WallLayout = (typeof WALL_LAYOUTS)[number];

/** Background themes, by name (the client maps each to colours that keep text readable). */
export const WALL_BACKGROUNDS = ['craie', 'sable', 'ciel', 'menthe', 'lavande', 'ardoise'] as const;
export type WallBackground = (typeof WALL_BACKGROUNDS)[number];

/**
 * Who may post cards:
 * - `everyone`: whoever may take part in the space, parents included where the space lets them comment;
 * - `pupils`: the class (pupils the space lets write, and teachers), not parents;
 * - `closed`: only the teachers (pupil moderators moderate, they do not post on a closed wall).
 */
export const WALL_POSTERS = ['everyone', 'pupils', 'closed'] as const;
export type WallPosters = (typeof WALL_POSTERS)[number];

/** One reaction type per wall: a like (toggle), a star rating (1–5) or a vote (+1 / −1). */
export const WALL_REACTIONS = ['like', 'star', 'vote'] as const;
export type WallReaction = (typeof WALL_REACTIONS)[number];

/** Where the stream shows the newest cards: at the bottom (as walls always did) or at the top. */
export const WALL_STREAM_ORDERS = ['newestLast', 'newestFirst'] as const;
export type WallStreamOrder = (typeof WALL_STREAM_ORDERS)[number];

export const SECTION_ID = /^[A-Za-z0-9_-]{1,32}$/;

export const WallSectionSchema = z
  .object({
    id: z.string().regex(SECTION_ID),
    title: z.string().trim().min(1).max(WALL_SECTION_TITLE_MAX),
    order: z.number().int().min(0).max(10_000),
  })
  .strict();
export type WallSection = z.infer<typeof WallSectionSchema>;

/** The wall's own settings, stored in the space's `settings` and validated on every change. */
export const WallSettingsSchema = z
  .object({
    layout: z.enum(WALL_LAYOUTS).default('columns'),
    sections: z
      .array(WallSectionSchema)
      .max(WALL_MAX_SECTIONS)
      .refine((sections) => new Set(sections.map((s) => s.id)).size === sections.length, 'Section ids must be unique')
      .default([]),
    background: z.enum(WALL_BACKGROUNDS).default('craie'),
    whoCanPost: z.enum(WALL_POSTERS).default('everyone'),
    /**
     * Every card, and every change to a published card, by anyone but the teachers (pupil moderators and parents
     * included) stays between its author and the moderators until a moderator approves it.
     */
    preModeration: z.boolean().default(false),
    comments: z.boolean().default(true),
    reaction: z.enum(WALL_REACTIONS).default('like'),
    /** Only teachers and moderators move cards. */
    lockedPositions: z.boolean().default(false),
    /** "Tout le monde modifie": pupils may edit, move and delete every card, not only their own. */
    everyoneEdits: z.boolean().default(false),
    streamOrder: z.enum(WALL_STREAM_ORDERS).default('newestLast'),
  })
  .strict();
export type WallSettings = z.infer<typeof WallSettingsSchema>;

/** The settings of a wall as stored (older walls may lack newer fields: defaults fill them in). */
export function wallSettingsOf(settings: Record<string, unknown>): WallSettings {
  const parsed = WallSettingsSchema.safeParse(settings);
  return parsed.success ? parsed.data : WallSettingsSchema.parse({});
}
