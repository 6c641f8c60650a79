import type { YearSwitchState } from '../../../shared/schoolyear/types';
import type { ServerContext } from '../../context';

/** The next school year after one (« 2026-2027 » → « 2027-2028 »). */
export function nextSchoolYear(year: string): string {
  const first = Number(year.slice(0, 4)) + 1;
  return `${first}-${first + 1}`;
}

/** What the « Nouvelle année scolaire » page starts from: the year in progress, its classes and the teachers. */
export async function yearSwitchState(ctx: ServerContext, schoolId: string): Promise<YearSwitchState> {
  const { directory } = ctx.services;
  const school = await directory.schools.findOne({ _id: schoolId });
  const current = await directory.classes.find({ schoolId, archivedAt: null }, { sort: { name: 1, _id: 1 } });
  const currentYear = school?.schoolYear ?? current.map((found) => found.schoolYear).sort().at(-1) ?? null;
  const memberships = await directory.memberships.find({ schoolId, kind: 'class', role: 'teacher', targetId: { $in: current.map((found) => found._id) }, until: null });
  const teachers = await directory.users.find({ schoolId, profiles: 'teacher', status: 'active' }, { sort: { searchText: 1 } });
  return {
    currentYear,
    nextYear: nextSchoolYear(currentYear ?? `${new Date(Date.now()).getFullYear() - 1}`),
    classes: current.map((found) => ({
      id: found._id,
      name: found.name,
      level: found.level,
      teacherIds: memberships.filter((m) => m.targetId === found._id).map((m) => m.userId),
    })),
    teachers: teachers.map((user) => ({ id: user._id, displayName: user.displayName })),
  };
}
