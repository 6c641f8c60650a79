import { describe, expect, it } from 'vitest';
import type { Actor } from '../policy/actor';
import { actorFixture, spaceFixture } from '../policy/fixtures';
import type { ResourceOf } from '../policy/resources';
import { padAccess } from './policy';

/** Pupils of no class unless told, in school `s`. */
const actor = (overrides: Partial<Actor>): Actor => actorFixture(overrides.userId ?? 'u', { schoolId: 's', pupilClassIds: [], ...overrides });
const pad = (overrides: Partial<ResourceOf<'space'>> = {}): ResourceOf<'space'> => spaceFixture({ schoolId: 's', spaceId: 'p', kind: 'pad', moderatorIds: ['yanis'], ...overrides });

const pupil = actor({ userId: 'lea', pupilClassIds: ['ce2'] });
const moderator = actor({ userId: 'yanis', pupilClassIds: ['ce2'], moderatedSpaceIds: ['p'] });
const teacher = actor({ userId: 't', profiles: ['teacher'], teacherClassIds: ['ce2'] });
const parent = actor({ userId: 'mum', profiles: ['parent'], children: [{ userId: 'lea', classIds: ['ce2'], groupIds: [] }] });
const outsider = actor({ userId: 'ethan', pupilClassIds: ['cm2'] });

describe('padAccess', () => {
  it('lets members write, parents read, and others nothing', () => {
    expect(padAccess(pupil, pad(), [])).toEqual({ mode: 'write' });
    expect(padAccess(parent, pad(), [])).toEqual({ mode: 'read', reason: 'reader' });
    expect(padAccess(outsider, pad(), [])).toEqual({ mode: 'none' });
    expect(padAccess(null, pad(), [])).toEqual({ mode: 'none' });
  });

  it('follows the writers setting and the lock; moderators write in a locked pad', () => {
    expect(padAccess(pupil, pad({ writers: 'teachers' }), [])).toEqual({ mode: 'read', reason: 'writers' });
    expect(padAccess(pupil, pad({ writers: 'some', writerIds: ['lea'] }), [])).toEqual({ mode: 'write' });
    expect(padAccess(pupil, pad({ locked: true }), [])).toEqual({ mode: 'read', reason: 'locked' });
    expect(padAccess(moderator, pad({ locked: true }), [])).toEqual({ mode: 'write' });
    expect(padAccess(teacher, pad({ locked: true }), [])).toEqual({ mode: 'write' });
  });

  it('decides pupil moderators from the space as stored now, not from the actor', () => {
    // Designated on the space: writes in a locked pad, even with an actor loaded before the designation.
    const before = actor({ userId: 'lea', pupilClassIds: ['ce2'], moderatedSpaceIds: [] });
    expect(padAccess(before, pad({ locked: true, moderatorIds: ['lea'] }), [])).toEqual({ mode: 'write' });
    // Revoked on the space: a pupil again, whatever the actor still says.
    expect(padAccess(moderator, pad({ locked: true, moderatorIds: [] }), [])).toEqual({ mode: 'read', reason: 'locked' });
    expect(padAccess(moderator, pad({ writers: 'teachers', moderatorIds: [] }), [])).toEqual({ mode: 'read', reason: 'writers' });
    // Designated on another pad only: nothing more here.
    expect(padAccess(moderator, pad({ spaceId: 'other', locked: true, moderatorIds: [] }), [])).toEqual({ mode: 'read', reason: 'locked' });
    // A designated pupil who left the class is no moderator of its pad.
    const left = actor({ userId: 'yanis', pupilClassIds: ['cm2'] });
    expect(padAccess(left, pad(), [])).toEqual({ mode: 'none' });
  });

  it('a muted pupil reads only, even a moderator; a mute does not touch a teacher', () => {
    expect(padAccess(pupil, pad(), ['lea'])).toEqual({ mode: 'read', reason: 'muted' });
    expect(padAccess(moderator, pad(), new Set(['yanis']))).toEqual({ mode: 'read', reason: 'muted' });
    expect(padAccess(teacher, pad(), ['t'])).toEqual({ mode: 'write' });
  });
});
