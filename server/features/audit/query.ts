import { z } from 'zod';
import { AUDIT_EVENTS } from '../../../shared/audit/events';
import { AppError } from '../../../shared/errors';
import type { Filter } from '../../storage/port';

export const AuditFilterSchema = z.object({
  actor: z.string().max(64).optional(),
  event: z.enum(AUDIT_EVENTS).optional(),
  classId: z.string().max(64).optional(),
  spaceId: z.string().max(128).optional(),
  status: z.enum(['success', 'denied', 'fail']).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
});

export const AuditQuerySchema = AuditFilterSchema.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The export's filters, and whether to add the technical columns (« Colonnes techniques », `?technical=1`). */
export const AuditExportSchema = AuditFilterSchema.extend({
  technical: z
    .enum(['0', '1'])
    .optional()
    .transform((value) => value === '1'),
});

export type AuditFilterInput = z.infer<typeof AuditFilterSchema>;

/** Said to whoever asks for a period that ends before it starts (the console's form says the same). */
export const REVERSED_RANGE_MESSAGE = 'La date de début (« Du ») est après la date de fin (« Au ») : la période est impossible.';

/** Refuses a period that ends before it starts (400), rather than answering it with nothing. */
export function assertRangeInOrder(input: { from?: number | undefined; to?: number | undefined }): void {
  if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
    throw new AppError('VALIDATION', REVERSED_RANGE_MESSAGE, [{ path: 'from', message: REVERSED_RANGE_MESSAGE }]);
  }
}

/** The store filter for the console's filters, always within one school. */
export function auditFilter(schoolId: string, input: AuditFilterInput): Filter {
  const filter: Filter = { schoolId };
  if (input.actor) filter['actor.userId'] = input.actor;
  if (input.event) filter.event = input.event;
  if (input.classId) filter['context.classId'] = input.classId;
  if (input.spaceId) filter['context.spaceId'] = input.spaceId;
  if (input.status) filter.status = input.status;
  if (input.from !== undefined || input.to !== undefined) {
    filter.ts = { ...(input.from !== undefined ? { $gte: input.from } : {}), ...(input.to !== undefined ? { $lte: input.to } : {}) };
  }
  return filter;
}

/** The filters as a readable reason for the audit event of the read itself. */
export function describeFilter(input: AuditFilterInput): string {
  return JSON.stringify(Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)));
}
