import { Divider, NavLink as MantineNavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { useSession } from '../../features/auth/useSession';
import { TOUCH_TARGET_PX } from './media';
import { navEntriesFor, PUBLIC_ENTRIES, type NavEntry } from './navEntries';
import { UserBox } from './UserBox';

export const NAVIGATION_ID = 'navigation-principale';

/** Links of the navbar; `onNavigate` closes the drawer (below 1024 px) after a choice. */
export function MainNav({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const me = useSession({ passive: true }).data?.me;
  // Built from the rights the server sent: a pupil designated as a moderator sees « Modération » as soon as
  // `/api/me` is read again (the app does so when the server says their rights changed).
  const { main, admin } = me ? navEntriesFor(me) : { main: PUBLIC_ENTRIES, admin: [] };

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
      mih={TOUCH_TARGET_PX}
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
