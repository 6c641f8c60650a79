import { z } from 'zod';
import { DELETION_DELAY_DAYS_MAX, DELETION_DELAY_DAYS_MIN } from './limits';

/** « Retirer de l'école »: optionally, the objection to keeping their contributions, said on their behalf. */
export const RemoveUserSchema = z.strictObject({ objectsToKeeping: z.boolean().optional() });
export type RemoveUserInput = z.infer<typeof RemoveUserSchema>;

/** A guardian's (or the director's) objection to keeping a removed person's contributions to shared spaces. */
export const ObjectionSchema = z.strictObject({ objectsToKeeping: z.boolean() });
export type ObjectionInput = z.infer<typeof ObjectionSchema>;

/** The school's delay between a removal and the erasure, in days. */
export const DeletionDelaySchema = z.strictObject({ deletionDelayDays: z.number().int().min(DELETION_DELAY_DAYS_MIN).max(DELETION_DELAY_DAYS_MAX) });
