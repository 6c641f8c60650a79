import { NavLink as MantineNavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { paths } from '../paths';

export const NAVIGATION_ID = 'navigation-principale';

const links = [
  { to: paths.home, labelKey: 'nav.home' },
  { to: paths.signIn, labelKey: 'nav.signIn' },
] as const;

/** Links of the navbar; `onNavigate` lets the phone layout close the drawer after a choice. */
export function MainNav({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();

  return (
    <Stack gap={4}>
      {links.map((link) => (
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
      ))}
    </Stack>
  );
}
