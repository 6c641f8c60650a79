import { Divider, NavLink as MantineNavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import type { MeResponse } from '../../../../shared/identity/api';
import { isAdministrator, pendingStep } from '../../features/auth/session';
import { useSession } from '../../features/auth/useSession';
import { auditPaths } from '../../features/audit/paths';
import { reportsPath } from '../../features/reports/routes';
import { useSpaces } from '../../features/spaces/useSpaces';
import { paths } from '../paths';
import { UserBox } from './UserBox';

export const NAVIGATION_ID = 'navigation-principale';

type NavKey =
  | 'nav.home'
  | 'nav.signIn'
  | 'nav.dashboard'
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

interface NavEntry {
  to: string;
  labelKey: NavKey;
}

const PUBLIC: NavEntry[] = [
  { to: paths.home, labelKey: 'nav.home' },
  { to: paths.signIn, labelKey: 'nav.signIn' },
];

function entriesFor(me: MeResponse, moderatesSpaces: boolean): { main: NavEntry[]; admin: NavEntry[] } {
  const step = pendingStep(me);
  if (step) return { main: [{ to: step, labelKey: step === paths.charter ? 'nav.charter' : 'nav.changePassword' }], admin: [] };
  const main: NavEntry[] = [
    { to: paths.dashboard, labelKey: 'nav.dashboard' },
    { to: paths.account, labelKey: 'nav.account' },
    { to: reportsPath, labelKey: 'nav.reports' },
    { to: paths.charter, labelKey: 'nav.charter' },
  ];
  // Teachers and the director open the live moderation console and the log (of their classes, of the school);
  // pupil moderators the console of the spaces they were designated for.
  if (me.profiles.some((profile) => profile === 'teacher' || profile === 'director')) {
    main.splice(1, 0, { to: '/moderation', labelKey: 'nav.moderation' }, { to: auditPaths.console, labelKey: 'nav.adminAudit' });
  } else if (moderatesSpaces) {
    main.splice(1, 0, { to: '/moderation', labelKey: 'nav.moderation' });
  }
  if (!isAdministrator(me)) return { main, admin: [] };
  const director = me.profiles.includes('director');
  const admin: NavEntry[] = [
    { to: paths.adminUsers, labelKey: 'nav.adminUsers' },
    { to: paths.adminClasses, labelKey: 'nav.adminClasses' },
    { to: paths.adminImport, labelKey: 'nav.adminImport' },
    // Editing charters is the director's (the policy says so too).
    ...(director ? [{ to: paths.adminCharter, labelKey: 'nav.adminCharter' as const }, { to: paths.adminModeration, labelKey: 'nav.adminModeration' as const }] : []),
  ];
  return { main, admin };
}

/** Links of the navbar; `onNavigate` lets the phone layout close the drawer after a choice. */
export function MainNav({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const me = useSession({ passive: true }).data?.me;
  // Whether this pupil was designated to moderate some space (then the console is in their menu too).
  const pupil = Boolean(me && !pendingStep(me) && me.profiles.includes('pupil'));
  const spaces = useSpaces({ enabled: pupil });
  const moderatesSpaces = pupil && Boolean(me && spaces.data?.some((space) => space.moderatorIds.includes(me.user.id)));
  const { main, admin } = me ? entriesFor(me, moderatesSpaces) : { main: PUBLIC, admin: [] };

  const render = (link: NavEntry) => (
    <MantineNavLink
      key={link.to}
      component={NavLink}
      to={link.to}
      end
      label={t(link.labelKey)}
      active={pathname === link.to}
      onClick={onNavigate}
      fz="md"
      fw={600}
      py="sm"
    />
  );

  return (
    <Stack gap={4} h="100%">
      {main.map(render)}
      {admin.length > 0 && (
        <>
          <Divider my="sm" label={t('nav.adminSection')} labelPosition="left" styles={{ label: { fontSize: 'var(--mantine-font-size-sm)', color: 'var(--mantine-color-dimmed)' } }} />
          {admin.map(render)}
        </>
      )}
      {me && <UserBox me={me} variant="drawer" />}
    </Stack>
  );
}
