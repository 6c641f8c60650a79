import { describe, expect, it } from 'vitest';
import { CYCLE_2_LEVELS, exemptFromPasswordChange, SignInCardSchema, signInCardLink } from './sign-in-card';

describe('who keeps the given password', () => {
  it('a pupil whose every class is of an exempt level, whatever the spelling of the level', () => {
    expect(exemptFromPasswordChange(['CE2'], CYCLE_2_LEVELS)).toBe(true);
    expect(exemptFromPasswordChange(['ce1 ', 'CP'], CYCLE_2_LEVELS)).toBe(true);
    expect(exemptFromPasswordChange(['CE2', 'CM1'], CYCLE_2_LEVELS)).toBe(false);
    expect(exemptFromPasswordChange(['CM2'], CYCLE_2_LEVELS)).toBe(false);
    // No class: as before, the change is forced.
    expect(exemptFromPasswordChange([], CYCLE_2_LEVELS)).toBe(false);
    expect(exemptFromPasswordChange(['6e'], ['6E'])).toBe(true);
  });
});

describe('a card’s link', () => {
  it('carries the token in the fragment, which the schema takes back', () => {
    const link = signInCardLink('https://preau.example', 'abcdefghijklmnopqrstuvwxyz012345');
    expect(link).toBe('https://preau.example/carte#abcdefghijklmnopqrstuvwxyz012345');
    expect(SignInCardSchema.safeParse({ token: link.split('#')[1] }).success).toBe(true);
    expect(SignInCardSchema.safeParse({ token: 'court' }).success).toBe(false);
    expect(SignInCardSchema.safeParse({ token: 'a'.repeat(20) + '<script>' }).success).toBe(false);
  });
});
