import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration } from 'react-router';
import { AppHeader } from './AppHeader';
import { MainNav, NAVIGATION_ID } from './MainNav';
import { LiveNotifications } from './LiveNotifications';
import classes from './Layout.module.css';
import { NAV_BREAKPOINT, useNavIsDrawer } from './media';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

/** Header + navbar + main landmark around every page. */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const isDrawer = useNavIsDrawer();
  // A closed drawer is only moved off-screen: make it inert so keyboard users do not tab into it.
  const navHidden = isDrawer && !navOpened;

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 240, breakpoint: NAV_BREAKPOINT, collapsed: { mobile: !navOpened } }}
        padding={{ base: 'md', sm: 'xl' }}
      >
        <AppShell.Header>
          <AppHeader navOpened={navOpened} onToggleNav={toggle} />
        </AppShell.Header>
        <AppShell.Navbar id={NAVIGATION_ID} className={classes.navbar} p="md" aria-label={t('a11y.mainNavigation')} inert={navHidden}>
          <MainNav onNavigate={close} />
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
      <LiveNotifications />
      <ScrollRestoration />
    </>
  );
}
