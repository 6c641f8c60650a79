/** The most audit events in one CSV export. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
/** How long the evidence of moderated content is kept by default (a school setting). */
export const EVIDENCE_DEFAULT_RETENTION_MONTHS = 12;
/** How often the evidence purge job runs. */
export const EVIDENCE_PURGE_INTERVAL_MS = 60 * 60 * 1000;
