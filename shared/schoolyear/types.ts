import { z } from 'zod';
import { YEAR_MAX_CLASSES, YEAR_MAX_MOVES } from './limits';

const Id = z.string().min(1).max(64);

/** One class of the new year: its name and level, the class of last year it continues, and its teachers. */
export const NewClassSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    level: z.string().trim().min(1).max(20),
    /** Last year's class whose pupils go here by default (a « passage »: CE2 → CM1), or none. */
    fromClassId: Id.nullable().default(null),
    /** Its teachers; when left out, the teachers of `fromClassId` are carried over. */
    teacherIds: z.array(Id).max(10).optional(),
  })
  .strict();
export type NewClassReq = z.infer<typeof NewClassSchema>;

/**
 * The new school year the director opens. Everything but the year has a default: the same classes as last year
 * (same names, levels and teachers, each pupil in the class that continues theirs), and the archives visible
 * `YEAR_ARCHIVE_VISIBLE_DAYS` days.
 */
export const YearSwitchSchema = z
  .object({
    schoolYear: z.string().regex(/^\d{4}-\d{4}$/, 'like 2027-2028'),
    /** Until when last year's classes stay visible to their former members (epoch ms), or the default. */
    visibleUntil: z.number().int().positive().optional(),
    /** The new year's classes; when left out, last year's again. */
    classes: z.array(NewClassSchema).min(1).max(YEAR_MAX_CLASSES).optional(),
    /** A pupil's new class by its name, or null for none (« sans classe »); overrides the passage of their class. */
    moves: z.record(Id, z.string().trim().min(1).max(60).nullable()).optional(),
  })
  .strict()
  .refine((input) => Object.keys(input.moves ?? {}).length <= YEAR_MAX_MOVES, { message: 'too many moves', path: ['moves'] });
export type YearSwitchReq = z.infer<typeof YearSwitchSchema>;

/** Confirming a previewed switch: the same request, and the fingerprint of the preview the director read. */
export const YearSwitchConfirmSchema = z.object({ plan: YearSwitchSchema, fingerprint: z.string().length(64) }).strict();
export type YearSwitchConfirmReq = z.infer<typeof YearSwitchConfirmSchema>;

export interface PlannedPerson {
  id: string;
  displayName: string;
}

/** What a year switch will do (the preview), or did (the answer of the confirmation). */
export interface YearSwitchPlan {
  currentYear: string | null;
  schoolYear: string;
  visibleUntil: number;
  archived: { id: string; name: string; schoolYear: string; spaces: number }[];
  created: { name: string; level: string; fromClassId: string | null; teachers: PlannedPerson[]; pupils: number }[];
  moved: (PlannedPerson & { fromClassId: string; toClass: string })[];
  /** Pupils of last year with no class this year: the director places them by hand (« sans classe »). */
  withoutClass: (PlannedPerson & { fromClassId: string })[];
  /** Pupil moderator designations revoked, by space. */
  designationsReset: number;
  /** Communication rules are reset once « Messagerie » exists; false until then. */
  rulesReset: boolean;
  /** Hash of the plan: the confirmation is refused (409) when the school changed since the preview. */
  fingerprint: string;
}

/** What the « Nouvelle année scolaire » page starts from. */
export interface YearSwitchState {
  currentYear: string | null;
  /** The year after the one in progress, offered by default. */
  nextYear: string;
  classes: { id: string; name: string; level: string; teacherIds: string[] }[];
  teachers: PlannedPerson[];
}
