import { z } from 'zod';
import { AUDIT_RETENTION_MAX_MONTHS, AUDIT_RETENTION_MIN_MONTHS } from './limits';

/** The school's log retention, set by the director (`GET`/`PUT /api/audit/settings`). */
export const AuditSettingsSchema = z.strictObject({
  auditRetentionMonths: z.number().int().min(AUDIT_RETENTION_MIN_MONTHS).max(AUDIT_RETENTION_MAX_MONTHS),
});

export type AuditSettings = z.infer<typeof AuditSettingsSchema>;
