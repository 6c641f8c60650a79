/**
 * The directory's read side: the account list and detail of the administration, class rosters, and each
 * user's dashboard. Every query is bounded to one school; the route's policy has decided who may ask.
 */
import type { ClassMembers, ClassSummary, DashboardResponse, GroupSummary, Page, PublicUser, UserDetail } from '../../../shared/identity/api';
import type { Profile, UserStatus } from '../../../shared/identity/profiles';
import type { Actor } from '../../../shared/policy/actor';
import type { ServerContext } from '../../context';
import type { Filter } from '../../storage/port';
import { userOfSchool } from './service';
import { foldForSearch, presentUser, type ClassDoc, type GroupDoc } from './model';

export const presentClass = (doc: ClassDoc): ClassSummary => ({ id: doc._id, name: doc.name, level: doc.level, schoolYear: doc.schoolYear, archivedAt: doc.archivedAt ?? null });

/** Classes in service first, then last year's (archived), each part in the order given. */
const currentFirst = (classes: ClassDoc[]): ClassDoc[] => [...classes.filter((doc) => !doc.archivedAt), ...classes.filter((doc) => doc.archivedAt)];
export const presentGroup = (doc: GroupDoc): GroupSummary => ({ id: doc._id, name: doc.name });

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface UserListQuery {
  q: string;
  profile?: Profile | undefined;
  status?: UserStatus | undefined;
  page: number;
  pageSize: number;
}

/** One page of a school's accounts; every word of `q` must appear in the folded display name or the login. */
export async function listUsers(ctx: ServerContext, schoolId: string, query: UserListQuery): Promise<Page<PublicUser>> {
  const { users } = ctx.services.directory;
  const words = foldForSearch(query.q).split(/\s+/).filter((word) => word !== '');
  const filter: Filter = {
    schoolId,
    ...(query.profile ? { profiles: query.profile } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(words.length > 0 ? { $and: words.map((word) => ({ searchText: { $regex: escapeRegex(word) } })) } : {}),
  };
  const [items, total] = await Promise.all([
    users.find(filter, { sort: { searchText: 1, _id: 1 }, skip: (query.page - 1) * query.pageSize, limit: query.pageSize }),
    users.count(filter),
  ]);
  return { items: items.map(presentUser), total, page: query.page, pageSize: query.pageSize };
}

/** An account with its classes, groups, children and parents. */
export async function userDetail(ctx: ServerContext, schoolId: string, userId: string): Promise<UserDetail> {
  const { directory } = ctx.services;
  const user = await userOfSchool(ctx, schoolId, userId);
  const memberships = await directory.memberships.find({ userId: user._id });
  const classIds = memberships.filter((m) => m.kind === 'class').map((m) => m.targetId);
  const groupIds = memberships.filter((m) => m.kind === 'group').map((m) => m.targetId);
  const [classes, groups, asParent, asChild] = await Promise.all([
    directory.classes.find({ _id: { $in: classIds }, schoolId }, { sort: { name: 1 } }),
    directory.groups.find({ _id: { $in: groupIds }, schoolId }, { sort: { name: 1 } }),
    directory.guardianships.find({ parentId: user._id }),
    directory.guardianships.find({ childId: user._id }),
  ]);
  const [children, parents] = await Promise.all([
    directory.users.find({ _id: { $in: asParent.map((link) => link.childId) }, schoolId }, { sort: { searchText: 1 } }),
    directory.users.find({ _id: { $in: asChild.map((link) => link.parentId) }, schoolId }, { sort: { searchText: 1 } }),
  ]);
  const roleIn = (classId: string): 'pupil' | 'teacher' =>
    memberships.find((m) => m.kind === 'class' && m.targetId === classId)?.role === 'teacher' ? 'teacher' : 'pupil';
  return {
    user: presentUser(user),
    mustChangePassword: user.mustChangePassword,
    deletionDate: user.deletionDate,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    classes: classes.map((doc) => ({ ...presentClass(doc), role: roleIn(doc._id) })),
    groups: groups.map(presentGroup),
    children: children.map(presentUser),
    parents: parents.map(presentUser),
  };
}

/** Every class of a school: those in service first, then the archived ones; latest school year first in each. */
export async function listClasses(ctx: ServerContext, schoolId: string): Promise<ClassSummary[]> {
  const classes = await ctx.services.directory.classes.find({ schoolId }, { sort: { schoolYear: -1, name: 1, _id: 1 } });
  return currentFirst(classes).map(presentClass);
}

/** A class's teachers and pupils (the class as the route's check loaded it). */
export async function classMembers(ctx: ServerContext, found: ClassDoc): Promise<ClassMembers> {
  const { directory } = ctx.services;
  const schoolId = found.schoolId;
  const memberships = await directory.memberships.find({ kind: 'class', targetId: found._id });
  const users = await directory.users.find({ _id: { $in: memberships.map((m) => m.userId) }, schoolId }, { sort: { searchText: 1, _id: 1 } });
  const teacherIds = new Set(memberships.filter((m) => m.role === 'teacher').map((m) => m.userId));
  return {
    class: presentClass(found),
    teachers: users.filter((user) => teacherIds.has(user._id)).map(presentUser),
    pupils: users.filter((user) => !teacherIds.has(user._id)).map(presentUser),
  };
}

/**
 * What a user sees on their home page (BRIEF rule 3, scoped access): their own classes (as pupil or teacher) and
 * groups, every class and group for the direction, and for a parent the classes and groups of each child.
 */
export async function dashboard(ctx: ServerContext, actor: Actor): Promise<DashboardResponse> {
  const { directory } = ctx.services;
  const schoolId = actor.schoolId;
  const direction = actor.profiles.includes('director') || actor.profiles.includes('admin');
  // Last year's classes (read until the archives' date) are listed too, after the current ones.
  const classesOf = (child: Actor['children'][number]): string[] => [...child.classIds, ...(child.formerClassIds ?? [])];
  const childClassIds = actor.children.flatMap(classesOf);
  const childGroupIds = actor.children.flatMap((child) => child.groupIds);
  const ownClassIds = [...actor.pupilClassIds, ...actor.teacherClassIds, ...actor.formerClassIds];
  const [found, groups, childUsers] = await Promise.all([
    directory.classes.find(
      direction ? { schoolId } : { schoolId, _id: { $in: [...new Set([...ownClassIds, ...childClassIds])] } },
      { sort: { schoolYear: -1, name: 1, _id: 1 } },
    ),
    directory.groups.find(
      direction ? { schoolId } : { schoolId, _id: { $in: [...new Set([...actor.groupIds, ...childGroupIds])] } },
      { sort: { name: 1, _id: 1 } },
    ),
    actor.children.length > 0
      ? directory.users.find({ _id: { $in: actor.children.map((child) => child.userId) }, schoolId }, { sort: { searchText: 1 } })
      : Promise.resolve([]),
  ]);
  const classes = currentFirst(found);
  const own = new Set(ownClassIds);
  const ownGroups = new Set(actor.groupIds);
  return {
    classes: classes.filter((doc) => direction || own.has(doc._id)).map(presentClass),
    groups: groups.filter((doc) => direction || ownGroups.has(doc._id)).map(presentGroup),
    children: childUsers.map((child) => {
      const links = actor.children.find((entry) => entry.userId === child._id);
      return {
        child: presentUser(child),
        classes: classes.filter((doc) => links !== undefined && classesOf(links).includes(doc._id)).map(presentClass),
        groups: groups.filter((doc) => links?.groupIds.includes(doc._id)).map(presentGroup),
      };
    }),
  };
}


/** The display names of some users of one school (one query), by id; unknown ids and nulls are left out. */
export async function displayNamesOf(ctx: ServerContext, schoolId: string, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await ctx.services.directory.users.find({ _id: { $in: wanted }, schoolId });
  return new Map(users.map((user) => [user._id, user.displayName]));
}
