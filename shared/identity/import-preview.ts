/**
 * What an import will do, shown to the director before anything is written (`POST /api/admin/import/preview`),
 * and confirmed with its `token` (`POST /api/admin/import/apply`): a token that no longer matches the store
 * (someone changed the directory in between) is answered 409 with a new preview.
 */
import { z } from 'zod';
import type { ValidationIssue } from '../errors';
import type { ImportedAccount } from './api';

/** The file's format, detected by its header line. */
export type ImportFormat = 'classList' | 'onde';

/** What an import changes on an existing account (`admin.import.fields.<field>`). */
export const IMPORT_FIELDS = ['displayName', 'birthDate', 'pupilId', 'class', 'guardianLink'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export interface ImportPreviewPerson {
  /** The file's line (absent for pupils left out of the file). */
  line?: number;
  displayName: string;
  kind: 'pupil' | 'parent';
  login?: string;
  /** The account's id, for a pupil left out of the file (so the director can remove them from the school). */
  userId?: string;
}

export interface ImportPreview {
  format: ImportFormat;
  /** Sent back to apply this very plan. */
  token: string;
  created: ImportPreviewPerson[];
  updated: (ImportPreviewPerson & { fields: ImportField[] })[];
  /** Pupils found in another class of the school, moved into this one. */
  moved: (ImportPreviewPerson & { fromClasses: string[] })[];
  /** Pupils of this class absent from the file: listed, never removed by the import. */
  leftOut: ImportPreviewPerson[];
  /** Lines whose pupil (and guardians) are already exactly as the file says. */
  unchanged: number;
  /** Every problem, by line and column; an import with problems cannot be applied. */
  problems: ValidationIssue[];
}

export interface ImportApplied {
  /** The accounts created, with their initial passwords (shown once, for the connection sheets). */
  accounts: ImportedAccount[];
  counts: { created: number; updated: number; moved: number; leftOut: number };
}

/** The 409 answer of a stale apply: a French message and the new preview. */
export interface ImportStale {
  error: { code: 'CONFLICT'; message: string };
  preview: ImportPreview;
}

export const ImportPreviewSchema = z.object({
  classId: z.string().min(1).max(64),
  csv: z.string().min(1).max(200_000),
});

export const ImportApplySchema = ImportPreviewSchema.extend({
  token: z.string().regex(/^[0-9a-f]{64}$/),
});
