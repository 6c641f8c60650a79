/** URLs are French, like the rest of the product. */
export const paths = {
  home: '/',
  signIn: '/connexion',
  charter: '/charte',
  changePassword: '/mot-de-passe',
  dashboard: '/accueil',
  account: '/mon-compte',
  classRoster: '/classes/:classId',
  adminUsers: '/admin/utilisateurs',
  adminClasses: '/admin/classes',
  adminImport: '/admin/import',
  adminCharter: '/admin/charte',
  adminModeration: '/admin/moderation',
  adminAudit: '/admin/journal',
} as const;

/** The roster page of one class. */
export const classRosterPath = (classId: string): string => `/classes/${encodeURIComponent(classId)}`;
