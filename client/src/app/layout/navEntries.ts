import type { MeResponse } from '../../../../shared/identity/api';
import { pendingStep } from '../../features/auth/session';
import { auditPaths } from '../../features/audit/paths';
import { familyPaths } from '../../features/family/paths';
import { moderationPath } from '../../features/moderation/paths';
import { reportsPath } from '../../features/reports/paths';
import { moderatesAnything, readsAudit } from '../../lib/capabilities';
import { paths } from '../paths';

export type NavKey =
  | 'nav.home'
  | 'nav.signIn'
  | 'nav.dashboard'
  | 'nav.family'
  | 'nav.account'
  | 'nav.charter'
  | 'nav.changePassword'
  | 'nav.adminUsers'
  | 'nav.adminClasses'
  | 'nav.adminImport'
  | 'nav.adminCharter'
  | 'nav.adminModeration'
  | 'nav.adminAudit'
  | 'nav.moderation'
  | 'nav.reports';

export interface NavEntry {
  to: string;
  labelKey: NavKey;
}

/** The menu of a visitor. */
export const PUBLIC_ENTRIES: NavEntry[] = [
  { to: paths.home, labelKey: 'nav.home' },
  { to: paths.signIn, labelKey: 'nav.signIn' },
];

/**
 * The menu of a signed-in user, from the rights the server sent (`capabilities`), never from profile names: the
 * moderation console for whoever moderates something (the school, classes, or spaces a pupil was designated for),
 * the log for whoever reads it, the administration for whoever administers or runs the school. Until the password
 * is changed and the charter accepted, only that step.
 */
export function navEntriesFor(me: MeResponse): { main: NavEntry[]; admin: NavEntry[] } {
  const step = pendingStep(me);
  if (step) return { main: [{ to: step, labelKey: step === paths.charter ? 'nav.charter' : 'nav.changePassword' }], admin: [] };
  const { capabilities } = me;
  const main: NavEntry[] = [
    // Whoever follows children (a parent) finds their week first.
    ...(capabilities.family.childIds.length > 0 ? [{ to: familyPaths.family, labelKey: 'nav.family' as const }] : []),
    { to: paths.dashboard, labelKey: 'nav.dashboard' },
    ...(moderatesAnything(capabilities) ? [{ to: moderationPath, labelKey: 'nav.moderation' as const }] : []),
    ...(readsAudit(capabilities) ? [{ to: auditPaths.console, labelKey: 'nav.adminAudit' as const }] : []),
    { to: paths.account, labelKey: 'nav.account' },
    { to: reportsPath, labelKey: 'nav.reports' },
    { to: paths.charter, labelKey: 'nav.charter' },
  ];
  const admin: NavEntry[] = [
    ...(capabilities.administer
      ? [
          { to: paths.adminUsers, labelKey: 'nav.adminUsers' as const },
          { to: paths.adminClasses, labelKey: 'nav.adminClasses' as const },
          { to: paths.adminImport, labelKey: 'nav.adminImport' as const },
        ]
      : []),
    ...(capabilities.manageSchool
      ? [
          { to: paths.adminCharter, labelKey: 'nav.adminCharter' as const },
          { to: paths.adminModeration, labelKey: 'nav.adminModeration' as const },
        ]
      : []),
  ];
  return { main, admin };
}
