/** Periodic jobs of the server (server/jobs). With REDIS_URL, one node at a time runs each of them. */

/** Expired sessions are deleted this often (they are refused on use anyway: this only keeps the collection small). */
export const SESSION_PURGE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * With REDIS_URL, a periodic job's run holds its lock for this share of the job's interval (the lock is not
 * released after the run): another node whose timer fires within the same interval finds it taken, and the next
 * run may start once the share has passed, on whichever node comes first. So the job runs once per interval, and
 * still runs when the node that last ran it is gone.
 */
export const JOB_LOCK_INTERVAL_SHARE = 0.9;
