import { describe, expect, it } from 'vitest';
import { createsIn, createsSpaces, moderatesAnything, NO_CAPABILITIES, opensRoster, readsAudit, runsClass } from './capabilities';

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

  it('offers space creation where the server said so, not from the moderation of a space', () => {
    expect(createsSpaces(NO_CAPABILITIES)).toBe(false);
    const teacher = { ...NO_CAPABILITIES, createSpaces: { school: false, classIds: ['c1'] } };
    expect(createsSpaces(teacher)).toBe(true);
    expect(createsIn(teacher, 'c1')).toBe(true);
    expect(createsIn(teacher, 'c2')).toBe(false);
    const pupilModerator = { ...NO_CAPABILITIES, moderation: { school: false, classIds: [], spaceIds: ['w1'] } };
    expect(createsSpaces(pupilModerator)).toBe(false);
  });
});
