import { useMemo } from 'react';
import type { ClassSummary, PublicUser } from '../../../../shared/identity/api';
import type { SpaceSummary } from '../../../../shared/spaces/types';
import { useClassList } from '../admin/useClasses';
import { useMe } from '../auth/useSession';
import { useDashboard } from '../dashboard/useDashboard';
import { useSpaces } from '../spaces/useSpaces';
import { useClassPeople, useSchoolDirectory } from './api';

/** The classes a reader may filter the log on: those they teach, or every class for the director. */
export function useReadableClasses(director: boolean): { classes: ClassSummary[]; ready: boolean } {
  const dashboard = useDashboard();
  const schoolClasses = useClassList({ enabled: director });
  return useMemo(
    () =>
      director
        ? { classes: schoolClasses.data ?? [], ready: !schoolClasses.isPending }
        : { classes: dashboard.data?.classes ?? [], ready: !dashboard.isPending },
    [director, dashboard.data, dashboard.isPending, schoolClasses.data, schoolClasses.isPending],
  );
}

/** The names behind the ids of the log, from what the reader may already see. */
export interface AuditNames {
  people: Map<string, PublicUser>;
  spaces: Map<string, SpaceSummary>;
  classNames: Map<string, string>;
  /** The selected class's roster (null until loaded, or with no class selected). */
  members: { teachers: PublicUser[]; pupils: PublicUser[] } | null;
  membersQuery: ReturnType<typeof useClassPeople>;
  /** The whole school's accounts (the director only, null otherwise). */
  directory: PublicUser[] | null;
}

/**
 * Teachers see the roster of their class (`/api/admin/classes/:id/members`), the director the school's
 * directory (`/api/admin/users`); both see the spaces they may read (`/api/spaces`). An id none of these
 * know (a parent, for a teacher) stays an id: the log keeps ids, never copies of names.
 */
export function useAuditNames({ director, classId, classes }: { director: boolean; classId: string | null; classes: ClassSummary[] }): AuditNames {
  const me = useMe();
  const membersQuery = useClassPeople(classId);
  const directory = useSchoolDirectory(director);
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
