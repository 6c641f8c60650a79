import { describe, expect, it } from 'vitest';
import { moderatesAnything, NO_CAPABILITIES, opensRoster, readsAudit, runsClass } from './capabilities';

describe('capabilities', () => {
  it('answers from the rights only', () => {
    expect(moderatesAnything(NO_CAPABILITIES)).toBe(false);
    expect(moderatesAnything({ ...NO_CAPABILITIES, moderation: { school: false, classIds: [], spaceIds: ['w1'] } })).toBe(true);
    expect(readsAudit({ ...NO_CAPABILITIES, audit: { school: false, classIds: ['c1'] } })).toBe(true);
    expect(readsAudit({ ...NO_CAPABILITIES, administer: true })).toBe(false);
  });

  it('lets the moderators of a class (or of the school) run it, and those who administer open every roster', () => {
    const teacher = { ...NO_CAPABILITIES, moderation: { school: false, classIds: ['c1'], spaceIds: [] } };
    expect(runsClass(teacher, 'c1')).toBe(true);
    expect(runsClass(teacher, 'c2')).toBe(false);
    // A pupil moderator of a space does not run its class.
    expect(runsClass({ ...NO_CAPABILITIES, moderation: { school: false, classIds: [], spaceIds: ['w1'] } }, 'c1')).toBe(false);
    expect(opensRoster({ ...NO_CAPABILITIES, administer: true }, 'c2')).toBe(true);
    expect(runsClass({ ...NO_CAPABILITIES, administer: true }, 'c2')).toBe(false);
  });
});
