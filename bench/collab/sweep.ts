/**
 * The collab sweep's verdicts: where the reference server's knee is (the first size at which it no longer
 * converges or its p99 passes a second), and whether Préau sustains at least twice that many rooms.
 */
import { converged, type LoadResult } from './load-run';

/** The reference fails at a size where a room does not converge or its p99 passes this. */
export const REFERENCE_FAILURE_P99_MS = 1_000;
/** Préau sustains a size when every room converges and its p99 stays under this. */
export const SUSTAIN_P99_MS = 1_000;
/** Préau must sustain this many times the reference's knee (in rooms of the same size). */
export const KNEE_FACTOR = 2;

/** One size of the sweep: Préau, and the reference when it was measured at that size. */
export interface SweepStep {
  rooms: number;
  preau: LoadResult;
  reference?: LoadResult;
}

/** Whether a server held a size: every room converged and p99 under the bound. */
export const holds = (result: LoadResult, p99LimitMs: number): boolean => converged(result) && result.p99 <= p99LimitMs;

/** The first size (in rooms, ascending) at which the reference failed, if it did. */
export function referenceKnee(steps: readonly SweepStep[]): number | undefined {
  const measured = steps.filter((step) => step.reference).sort((a, b) => a.rooms - b.rooms);
  return measured.find((step) => !holds(step.reference!, REFERENCE_FAILURE_P99_MS))?.rooms;
}

/** The room count Préau must sustain, once the reference's knee is known. */
export const requiredRooms = (knee: number): number => knee * KNEE_FACTOR;

export interface KneeVerdict {
  ok: boolean;
  /** One line: the knee, the requirement, what Préau did. */
  text: string;
}

/**
 * Préau passes when the reference failed at some size K and Préau held every measured size up to 2 K, 2 K
 * included. Without a knee in the sweep (the reference held every size) nothing is shown: that is a failure too,
 * with the advice to add larger sizes.
 */
export function kneeVerdict(steps: readonly SweepStep[]): KneeVerdict {
  const knee = referenceKnee(steps);
  if (knee === undefined) {
    const measured = steps.filter((step) => step.reference).map((step) => step.rooms);
    if (measured.length === 0) return { ok: false, text: 'UNDECIDED (FAIL): the reference was not measured' };
    return { ok: false, text: `UNDECIDED (FAIL): the reference held every size up to ${Math.max(...measured)} rooms; add larger sizes to BENCH_SWEEP` };
  }
  const required = requiredRooms(knee);
  const upTo = steps.filter((step) => step.rooms <= required).sort((a, b) => a.rooms - b.rooms);
  const atRequired = upTo.find((step) => step.rooms === required);
  const failed = upTo.filter((step) => !holds(step.preau, SUSTAIN_P99_MS)).map((step) => step.rooms);
  const ok = atRequired !== undefined && failed.length === 0;
  const measured = atRequired
    ? `at ${required} rooms Préau p99 ${atRequired.preau.p99.toFixed(1)} ms, ${atRequired.preau.roomsConverged}/${required} converged, ${atRequired.preau.missing} missing`
    : `Préau was not measured at ${required} rooms`;
  const also = failed.length > 0 ? `; Préau failed at ${failed.join(', ')} rooms` : '';
  return { ok, text: `reference knee ${knee} rooms → Préau must sustain ${required} rooms: ${measured}${also}: ${ok ? 'PASS' : 'FAIL'}` };
}
