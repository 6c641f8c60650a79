import { z } from 'zod';
import { JSON_INPUT_MAX_DEPTH, JSON_INPUT_MAX_VALUES } from './limits';

/** Why a JSON value is out of bounds (too deep, too many values, not plain data), or null. */
export function jsonShapeProblem(input: unknown, limits: { maxDepth?: number; maxValues?: number } = {}): string | null {
  const maxDepth = limits.maxDepth ?? JSON_INPUT_MAX_DEPTH;
  const maxValues = limits.maxValues ?? JSON_INPUT_MAX_VALUES;
  // An explicit stack, never recursion: a 100,000-deep input is refused as cheaply as a flat one.
  const stack: Array<[unknown, number]> = [[input, 0]];
  let values = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    values += 1;
    if (values > maxValues) return 'too many values';
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return 'not plain data';
      continue;
    }
    if (depth >= maxDepth) return 'nested too deeply';
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return null;
}

/**
 * Any JSON input that may hold rich text, checked for depth and size before anything recursive reads it (zod's
 * recursive schemas, JSON.stringify, ProseMirror): an input nested 100,000 deep is a VALIDATION refusal.
 */
export const BoundedJsonSchema = z.unknown().superRefine((value, ctx) => {
  const problem = jsonShapeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `The text is ${problem === 'nested too deeply' ? 'nested too deeply' : 'too large'}` });
});
