import { useMemo } from 'react';
import type { Capabilities, ClassSummary, PublicUser } from '../../../../shared/identity/api';
import type { SpaceSummary } from '../../../../shared/spaces/types';
import { useClassList } from '../admin/useClasses';
import { useMe } from '../auth/useSession';
import { useDashboard } from '../dashboard/useDashboard';
import { useSpaces } from '../spaces/useSpaces';
import { useClassPeople, useSchoolDirectory } from './api';

/**
 * The classes a reader may filter the log on, from the rights the server sent: every class for a reader of the
 * school's log, else those of their classes whose log they read (`capabilities.audit.classIds`).
 */
export function useReadableClasses(audit: Capabilities['audit']): { classes: ClassSummary[]; ready: boolean } {
  const schoolWide = audit.school;
  const dashboard = useDashboard();
  const schoolClasses = useClassList({ enabled: schoolWide });
  const classIds = audit.classIds.join(' ');
  return useMemo(() => {
    if (schoolWide) return { classes: schoolClasses.data ?? [], ready: !schoolClasses.isPending };
    const readable = new Set(classIds.split(' '));
    return { classes: (dashboard.data?.classes ?? []).filter((item) => readable.has(item.id)), ready: !dashboard.isPending };
  }, [schoolWide, classIds, dashboard.data, dashboard.isPending, schoolClasses.data, schoolClasses.isPending]);
}

/** The names behind the ids of the log, from what the reader may already see. */
export interface AuditNames {
  people: Map<string, PublicUser>;
  spaces: Map<string, SpaceSummary>;
  classNames: Map<string, string>;
  /** The selected class's roster (null until loaded, or with no class selected). */
  members: { teachers: PublicUser[]; pupils: PublicUser[] } | null;
  membersQuery: ReturnType<typeof useClassPeople>;
  /** The whole school's accounts (a reader of the school's log only, null otherwise). */
  directory: PublicUser[] | null;
}

/**
 * Teachers see the roster of their class (`/api/admin/classes/:id/members`), the director the school's
 * directory (`/api/admin/users`); both see the spaces they may read (`/api/spaces`). An id none of these
 * know (a parent, for a teacher) stays an id: the log keeps ids, never copies of names.
 */
export function useAuditNames({ schoolWide, classId, classes }: { schoolWide: boolean; classId: string | null; classes: ClassSummary[] }): AuditNames {
  const me = useMe();
  const membersQuery = useClassPeople(classId);
  const directory = useSchoolDirectory(schoolWide);
  const spaces = useSpaces();

  return useMemo(() => {
    const people = new Map<string, PublicUser>([[me.user.id, me.user]]);
    for (const user of directory.data ?? []) people.set(user.id, user);
    const members = membersQuery.data ? { teachers: membersQuery.data.teachers, pupils: membersQuery.data.pupils } : null;
    for (const user of [...(members?.teachers ?? []), ...(members?.pupils ?? [])]) people.set(user.id, user);
    return {
      people,
      spaces: new Map((spaces.data ?? []).map((space) => [space.id, space])),
      classNames: new Map(classes.map((item) => [item.id, item.name])),
      members,
      membersQuery,
      directory: directory.data ?? null,
    };
  }, [classes, me.user, membersQuery, directory.data, spaces.data]);
}
