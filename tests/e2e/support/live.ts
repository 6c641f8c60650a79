/**
 * How long these tests wait for a live change to reach another tab: long enough for a loaded CI machine. The tests
 * show that a change arrives without a reload; how fast it arrives is measured by `npm run bench:*`.
 */
export const LIVE_MS = 5_000;
