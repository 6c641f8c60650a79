/**
 * Loss of eligibility (issue 17, Deliver 3): a person removed from the school is disabled at once and every
 * personal datum of theirs is erased after the school's delay, never more than 90 days (the charters' three months).
 */
/** The delay between a removal and the erasure, when the school set none. */
export const DELETION_DELAY_DAYS_DEFAULT = 90;
/** The longest delay a school may set: the law's three months. */
export const DELETION_DELAY_DAYS_MAX = 90;
/** The shortest delay a school may set (a guardian must have time to download the child's data). */
export const DELETION_DELAY_DAYS_MIN = 7;
/** How often the deletion job runs (daily; at most this, tests run it more often). */
export const DELETION_JOB_INTERVAL_MS = 86_400_000;
/** People erased in one batch of the job (read, then erased one by one). */
export const DELETION_JOB_BATCH = 50;
/** Batches of `DELETION_JOB_BATCH` one run of the deletion job may erase (a daily run: up to 2,000 people). */
export const DELETION_JOB_MAX_BATCHES = 40;
/** The author name shown for a departed person's kept contributions, by profile. */
export const FORMER_PUPIL_NAME = 'Ancien élève';
export const FORMER_PARENT_NAME = 'Ancien parent';
export const FORMER_MEMBER_NAME = 'Ancien membre';
