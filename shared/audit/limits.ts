/**
 * Timings and sizes of the audit chain's anchoring (`server/audit/anchor.ts`). The signed checkpoints live
 * outside the store (DATA_DIR/audit-checkpoints or AUDIT_CHECKPOINT_DIR); these bound how far they may lag
 * behind the store, which is the window a crash leaves unanchored (docs/ARCHITECTURE.md, « Audit log »).
 */

/** A chain's head is checkpointed at most this long after one of its entries commits (and fsynced then). */
export const AUDIT_CHECKPOINT_INTERVAL_MS = 250;

/** …or as soon as this many entries were appended since the last checkpoint, whichever comes first. */
export const AUDIT_CHECKPOINT_EVERY_ENTRIES = 200;

/**
 * Sequence numbers are reserved outside the store in blocks of this size, before any of them is used, so a
 * restarted server never reuses a number (it continues after the highest reservation). A crash leaves at most
 * this many numbers unused: the verification reports them as skipped, not as tampering.
 */
export const AUDIT_SEQ_RESERVE_BLOCK = 256;

/** Beyond this size the checkpoint file is compacted (older checkpoints thinned out, see the next constant). */
export const AUDIT_CHECKPOINT_FILE_MAX_BYTES = 4 * 1024 * 1024;

/** A compacted checkpoint file keeps one checkpoint per this many entries of each chain, to localise a rewrite. */
export const AUDIT_CHECKPOINT_HISTORY_STRIDE = 1_000;

/** A verification lists at most this many problem ranges per chain (then says there are more). */
export const AUDIT_VERIFY_MAX_PROBLEMS = 50;

/** Entries read per page while a chain is verified. */
export const AUDIT_VERIFY_PAGE = 1_000;

/**
 * Log retention (CNIL recommendation: 6 to 12 months): each school's audit entries older than its retention are
 * purged by segment, a signed start checkpoint keeping the rest of the chain verifiable (`server/audit/retention.ts`).
 */
export const AUDIT_RETENTION_MIN_MONTHS = 6;
export const AUDIT_RETENTION_MAX_MONTHS = 12;
export const AUDIT_RETENTION_DEFAULT_MONTHS = 12;

/** How often the retention job runs (once per interval across the nodes). */
export const AUDIT_RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** A month of retention, in ms (30 days: the cut is never later than the calendar month's). */
export const AUDIT_RETENTION_MONTH_MS = 30 * 24 * 60 * 60 * 1000;

/** Entries rewritten per page while a person is pseudonymised. */
export const AUDIT_PSEUDONYMISE_PAGE = 500;
