import { describe, expect, it } from 'vitest';
import { can, canReadItem, canReadPendingChange } from './can';
import { actorFixture, spaceFixture } from './fixtures';
import type { ItemResource } from './resources';

const space = spaceFixture({ moderatorIds: ['mod'] });
const item = (overrides: Partial<ItemResource> = {}): ItemResource => ({
  type: 'item',
  schoolId: 'school',
  space,
  kind: 'wallCard',
  itemId: 'i',
  authorId: 'author',
  state: 'visible',
  firstReview: false,
  personalInfo: false,
  pendingEdit: false,
  ...overrides,
});

const author = actorFixture('author');
const classmate = actorFixture('classmate');
const pupilModerator = actorFixture('mod', { moderatedSpaceIds: ['space'] });
const teacher = actorFixture('t', { profiles: ['teacher'], pupilClassIds: [], teacherClassIds: ['ce2'] });
const otherTeacher = actorFixture('t2', { profiles: ['teacher'], pupilClassIds: [], teacherClassIds: ['cm1'] });
const director = actorFixture('d', { profiles: ['director'], pupilClassIds: [] });
const parent = actorFixture('p', { profiles: ['parent'], pupilClassIds: [], children: [{ userId: 'author', classIds: ['ce2'], groupIds: [] }] });

/** Each case: an item, and who reads it (everyone else of the list does not). */
const CASES: { name: string; item: ItemResource; readers: string[] }[] = [
  { name: 'a published item', item: item(), readers: ['author', 'classmate', 'mod', 't', 'd', 'p'] },
  { name: 'a hidden item (a teacher hid it)', item: item({ state: 'hidden' }), readers: ['author', 't', 'd'] },
  { name: 'a first publication waiting for review', item: item({ state: 'pending', firstReview: true }), readers: ['author', 'mod', 't', 'd'] },
  { name: 'a first publication held by the personal-information guard', item: item({ state: 'pending', firstReview: true, personalInfo: true }), readers: ['author', 't', 'd'] },
  { name: 'a pending item a moderator already acted on', item: item({ state: 'pending', firstReview: false }), readers: ['author', 't', 'd'] },
  { name: 'a pending item with a change waiting for review', item: item({ state: 'pending', firstReview: true, pendingEdit: true }), readers: ['author', 't', 'd'] },
  { name: 'a deleted item', item: item({ state: 'deleted' }), readers: [] },
];
const ACTORS = [author, classmate, pupilModerator, teacher, otherTeacher, director, parent];

describe('canReadItem: a pupil sees nothing a teacher removed', () => {
  for (const { name, item: resource, readers } of CASES) {
    it(`${name}: read by ${readers.join(', ') || 'no one'}`, () => {
      expect(ACTORS.filter((actor) => canReadItem(actor, resource)).map((actor) => actor.userId)).toEqual(readers);
    });
  }

  it("a pupil moderator's own held item is theirs to read, not to approve", () => {
    const own = item({ authorId: 'mod', state: 'pending', firstReview: true });
    expect(canReadItem(pupilModerator, own)).toBe(true);
    expect(can(pupilModerator, 'approve', own)).toBe(false);
  });

  it('a pupil moderator reads exactly the held items they may approve', () => {
    for (const { item: resource } of CASES.filter((c) => c.item.state === 'pending')) {
      expect(canReadItem(pupilModerator, resource)).toBe(can(pupilModerator, 'approve', resource));
    }
  });

  it('a revoked pupil moderator reads no held item', () => {
    const revoked = item({ state: 'pending', firstReview: true, space: { ...space, moderatorIds: [] } });
    expect(canReadItem(pupilModerator, revoked)).toBe(false);
  });

  it("a published item's change waiting for review: its authors and those who run the space only", () => {
    const edited = item({ pendingEdit: true });
    expect(ACTORS.filter((actor) => canReadPendingChange(actor, edited)).map((actor) => actor.userId)).toEqual(['author', 't', 'd']);
    expect(canReadPendingChange(classmate, edited, 'classmate')).toBe(true);
  });
});

describe("last year's class (a new school year archived it): its former members only read it", () => {
  const archived = spaceFixture({ archived: true, scope: { kind: 'class', classId: 'ce2' } });
  const formerTeacher = actorFixture('ft', { profiles: ['teacher'], pupilClassIds: [], teacherClassIds: ['cm1'], formerClassIds: ['ce2'] });
  const formerPupil = actorFixture('fp', { pupilClassIds: ['cm1'], formerClassIds: ['ce2'] });
  const formerParent = actorFixture('fpa', { profiles: ['parent'], pupilClassIds: [], children: [{ userId: 'fp', classIds: ['cm1'], groupIds: [], formerClassIds: ['ce2'] }] });
  const stranger = actorFixture('s', { pupilClassIds: ['cm1'] });
  const ACTIONS = ['read', 'comment', 'write', 'moderate', 'configure', 'create', 'export'] as const;
  const allowed = (actor: typeof formerTeacher, resource = archived) => ACTIONS.filter((action) => can(actor, action, resource));

  it('the former teacher, pupil and parent read the space and the class, nothing more', () => {
    for (const actor of [formerTeacher, formerPupil, formerParent]) {
      expect(allowed(actor), actor.userId).toEqual(['read']);
      expect(can(actor, 'read', { type: 'class', schoolId: 'school', classId: 'ce2' }), actor.userId).toBe(true);
      expect(can(actor, 'moderate', { type: 'class', schoolId: 'school', classId: 'ce2' }), actor.userId).toBe(false);
    }
    // Even were the space not archived (unarchived by someone), a former member would still only read it.
    expect(allowed(formerTeacher, { ...archived, archived: false })).toEqual(['read']);
    expect(allowed(formerPupil, { ...archived, archived: false })).toEqual(['read']);
    expect(can(formerTeacher, 'hide', { ...item(), space: archived })).toBe(false);
  });

  it('nobody else reads it; the director still runs it', () => {
    expect(allowed(stranger)).toEqual([]);
    expect(allowed(director)).toEqual(['read', 'moderate', 'configure', 'create', 'export']);
  });
});
