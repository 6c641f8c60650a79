import type { ZodType, core } from 'zod';
import type { ValidationIssue } from '../../../shared/errors';

/** Translation keys of the generic field messages (see `validation.*` in the translations). */
export type ValidationKey =
  | 'validation.required'
  | 'validation.tooShort'
  | 'validation.tooLong'
  | 'validation.chooseAtLeastOne'
  | 'validation.tooMany'
  | 'validation.format'
  | 'validation.invalid';

/** One field's problem: a translation key and its interpolation values. */
export interface FieldError<K extends string = ValidationKey> {
  key: ValidationKey | K;
  values?: Record<string, number>;
}

export type FieldErrors<K extends string = ValidationKey> = Partial<Record<string, FieldError<K>>>;

export type Validation<T, K extends string = ValidationKey> = { ok: true; data: T } | { ok: false; errors: FieldErrors<K> };

/** The generic message for one zod issue (the shared schemas' own messages are English, for developers). */
export function issueMessage(issue: core.$ZodIssue): { key: ValidationKey; values?: Record<string, number> } {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.chooseAtLeastOne', values: { min } };
      return min <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', values: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return issue.origin === 'array' || issue.origin === 'set' ? { key: 'validation.tooMany', values: { max } } : { key: 'validation.tooLong', values: { max } };
    }
    case 'invalid_format':
      return { key: 'validation.format' };
    case 'invalid_type':
      return { key: 'validation.required' };
    default:
      return { key: 'validation.invalid' };
  }
}

/**
 * Validates a form with a shared zod schema and returns translated-key errors per field (first problem of each
 * field). `custom` maps a field to the message of its `.refine()` check, which zod reports as a custom issue.
 */
export function validate<T, K extends string = never>(
  schema: ZodType<T>,
  value: unknown,
  custom: Partial<Record<string, K>> = {},
): Validation<T, K> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors<K> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    if (errors[field]) continue;
    const customKey = issue.code === 'custom' ? custom[field] : undefined;
    errors[field] = customKey ? { key: customKey } : issueMessage(issue);
  }
  return { ok: false, errors };
}

/** The fields a server VALIDATION answer names, with the generic "invalid" message (forms may refine them). */
export function serverFieldErrors(issues: readonly ValidationIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path] ??= { key: 'validation.invalid' };
  return errors;
}
