import { describe, expect, it } from 'vitest';
import { BoundedJsonSchema, jsonShapeProblem } from './json';
import { JSON_INPUT_MAX_DEPTH, JSON_INPUT_MAX_VALUES } from './limits';

/** Arrays nested `levels` deep, built without recursion (as JSON.parse would from a hostile payload). */
function nested(levels: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('jsonShapeProblem', () => {
  it('refuses input nested 100,000 deep without recursion, quickly', () => {
    const started = performance.now();
    expect(jsonShapeProblem({ type: 'doc', content: nested(100_000) })).toBe('nested too deeply');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('accepts nesting up to the limit, and counts values', () => {
    expect(jsonShapeProblem(nested(JSON_INPUT_MAX_DEPTH - 1))).toBeNull();
    expect(jsonShapeProblem(nested(JSON_INPUT_MAX_DEPTH))).toBe('nested too deeply');
    expect(jsonShapeProblem(Array.from({ length: JSON_INPUT_MAX_VALUES }, () => 1))).toBe('too many values');
    expect(jsonShapeProblem({ a: () => 1 })).toBe('not plain data');
  });

  it('BoundedJsonSchema is a zod validation issue, never an exception', () => {
    const parsed = BoundedJsonSchema.safeParse({ type: 'doc', content: nested(100_000) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('The text is nested too deeply');
    expect(BoundedJsonSchema.safeParse({ type: 'doc', content: [] }).success).toBe(true);
  });
});
