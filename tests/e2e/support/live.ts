/**
 * How long these tests wait for a live change to reach another tab: long enough for a loaded CI machine (a 1 s
 * assertion failed once in a full `npm test` on a busy machine). The waits poll: a change that comes at once ends
 * them at once. The tests show that a change arrives without a reload; how fast it arrives is measured by
 * `npm run bench:*`, never here.
 */
export const LIVE_MS = 15_000;

/**
 * How long a test watches for something that must NOT arrive (a held message, a reconnection that must not
 * happen): there is no event to wait for, so this one is a plain wait, kept short.
 */
export const QUIET_MS = 5_000;
