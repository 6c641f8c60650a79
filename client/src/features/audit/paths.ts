/** The audit feature's URLs (French, like the rest of the product). */
export const auditPaths = {
  console: '/journal',
  activity: '/eleves/:userId/activite',
} as const;

/** The activity page of one user (a pupil for a teacher; anyone in the school for the director). */
export const activityPath = (userId: string): string => `/eleves/${encodeURIComponent(userId)}/activite`;
