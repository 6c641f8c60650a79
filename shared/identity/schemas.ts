import { z } from 'zod';
import { IMPORT_MAX_ROWS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../limits';
import { PROFILES } from './profiles';

/** Login identifiers: lowercase letters, digits, dots, dashes and underscores. */
export const LoginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'only letters, digits, dots, dashes and underscores');

export const PasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

export const SignInSchema = z.object({
  login: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type SignInReq = z.infer<typeof SignInSchema>;

/** `POST /api/auth/login-code`: an identifier and the one-time code a teacher or the direction gave. */
export const SignInCodeSchema = z.object({
  login: z.string().trim().toLowerCase().min(1).max(64),
  code: z.string().trim().min(1).max(32),
});
export type SignInCodeReq = z.infer<typeof SignInCodeSchema>;

export const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: PasswordSchema })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ['newPassword'],
    message: 'must differ from the current password',
  });
export type ChangePasswordReq = z.infer<typeof ChangePasswordSchema>;

export const ReportCompromiseSchema = z.object({ details: z.string().trim().max(2_000).default('') });

export const DisplayNameSchema = z.string().trim().min(1).max(80);
export const ProfileSchema = z.enum(PROFILES);

export const CreateUserSchema = z.object({
  displayName: DisplayNameSchema,
  login: LoginSchema.optional(),
  profiles: z.array(ProfileSchema).min(1).max(PROFILES.length),
  classIds: z.array(z.string().min(1).max(64)).max(50).default([]),
  childIds: z.array(z.string().min(1).max(64)).max(20).default([]),
});
export type CreateUserReq = z.infer<typeof CreateUserSchema>;

export const UpdateProfilesSchema = z.object({ profiles: z.array(ProfileSchema).min(1).max(PROFILES.length) });

export const SuspendSchema = z.object({ reason: z.string().trim().min(3).max(1_000) });

export const UserListQuerySchema = z.object({
  q: z.string().trim().max(64).default(''),
  profile: ProfileSchema.optional(),
  status: z.enum(['active', 'suspended', 'pending_deletion']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const ImportCsvSchema = z.object({
  classId: z.string().min(1).max(64),
  /** The CSV text: one pupil per line (format in the README, section « Import d’une classe »). */
  csv: z.string().min(1).max(200_000),
});

export const CharterEditSchema = z.object({
  profile: ProfileSchema,
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(20).max(50_000),
});

export const AcceptCharterSchema = z.object({
  profile: ProfileSchema,
  version: z.number().int().min(1),
});

export const CreateClassSchema = z.object({
  name: z.string().trim().min(1).max(80),
  level: z.string().trim().min(1).max(40),
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/, 'like 2026-2027'),
});

export const RestoreSchema = z.object({ reason: z.string().trim().max(1_000).optional() });

/** One account on the printable connection sheets (what an import or a creation returned). */
export const ConnectionSheetAccountSchema = z.object({
  login: z.string().min(1).max(64),
  displayName: z.string().min(1).max(80),
  initialPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  kind: ProfileSchema,
  childDisplayName: z.string().max(400).optional(),
});

/** `POST /api/admin/connection-sheets`: an import's accounts, three per pupil line at most. */
export const ConnectionSheetsSchema = z.object({
  accounts: z.array(ConnectionSheetAccountSchema).min(1).max(IMPORT_MAX_ROWS * 3),
});
