import { describe, expect, it } from 'vitest';
import { padAccess } from '../pad/policy';
import { can, spaceRightsOf } from '../policy/can';
import { actorFixture, spaceFixture } from '../policy/fixtures';
import type { ItemResource } from '../policy/resources';
import { WallSettingsSchema } from '../wall/settings';
import { wallRightsFrom } from '../wall/policy';
import { archivedAsks } from './lifecycle';

const pupil = actorFixture('p');
const teacher = actorFixture('t', { profiles: ['teacher'], pupilClassIds: [], teacherClassIds: ['ce2'] });
const colleague = actorFixture('k', { profiles: ['teacher'], pupilClassIds: [], teacherClassIds: ['cm1'] });
const director = actorFixture('d', { profiles: ['director'], pupilClassIds: [] });
const parent = actorFixture('parent', { profiles: ['parent'], pupilClassIds: [], children: [{ userId: 'p', classIds: ['ce2'], groupIds: [] }] });

describe('the policy table on archived spaces and co-owners (issue 19)', () => {
  it('an archived space is read by its members and written by nobody, while its teachers still configure and moderate it', () => {
    const archived = spaceFixture({ archived: true, parentsMayComment: true });
    for (const actor of [pupil, teacher, director, parent]) {
      expect(can(actor, 'read', archived), actor.userId).toBe(true);
      expect(can(actor, 'write', archived), actor.userId).toBe(false);
      expect(can(actor, 'comment', archived), actor.userId).toBe(false);
    }
    expect(spaceRightsOf(teacher, archived)).toEqual({ read: true, comment: false, write: false, moderate: true, configure: true });
    expect(spaceRightsOf(teacher, spaceFixture())).toEqual({ read: true, comment: true, write: true, moderate: true, configure: true });
    expect(padAccess(teacher, { ...archived, kind: 'pad' }, [])).toEqual({ mode: 'read', reason: 'archived' });
    expect(padAccess(pupil, { ...archived, kind: 'pad' }, [])).toEqual({ mode: 'read', reason: 'archived' });
  });

  it('on an archived space, what would ask configure or moderate asks write; nothing else changes', () => {
    expect(archivedAsks({ archived: true }, 'configure')).toBe('write');
    expect(archivedAsks({ archived: true }, 'moderate')).toBe('write');
    expect(archivedAsks({ archived: true }, 'read')).toBe('read');
    expect(archivedAsks({ archived: false }, 'configure')).toBe('configure');
    const closed = WallSettingsSchema.parse({ whoCanPost: 'closed' });
    expect(wallRightsFrom('t', spaceRightsOf(teacher, spaceFixture()), closed).post).toBe(true);
    expect(wallRightsFrom('t', spaceRightsOf(teacher, spaceFixture({ archived: true })), closed, false, false, true).post).toBe(false);
  });

  it('a co-owner runs the space as its teachers do; only a teacher profile counts', () => {
    const shared = spaceFixture({ coOwnerIds: ['k', 'p2'] });
    expect(spaceRightsOf(colleague, spaceFixture())).toEqual({ read: false, comment: false, write: false, moderate: false, configure: false });
    expect(spaceRightsOf(colleague, shared)).toEqual({ read: true, comment: true, write: true, moderate: true, configure: true });
    expect(can(colleague, 'export', shared)).toBe(true);
    const item: ItemResource = { type: 'item', schoolId: 'school', space: shared, kind: 'wallCard', itemId: 'c', authorId: 'p', state: 'visible', firstReview: false, personalInfo: false, pendingEdit: false };
    expect(can(colleague, 'hide', item)).toBe(true);
    // A pupil listed by mistake gets nothing from it.
    const otherPupil = actorFixture('p2', { pupilClassIds: ['cm1'] });
    expect(spaceRightsOf(otherPupil, shared).read).toBe(false);
  });
});
