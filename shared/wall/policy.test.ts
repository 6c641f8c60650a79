import { describe, expect, it } from 'vitest';
import { canReadItem } from '../policy/can';
import { actorFixture, spaceFixture } from '../policy/fixtures';
import type { ItemResource, ResourceOf } from '../policy/resources';
import {
  canApproveCard,
  canCommentCard,
  canDeleteCard,
  canDeleteComment,
  canEditCard,
  canHideCard,
  canHideComment,
  canMoveCard,
  canReactCard,
  canRejectCard,
  canRestoreCard,
  canApproveComment,
  canSeeCard,
  canSeeComment,
  moderatesCard,
  postsPending,
  wallRights,
} from './policy';
import { WallSettingsSchema, wallSettingsOf, type WallSettings } from './settings';

const actor = actorFixture;
const pupilA = actor('a');
const pupilB = actor('b');
const teacher = actor('t', { profiles: ['teacher'], pupilClassIds: [], teacherClassIds: ['ce2'] });
const parent = actor('p', { profiles: ['parent'], pupilClassIds: [], children: [{ userId: 'a', classIds: ['ce2'], groupIds: [] }] });
const outsider = actor('x', { pupilClassIds: ['cm2'] });
const moderator = actor('m', { moderatedSpaceIds: ['wall'] });

const space = (overrides: Partial<ResourceOf<'space'>> = {}): ResourceOf<'space'> => spaceFixture({ spaceId: 'wall', moderatorIds: ['m'], ...overrides });
const settings = (overrides: Partial<WallSettings> = {}): WallSettings => ({ ...WallSettingsSchema.parse({}), ...overrides });
const cardOfA = { authorId: 'a', status: 'published' as const };
const pendingOfA = { authorId: 'a', status: 'pending' as const };

describe('wall settings', () => {
  it('accept {} with defaults, refuse unknown fields and duplicate sections', () => {
    expect(WallSettingsSchema.parse({})).toMatchObject({ layout: 'columns', whoCanPost: 'everyone', preModeration: false, comments: true, reaction: 'like' });
    expect(WallSettingsSchema.safeParse({ evil: 1 }).success).toBe(false);
    expect(WallSettingsSchema.safeParse({ sections: [{ id: 'a', title: 'A', order: 0 }, { id: 'a', title: 'B', order: 1 }] }).success).toBe(false);
    expect(wallSettingsOf({ layout: 'nope' }).layout).toBe('columns');
  });
});

describe('wall policy', () => {
  it('a pupil edits, moves and deletes only their own cards', () => {
    const rights = wallRights(pupilB, space(), settings());
    expect(canEditCard(rights, cardOfA)).toBe(false);
    expect(canMoveCard(rights, cardOfA)).toBe(false);
    expect(canDeleteCard(rights, cardOfA)).toBe(false);
    const own = wallRights(pupilA, space(), settings());
    expect(canEditCard(own, cardOfA) && canMoveCard(own, cardOfA) && canDeleteCard(own, cardOfA)).toBe(true);
  });

  it('"tout le monde modifie" lets pupils edit, move and delete every card', () => {
    const rights = wallRights(pupilB, space(), settings({ everyoneEdits: true }));
    expect(canEditCard(rights, cardOfA) && canMoveCard(rights, cardOfA) && canDeleteCard(rights, cardOfA)).toBe(true);
  });

  it('teachers may do anything, locked positions included', () => {
    const rights = wallRights(teacher, space(), settings({ lockedPositions: true, whoCanPost: 'closed' }));
    expect(rights.moderate && rights.configure && rights.post).toBe(true);
    expect(canEditCard(rights, pendingOfA) && canMoveCard(rights, pendingOfA) && canDeleteCard(rights, pendingOfA) && canApproveCard(rights, pendingOfA)).toBe(true);
    expect(moderatesCard(rights, cardOfA) && canHideCard(rights, cardOfA) && canDeleteComment(rights, { authorId: 'a' })).toBe(true);
    expect(canMoveCard(wallRights(pupilA, space(), settings({ lockedPositions: true })), cardOfA)).toBe(false);
  });

  it('a pupil moderator approves, hides and moves, but neither edits nor deletes others’ cards and comments, nor posts on a closed wall', () => {
    const rights = wallRights(moderator, space(), settings({ lockedPositions: true, whoCanPost: 'closed' }));
    expect(rights.moderate && !rights.post && !rights.configure).toBe(true);
    const firstOfA = { ...pendingOfA, firstReview: true };
    expect(canApproveCard(rights, firstOfA) && canMoveCard(rights, firstOfA) && canSeeCard(rights, firstOfA)).toBe(true);
    expect(canHideCard(rights, cardOfA) && canHideComment(rights, { authorId: 'a' })).toBe(true);
    expect(canEditCard(rights, cardOfA) || canDeleteCard(rights, cardOfA) || moderatesCard(rights, cardOfA) || canDeleteComment(rights, { authorId: 'a' })).toBe(false);
    expect(canEditCard(rights, { authorId: 'm', status: 'published' })).toBe(true);
  });

  it('a hidden comment is seen only by its author and those who run the wall (never a pupil moderator)', () => {
    const hidden = { authorId: 'a', hidden: true };
    expect(canSeeComment(wallRights(pupilB, space(), settings()), hidden) || canSeeComment(wallRights(parent, space(), settings()), hidden)).toBe(false);
    expect(canSeeComment(wallRights(moderator, space(), settings()), hidden)).toBe(false);
    expect(canSeeComment(wallRights(pupilA, space(), settings()), hidden) && canSeeComment(wallRights(teacher, space(), settings()), hidden)).toBe(true);
    expect(canHideComment(wallRights(teacher, space(), settings()), hidden)).toBe(false);
  });

  it('parents read, and comment only where the space allows it; they never react nor edit', () => {
    const closed = wallRights(parent, space(), settings());
    expect(closed.read && !closed.comment && !closed.react && !closed.write).toBe(true);
    const open = wallRights(parent, space({ parentsMayComment: true }), settings());
    expect(canCommentCard(open, cardOfA) && !canReactCard(open, cardOfA) && !canEditCard(open, cardOfA)).toBe(true);
    expect(open.post).toBe(true);
    expect(wallRights(parent, space({ parentsMayComment: true }), settings({ whoCanPost: 'pupils' })).post).toBe(false);
    expect(wallRights(parent, space({ parentsMayComment: true }), settings({ comments: false })).comment).toBe(false);
  });

  it('pre-moderation: pending cards are seen only by their author and moderators', () => {
    expect(canSeeCard(wallRights(pupilB, space(), settings()), pendingOfA)).toBe(false);
    expect(canSeeCard(wallRights(parent, space(), settings()), pendingOfA)).toBe(false);
    expect(canSeeCard(wallRights(pupilA, space(), settings()), pendingOfA)).toBe(true);
    expect(canSeeCard(wallRights(teacher, space(), settings()), pendingOfA)).toBe(true);
    expect(postsPending(wallRights(pupilA, space(), settings({ preModeration: true })))).toBe(true);
    expect(postsPending(wallRights(teacher, space(), settings({ preModeration: true })))).toBe(false);
    // Pupil moderators' own cards (and parents') wait like everyone's: only the teachers are exempt.
    expect(postsPending(wallRights(moderator, space(), settings({ preModeration: true })))).toBe(true);
  });

  it('posting asks what whoCanPost says: everyone → comment, pupils → write, closed → configure', () => {
    const open = space({ parentsMayComment: true });
    expect(wallRights(parent, open, settings({ whoCanPost: 'everyone' })).post).toBe(true);
    expect(wallRights(parent, open, settings({ whoCanPost: 'pupils' })).post).toBe(false);
    expect(wallRights(pupilA, space(), settings({ whoCanPost: 'pupils' })).post).toBe(true);
    expect(wallRights(pupilA, space(), settings({ whoCanPost: 'closed' })).post).toBe(false);
    expect(wallRights(teacher, space(), settings({ whoCanPost: 'closed' })).post).toBe(true);
  });

  it('approving: teachers publish what waits (personal information, an author’s change); a pupil moderator only someone else’s first publication', () => {
    const teacherRights = wallRights(teacher, space(), settings());
    const moderatorRights = wallRights(moderator, space(), settings());
    const held = { ...pendingOfA, personalInfo: true };
    const change = { ...cardOfA, pendingEdit: true };
    expect(canApproveCard(teacherRights, held) && canApproveCard(teacherRights, change) && canRejectCard(teacherRights, change)).toBe(true);
    expect(canApproveCard(moderatorRights, pendingOfA)).toBe(true);
    expect(canApproveCard(moderatorRights, held) || canApproveCard(moderatorRights, change) || canRejectCard(moderatorRights, change)).toBe(false);
    expect(canApproveCard(moderatorRights, { authorId: 'm', status: 'pending' })).toBe(false);
    const hidden = { ...pendingOfA, hidden: true };
    expect(canApproveCard(teacherRights, hidden) || canApproveCard(moderatorRights, hidden) || canRestoreCard(moderatorRights, hidden)).toBe(false);
    expect(canRestoreCard(teacherRights, hidden)).toBe(true);
  });

  it('a comment held for personal information is seen by its author and those who run the wall only (never a pupil moderator), and published by a teacher', () => {
    const held = { authorId: 'a', status: 'pending' as const, personalInfo: true, firstReview: true };
    expect(canSeeComment(wallRights(pupilB, space(), settings()), held) || canSeeComment(wallRights(parent, space(), settings()), held)).toBe(false);
    expect(canSeeComment(wallRights(moderator, space(), settings()), held)).toBe(false);
    expect(canSeeComment(wallRights(pupilA, space(), settings()), held) && canSeeComment(wallRights(teacher, space(), settings()), held)).toBe(true);
    expect(canApproveComment(wallRights(teacher, space(), settings()), held)).toBe(true);
    expect(canApproveComment(wallRights(moderator, space(), settings()), held)).toBe(false);
    expect(canHideComment(wallRights(moderator, space(), settings()), held)).toBe(false);
  });

  it('the personal-information guard warns pupils only', () => {
    expect(wallRights(pupilA, space(), settings()).guarded && wallRights(moderator, space(), settings()).guarded).toBe(true);
    expect(wallRights(teacher, space(), settings()).guarded || wallRights(parent, space(), settings()).guarded).toBe(false);
  });

  it('only the teachers of the class and the director export a wall (the table\'s `export`), not pupils, pupil moderators or parents', () => {
    const director = actor('d', { profiles: ['director'], pupilClassIds: [] });
    const otherTeacher = actor('u', { profiles: ['teacher'], pupilClassIds: [], teacherClassIds: ['cm2'] });
    expect(wallRights(teacher, space(), settings()).export && wallRights(director, space(), settings()).export).toBe(true);
    for (const who of [pupilA, moderator, parent, outsider, otherTeacher]) expect(wallRights(who, space(), settings()).export, who.userId).toBe(false);
  });

  it('a locked space or another class leaves only reading, or nothing', () => {
    const locked = wallRights(pupilA, space({ locked: true }), settings());
    expect(locked.read && !locked.post && !locked.comment && !canEditCard(locked, cardOfA)).toBe(true);
    const other = wallRights(outsider, space(), settings());
    expect(other.read || other.post || canSeeCard(other, cardOfA)).toBe(false);
    expect(wallRights(pupilA, space(), settings({ whoCanPost: 'closed' })).post).toBe(false);
  });

  it('who sees a held card is the policy table’s canReadItem, for every persona and every held state', () => {
    const states = [
      { status: 'pending' as const, firstReview: true },
      { status: 'pending' as const, firstReview: true, personalInfo: true },
      { status: 'pending' as const, firstReview: false },
      { status: 'pending' as const, hidden: true },
      { status: 'pending' as const, firstReview: true, pendingEdit: true },
      { status: 'published' as const },
    ];
    for (const viewer of [pupilA, pupilB, teacher, parent, moderator]) {
      for (const facts of states) {
        const item: ItemResource = {
          type: 'item', schoolId: 'school', space: space(), kind: 'wallCard', itemId: 'c', authorId: 'a',
          state: facts.status === 'published' ? 'visible' : facts.hidden ? 'hidden' : 'pending',
          firstReview: facts.firstReview ?? false, personalInfo: facts.personalInfo ?? false, pendingEdit: facts.pendingEdit ?? false,
        };
        expect(canSeeCard(wallRights(viewer, space(), settings()), { authorId: 'a', ...facts }), `${viewer.userId} ${JSON.stringify(facts)}`).toBe(canReadItem(viewer, item));
      }
    }
  });
});
