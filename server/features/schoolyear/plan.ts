/**
 * The plan of a new school year (« bascule de rentrée »), read from the store: which classes become archives
 * (with their spaces), which classes the year creates and who teaches them, where each pupil goes (or « sans
 * classe »), how many pupil moderator designations are revoked. The preview shows it; the confirmation reads it
 * again inside its transaction and applies it only if its fingerprint is the one the director read.
 */
import { createHash } from 'node:crypto';
import { AppError, type ValidationIssue } from '../../../shared/errors';
import { YEAR_ARCHIVE_VISIBLE_DAYS } from '../../../shared/schoolyear/limits';
import type { NewClassReq, PlannedPerson, YearSwitchPlan, YearSwitchReq } from '../../../shared/schoolyear/types';
import type { ServerContext } from '../../context';
import type { ClassDoc, MembershipDoc } from '../directory/model';
import { IN_SERVICE, spacesCollection, type SpaceDoc } from '../spaces/model';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One class the year creates, with its teachers and pupils decided. */
export interface PlannedClass extends NewClassReq {
  teacherIds: string[];
  pupilIds: string[];
}

/** Everything the switch needs, with the public plan the director reads. */
export interface YearSwitchWork {
  plan: YearSwitchPlan;
  current: ClassDoc[];
  /** Class memberships of last year's classes (teachers and pupils), still current. */
  memberships: MembershipDoc[];
  classes: PlannedClass[];
  /** Spaces of last year's classes, to archive. */
  archivedSpaces: SpaceDoc[];
  /** Every space with pupil moderators (archived or not). */
  designatedSpaces: SpaceDoc[];
  /** Pupils and their move: the class name, or null (« sans classe »). */
  moves: { userId: string; fromClassId: string; to: string | null }[];
}

const invalid = (path: string, message: string): never => {
  throw new AppError('VALIDATION', message, [{ path, message } satisfies ValidationIssue]);
};

/** The year in progress: the school's, or the latest of its classes in service. */
function currentYearOf(schoolYear: string | undefined, current: ClassDoc[]): string | null {
  return schoolYear ?? current.map((found) => found.schoolYear).sort().at(-1) ?? null;
}

export async function planYearSwitch(ctx: ServerContext, schoolId: string, req: YearSwitchReq, now: number): Promise<YearSwitchWork> {
  const { directory } = ctx.services;
  const school = await directory.schools.findOne({ _id: schoolId });
  if (!school) throw new AppError('NOT_FOUND', 'School not found');
  const current = await directory.classes.find({ schoolId, archivedAt: null }, { sort: { name: 1, _id: 1 } });
  const currentYear = currentYearOf(school.schoolYear, current);
  const [first, second] = req.schoolYear.split('-').map(Number);
  if (second !== (first ?? 0) + 1) invalid('schoolYear', 'A school year spans two following years, like 2027-2028');
  if (currentYear === req.schoolYear) throw new AppError('CONFLICT', 'This school year is already open');
  if (currentYear !== null && req.schoolYear < currentYear) invalid('schoolYear', `The new school year must come after ${currentYear}`);
  if (req.visibleUntil !== undefined && req.visibleUntil <= now) invalid('visibleUntil', 'The archives must stay visible until a later date');
  const currentIds = new Set(current.map((found) => found._id));
  const memberships = await directory.memberships.find({ schoolId, kind: 'class', targetId: { $in: [...currentIds] }, until: null }, { sort: { _id: 1 } });
  const teachersOf = (classId: string | null) => memberships.filter((m) => m.targetId === classId && m.role === 'teacher').map((m) => m.userId);

  const wanted: NewClassReq[] = req.classes ?? current.map((found) => ({ name: found.name, level: found.level, fromClassId: found._id }));
  const names = new Set<string>();
  const classes: PlannedClass[] = wanted.map((wish, index) => {
    if (wish.fromClassId !== null && !currentIds.has(wish.fromClassId)) invalid(`classes.${index}.fromClassId`, 'Not a class of the year in progress');
    if (names.has(wish.name)) invalid(`classes.${index}.name`, 'Two classes of the new year have this name');
    names.add(wish.name);
    return { ...wish, teacherIds: [...new Set(wish.teacherIds ?? teachersOf(wish.fromClassId))], pupilIds: [] };
  });
  const teacherIds = [...new Set(classes.flatMap((planned) => planned.teacherIds))];
  const teachers = await directory.users.find({ _id: { $in: teacherIds }, schoolId });
  const notTeacher = teacherIds.find((id) => !teachers.some((user) => user._id === id && user.profiles.includes('teacher')));
  if (notTeacher) invalid('classes', `${notTeacher} is not a teacher of the school`);

  // Each pupil of last year: the class named for them, else the class that continues theirs, else none.
  const pupilMemberships = memberships.filter((m) => m.role === 'pupil');
  const pupilIds = [...new Set(pupilMemberships.map((m) => m.userId))];
  for (const userId of Object.keys(req.moves ?? {})) if (!pupilIds.includes(userId)) invalid(`moves.${userId}`, 'Not a pupil of the year in progress');
  const moves = pupilIds.map((userId) => {
    const fromClassId = pupilMemberships.find((m) => m.userId === userId)!.targetId;
    const named = req.moves?.[userId];
    const to = named !== undefined ? named : (classes.find((planned) => planned.fromClassId === fromClassId)?.name ?? null);
    const target = to === null ? undefined : classes.find((planned) => planned.name === to);
    if (to !== null && !target) invalid(`moves.${userId}`, `No class of the new year is named ${to}`);
    target?.pupilIds.push(userId);
    return { userId, fromClassId, to };
  });

  const spaces = await spacesCollection(ctx.store).find({ schoolId, ...IN_SERVICE }, { sort: { _id: 1 } });
  const archivedSpaces = spaces.filter((space) => space.scope.kind === 'class' && currentIds.has(space.scope.classId));
  const designatedSpaces = spaces.filter((space) => space.moderatorIds.length > 0);
  const people = await directory.users.find({ _id: { $in: [...pupilIds, ...teacherIds] }, schoolId });
  const person = (id: string): PlannedPerson => ({ id, displayName: people.find((user) => user._id === id)?.displayName ?? '' });

  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        req: { ...req, visibleUntil: req.visibleUntil ?? null },
        currentYear,
        current: current.map((found) => [found._id, found.name, found.level]),
        memberships: memberships.map((m) => [m._id, m.userId, m.targetId, m.role]),
        spaces: spaces.map((space) => [space._id, space.version]),
      }),
    )
    .digest('hex');
  const plan: YearSwitchPlan = {
    currentYear,
    schoolYear: req.schoolYear,
    visibleUntil: req.visibleUntil ?? now + YEAR_ARCHIVE_VISIBLE_DAYS * DAY_MS,
    archived: current.map((found) => ({
      id: found._id,
      name: found.name,
      schoolYear: found.schoolYear,
      spaces: archivedSpaces.filter((space) => space.scopeId === found._id).length,
    })),
    created: classes.map((planned) => ({
      name: planned.name,
      level: planned.level,
      fromClassId: planned.fromClassId,
      teachers: planned.teacherIds.map(person),
      pupils: planned.pupilIds.length,
    })),
    moved: moves.flatMap((move) => (move.to === null ? [] : [{ ...person(move.userId), fromClassId: move.fromClassId, toClass: move.to }])),
    withoutClass: moves.flatMap((move) => (move.to === null ? [{ ...person(move.userId), fromClassId: move.fromClassId }] : [])),
    designationsReset: designatedSpaces.reduce((sum, space) => sum + space.moderatorIds.length, 0),
    rulesReset: false,
    fingerprint,
  };
  return { plan, current, memberships, classes, archivedSpaces, designatedSpaces, moves };
}
