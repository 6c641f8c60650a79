/** The family feature's URLs (French, like the rest of the product). */
export const familyPaths = {
  family: '/famille',
  classWeek: '/classes/:classId/semaine',
} as const;

/** The teachers' week of one class (« Cette semaine en CE2 »). */
export const classWeekPath = (classId: string): string => `/classes/${encodeURIComponent(classId)}/semaine`;

/** The family page on one child's tab. */
export const childWeekPath = (childId: string): string => `/famille?enfant=${encodeURIComponent(childId)}`;
