import { z } from 'zod';
import { WallTemplateIdSchema } from '../wall/templates';
import { CreateSpaceSchema, SpaceScopeSchema, SpaceTitleSchema, type SpaceSummary } from './types';

const Id = z.string().min(1).max(64);

/**
 * Creating a space, from nothing, from a wall template (`template`, walls only) or from one of the teacher's own
 * spaces of the same kind (`fromSpaceId`, whose settings it copies: `configure` is asked on it). `withExamples`
 * adds the template's example cards, authored by the teacher creating the wall.
 */
export const CreateSpaceFromSchema = CreateSpaceSchema.extend({
  template: WallTemplateIdSchema.optional(),
  fromSpaceId: Id.optional(),
  withExamples: z.boolean().default(false),
})
  .refine((input) => !(input.template && input.fromSpaceId), { message: 'A template or a space, not both', path: ['fromSpaceId'] })
  .refine((input) => !input.template || input.kind === 'wall', { message: 'Templates are for walls', path: ['template'] });
export type CreateSpaceFromReq = z.infer<typeof CreateSpaceFromSchema>;

/** The kinds of spaces that can be duplicated (a chat room is a conversation, not a piece of work). */
export const DUPLICABLE_KINDS = ['wall', 'pad', 'forum'] as const;

/**
 * Duplicating a space (issue 19): to the same scope (the default) or another one the actor may create in, with
 * its structure only (settings, sections; an empty pad) or `content` too (published cards and posts only, a pad's
 * current text). Into another scope, what pupils and parents wrote is copied only when `pupilsContent` is ticked:
 * by default only the teachers' own cards and posts go (and a pad, co-written, goes empty).
 */
export const DuplicateSpaceSchema = z
  .object({
    target: SpaceScopeSchema.optional(),
    title: SpaceTitleSchema.optional(),
    content: z.boolean().default(false),
    pupilsContent: z.boolean().default(false),
  })
  .strict();
export type DuplicateSpaceReq = z.infer<typeof DuplicateSpaceSchema>;

/** What a duplication made: the new space and what was copied into it. */
export interface DuplicateSpaceResult {
  space: SpaceSummary;
  /** Cards, topics and posts copied (0 for structure only). */
  copied: { items: number; files: number };
}
