/** The most audit events in one CSV export. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
/** How long the evidence of moderated content is kept by default (a school setting). */
export const EVIDENCE_DEFAULT_RETENTION_MONTHS = 12;
/** The school may keep evidence between these many months (the setting's bounds). */
export const EVIDENCE_RETENTION_MIN_MONTHS = 1;
export const EVIDENCE_RETENTION_MAX_MONTHS = 60;
/** The automatic hide after N reports from different users: N within these bounds (or off). */
export const AUTO_HIDE_MIN_REPORTS = 2;
export const AUTO_HIDE_MAX_REPORTS = 20;
/** A console opens with the newest contributions of its spaces: this many per space, this many in all. */
export const CONSOLE_RECENT_PER_SPACE = 10;
export const CONSOLE_RECENT_MAX = 50;
/** How often the evidence purge job runs. */
export const EVIDENCE_PURGE_INTERVAL_MS = 60 * 60 * 1000;
/** The longest free comment a moderator may give when restoring an item (a restore needs no reason code). */
export const RESTORE_COMMENT_MAX = 500;
